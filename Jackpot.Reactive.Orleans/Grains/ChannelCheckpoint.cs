namespace Jackpot.Reactive.Orleans;

/// <summary>
/// The persisted state of a channel grain: enough to resume the channel's life on another silo. Plain properties of
/// primitive types, so every grain storage serializer (Orleans, System.Text.Json, Newtonsoft) reads it back the same.
/// </summary>
[GenerateSerializer]
[Alias("jackpot.channel-checkpoint")]
internal sealed class ChannelCheckpoint
{
    /// <summary>Gets or sets a value indicating whether a life is in progress (subscribers were there at the last write).</summary>
    [Id(0)]
    public bool Live { get; set; }

    /// <summary>Gets or sets the last event id received; resumed with as <c>Last-Event-ID</c>.</summary>
    [Id(1)]
    public string LastEventId { get; set; } = string.Empty;

    /// <summary>Gets or sets the epoch of <see cref="Sequence"/>.</summary>
    [Id(2)]
    public long Epoch { get; set; }

    /// <summary>Gets or sets the position of the event that carried <see cref="LastEventId"/>.</summary>
    [Id(3)]
    public long Sequence { get; set; }

    /// <summary>Gets or sets the latest value of each jackpot at that position (the snapshot after a failover).</summary>
    [Id(4)]
    public List<StoredJackpotValue> LatestValues { get; set; } = [];
}

/// <summary>One <see cref="JackpotValueUpdated"/> as stored in a <see cref="ChannelCheckpoint"/>.</summary>
[GenerateSerializer]
[Alias("jackpot.stored-value")]
internal sealed class StoredJackpotValue
{
    [Id(0)]
    public string Jackpot { get; set; } = string.Empty;

    [Id(1)]
    public string Instance { get; set; } = string.Empty;

    [Id(2)]
    public string Currency { get; set; } = string.Empty;

    [Id(3)]
    public decimal Amount { get; set; }

    [Id(4)]
    public string RawValue { get; set; } = string.Empty;

    public static StoredJackpotValue From(JackpotValueUpdated value) => new()
    {
        Jackpot = value.Jackpot.Value,
        Instance = value.Instance.Value,
        Currency = value.Currency,
        Amount = value.Amount,
        RawValue = value.RawValue,
    };

    public JackpotValueUpdated ToEvent(ChannelName channel) =>
        new(new JackpotId(Jackpot), new JackpotInstanceId(Instance), channel, Currency, Amount, RawValue);
}
