namespace Jackpot.Reactive.Orleans;

/// <summary>The wire form of every <see cref="JackpotEvent"/> subtype: the payload's fields, ids as text.</summary>
[GenerateSerializer]
[Alias("jackpot.event")]
internal struct JackpotEventSurrogate
{
    [Id(0)]
    public string Reason;

    [Id(1)]
    public string Jackpot;

    [Id(2)]
    public string Instance;

    [Id(3)]
    public string Channel;

    [Id(4)]
    public string Currency;

    [Id(5)]
    public decimal Amount;

    [Id(6)]
    public string RawValue;

    [Id(7)]
    public string? NewInstance;

    [Id(8)]
    public string? Payload;

    [Id(9)]
    public string? EventId;

    public static JackpotEventSurrogate From(JackpotEvent value, JackpotInstanceId? newInstance = null, string? payload = null) => new()
    {
        Reason = value.Reason,
        Jackpot = value.Jackpot.Value,
        Instance = value.Instance.Value,
        Channel = value.Channel.RawValue,
        Currency = value.Currency,
        Amount = value.Amount,
        RawValue = value.RawValue,
        NewInstance = newInstance?.Value,
        Payload = payload,
        EventId = value.EventId,
    };

    public readonly JackpotId JackpotId => Jackpot.Length == 0 ? default : new JackpotId(Jackpot);

    public readonly JackpotInstanceId InstanceId => Instance.Length == 0 ? default : new JackpotInstanceId(Instance);

    public readonly JackpotInstanceId NewInstanceId => string.IsNullOrEmpty(NewInstance) ? default : new JackpotInstanceId(NewInstance);

    public readonly ChannelName ChannelName => Channel.Length == 0 ? default : ChannelName.Parse(Channel);
}

/// <summary>Converts <see cref="JackpotValueUpdated"/> for Orleans serialization.</summary>
[RegisterConverter]
internal sealed class JackpotValueUpdatedConverter : IConverter<JackpotValueUpdated, JackpotEventSurrogate>
{
    public JackpotValueUpdated ConvertFromSurrogate(in JackpotEventSurrogate s) =>
        new(s.JackpotId, s.InstanceId, s.ChannelName, s.Currency, s.Amount, s.RawValue) { EventId = s.EventId };

    public JackpotEventSurrogate ConvertToSurrogate(in JackpotValueUpdated value) => JackpotEventSurrogate.From(value);
}

/// <summary>Converts <see cref="JackpotWonByOther"/> for Orleans serialization.</summary>
[RegisterConverter]
internal sealed class JackpotWonByOtherConverter : IConverter<JackpotWonByOther, JackpotEventSurrogate>
{
    public JackpotWonByOther ConvertFromSurrogate(in JackpotEventSurrogate s) =>
        new(s.JackpotId, s.InstanceId, s.ChannelName, s.Currency, s.Amount, s.RawValue, s.NewInstanceId) { EventId = s.EventId };

    public JackpotEventSurrogate ConvertToSurrogate(in JackpotWonByOther value) => JackpotEventSurrogate.From(value, value.NewInstance);
}

/// <summary>Converts <see cref="JackpotWon"/> for Orleans serialization.</summary>
[RegisterConverter]
internal sealed class JackpotWonConverter : IConverter<JackpotWon, JackpotEventSurrogate>
{
    public JackpotWon ConvertFromSurrogate(in JackpotEventSurrogate s) =>
        new(s.JackpotId, s.InstanceId, s.ChannelName, s.Currency, s.Amount, s.RawValue, s.NewInstanceId) { EventId = s.EventId };

    public JackpotEventSurrogate ConvertToSurrogate(in JackpotWon value) => JackpotEventSurrogate.From(value, value.NewInstance);
}

/// <summary>Converts <see cref="UnknownJackpotEvent"/> for Orleans serialization, with its whole payload.</summary>
[RegisterConverter]
internal sealed class UnknownJackpotEventConverter : IConverter<UnknownJackpotEvent, JackpotEventSurrogate>
{
    public UnknownJackpotEvent ConvertFromSurrogate(in JackpotEventSurrogate s) =>
        new(s.Reason, s.JackpotId, s.InstanceId, s.ChannelName, s.Currency, s.Amount, s.RawValue, s.Payload ?? string.Empty) { EventId = s.EventId };

    public JackpotEventSurrogate ConvertToSurrogate(in UnknownJackpotEvent value) => JackpotEventSurrogate.From(value, payload: value.Payload);
}
