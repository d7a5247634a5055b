namespace Jackpot.Reactive.Simulator;

/// <summary>The faults a <see cref="PushEventSimulator"/> starts with (see <see cref="SimulatorFaults"/> for each one).</summary>
public sealed class SimulatorFaultOptions
{
    /// <summary>The default <see cref="RetryAfter"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="OversizedEventBytes"/>: 1 MiB.</summary>
    public const int DefaultOversizedEventBytes = 1024 * 1024;

    /// <summary>The largest <see cref="OversizedEventBytes"/>: 256 MiB.</summary>
    public const int MaxOversizedEventBytes = 256 * 1024 * 1024;

    private TimeSpan? _dropConnectionsEvery;
    private int? _dropConnectionsEveryEvents;
    private int _serviceUnavailableRequests;
    private TimeSpan _retryAfter = DefaultRetryAfter;
    private int _oversizedEventBytes = DefaultOversizedEventBytes;
    private IReadOnlyCollection<string> _unauthorizedChannels = [];

    /// <summary>Gets the period at which every open stream is dropped.</summary>
    /// <value>The default value is <see langword="null"/>: streams are never dropped.</value>
    /// <exception cref="ArgumentOutOfRangeException">The span is zero or negative.</exception>
    public TimeSpan? DropConnectionsEvery
    {
        get => _dropConnectionsEvery;
        init => _dropConnectionsEvery = OptionGuard.PositiveOrNull(value, nameof(DropConnectionsEvery));
    }

    /// <summary>Gets the number of events after which each stream is dropped.</summary>
    /// <value>The default value is <see langword="null"/>: streams are never dropped for the events they carried.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int? DropConnectionsEveryEvents
    {
        get => _dropConnectionsEveryEvents;
        init => _dropConnectionsEveryEvents = OptionGuard.PositiveOrNull(value, nameof(DropConnectionsEveryEvents));
    }

    /// <summary>Gets how dropped streams end.</summary>
    /// <value>The default value is <see cref="ConnectionDropKind.EndStream"/>.</value>
    public ConnectionDropKind DropKind { get; init; }

    /// <summary>Gets a value indicating whether every request is answered with 503 until the fault is cleared.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ServiceUnavailable { get; init; }

    /// <summary>Gets how many of the first requests are answered with 503.</summary>
    /// <value>The default value is 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int ServiceUnavailableRequests
    {
        get => _serviceUnavailableRequests;
        init => _serviceUnavailableRequests = OptionGuard.InRange(value, 0, int.MaxValue, nameof(ServiceUnavailableRequests));
    }

    /// <summary>Gets the delay sent in the <c>Retry-After</c> header of a 503, in whole seconds (rounded up).</summary>
    /// <value>The default value is 1 second.</value>
    /// <exception cref="ArgumentOutOfRangeException">The span is negative.</exception>
    public TimeSpan RetryAfter
    {
        get => _retryAfter;
        init => _retryAfter = OptionGuard.NotNegative(value, nameof(RetryAfter));
    }

    /// <summary>Gets a value indicating whether streams start stalled (no bytes after the headers) until the stall is cleared.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Stalled { get; init; }

    /// <summary>Gets the size of the data of an injected oversized event.</summary>
    /// <value>The default value is 1 MiB.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 KiB to <see cref="MaxOversizedEventBytes"/>.</exception>
    public int OversizedEventBytes
    {
        get => _oversizedEventBytes;
        init => _oversizedEventBytes = OptionGuard.InRange(value, 1024, MaxOversizedEventBytes, nameof(OversizedEventBytes));
    }

    /// <summary>Gets the channel names answered with 401.</summary>
    /// <value>The default value is empty.</value>
    /// <exception cref="ArgumentException">A name is not a valid channel name.</exception>
    public IReadOnlyCollection<string> UnauthorizedChannels
    {
        get => _unauthorizedChannels;
        init => _unauthorizedChannels = OptionGuard.ChannelNames(value, nameof(UnauthorizedChannels));
    }
}
