namespace Jackpot.Reactive.Simulator;

/// <summary>The simulator's replay settings: serve a recording instead of simulated jackpots.</summary>
public sealed partial class PushEventSimulatorOptions
{
    /// <summary>Gets the recording to serve (see docs/recording.md), or null to simulate jackpots.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    /// <remarks>
    /// When set, every subscribe request replays the recording: request <c>n</c> of a channel answers as the recorded
    /// connection attempt <c>n</c> of that channel did — its status and <c>Retry-After</c>, or the stream with its events,
    /// <c>retry:</c> fields and comments at their recorded times, ended as recorded (a clean end, an aborted connection,
    /// or left open where the recording client had closed it). The recording's clock starts with the first request.
    /// Requests past the recorded attempts get an open, silent stream; a channel the recording does not hold gets 404.
    /// <c>Last-Event-ID</c> is not used: the recorded traffic is what it is.
    /// </remarks>
    public string? ReplayFile { get; init; }

    /// <summary>Gets how much faster than recorded the replay runs: 2 halves every gap.</summary>
    /// <value>The default value is 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a positive finite number.</exception>
    public double ReplaySpeed
    {
        get;
        init => field = double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ReplaySpeed), value, "ReplaySpeed must be a positive finite number.");
    } = 1;
}
