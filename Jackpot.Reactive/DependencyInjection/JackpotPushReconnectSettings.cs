namespace Jackpot.Reactive;

/// <summary>The bindable form of <see cref="ReconnectPolicy"/> (configuration section <c>JackpotPush:Reconnect</c>).</summary>
/// <remarks>
/// The policy's <see cref="ReconnectPolicy.ShouldRetry"/>, <see cref="ReconnectPolicy.DelayFloor"/> and
/// <see cref="ReconnectPolicy.RandomSource"/> are code, not settings: they keep their defaults (for a channel, the
/// connection retry table and <c>Retry-After</c>).
/// </remarks>
public sealed class JackpotPushReconnectSettings
{
    /// <summary>Gets or sets the back-off before the first retry, before jitter, unless the server sets another with
    /// <c>retry:</c>. Zero (retry at once) or more, at most <see cref="MaxDelay"/>.</summary>
    /// <value>The default value is 1 second (<see cref="ReconnectPolicy.DefaultInitialDelay"/>).</value>
    public TimeSpan InitialDelay { get; set; } = ReconnectPolicy.DefaultInitialDelay;

    /// <summary>Gets or sets the largest back-off, before jitter. Positive.</summary>
    /// <value>The default value is 30 seconds (<see cref="ReconnectPolicy.DefaultMaxDelay"/>).</value>
    public TimeSpan MaxDelay { get; set; } = ReconnectPolicy.DefaultMaxDelay;

    /// <summary>Gets or sets the factor by which the back-off grows with each consecutive retry. At least 1.</summary>
    /// <value>The default value is 2 (<see cref="ReconnectPolicy.DefaultMultiplier"/>).</value>
    public double Multiplier { get; set; } = ReconnectPolicy.DefaultMultiplier;

    /// <summary>Gets or sets the largest share of a back-off that jitter adds (a delay is uniform in
    /// <c>[b, b × (1 + JitterRatio)]</c>, never shorter than the back-off). Between 0 and 1.</summary>
    /// <value>The default value is 0.5 (<see cref="ReconnectPolicy.DefaultJitterRatio"/>).</value>
    public double JitterRatio { get; set; } = ReconnectPolicy.DefaultJitterRatio;

    /// <summary>Gets or sets how long a connection must have been healthy for the attempt count to start again. Positive.</summary>
    /// <value>The default value is 60 seconds (<see cref="ReconnectPolicy.DefaultResetAfter"/>).</value>
    public TimeSpan ResetAfter { get; set; } = ReconnectPolicy.DefaultResetAfter;

    /// <summary>Gets or sets the number of consecutive retries after which a channel fails. Zero or more, or null for no limit.</summary>
    /// <value>The default value is null (unlimited).</value>
    public int? MaxAttempts { get; set; }

    /// <summary>Maps the settings to a policy.</summary>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    internal ReconnectPolicy ToPolicy() => new()
    {
        InitialDelay = InitialDelay,
        MaxDelay = MaxDelay,
        Multiplier = Multiplier,
        JitterRatio = JitterRatio,
        ResetAfter = ResetAfter,
        MaxAttempts = MaxAttempts,
    };
}
