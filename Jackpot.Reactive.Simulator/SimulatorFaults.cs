namespace Jackpot.Reactive.Simulator;

/// <summary>
/// The fault switches of a running <see cref="PushEventSimulator"/>. Every member is thread-safe and takes effect at once.
/// </summary>
/// <remarks>
/// Request faults are checked in this order: 503 (<see cref="ServiceUnavailable"/>, <see cref="RespondServiceUnavailable"/>),
/// then 400 for a missing or invalid channel, 404 for a workspace that is not allowed, then 401 (<see cref="RejectChannel"/>).
/// </remarks>
public sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly HashSet<string> _rejectedChannels = new(StringComparer.Ordinal);
    private readonly PayloadFaultQueue _payloadFaults = new();
    private TimeSpan? _dropConnectionsEvery;
    private int _dropConnectionsEveryEvents;
    private int _serviceUnavailableRequests;
    private TimeSpan _retryAfter;
    private int _oversizedEventBytes;
    private volatile bool _serviceUnavailable;
    private volatile int _dropKind;
    private TaskCompletionSource? _stallRelease;
    private ITimer? _stallTimer;

    internal SimulatorFaults(SimulatorFaultOptions options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _dropConnectionsEvery = options.DropConnectionsEvery;
        _dropKind = (int)options.DropKind;
        _dropConnectionsEveryEvents = options.DropConnectionsEveryEvents ?? 0;
        _serviceUnavailable = options.ServiceUnavailable;
        _serviceUnavailableRequests = options.ServiceUnavailableRequests;
        _retryAfter = options.RetryAfter;
        _oversizedEventBytes = options.OversizedEventBytes;
        foreach (string channel in options.UnauthorizedChannels)
        {
            _rejectedChannels.Add(channel);
        }

        if (options.Stalled)
        {
            Stall();
        }
    }

    /// <summary>Raised (outside any lock) when <see cref="DropConnectionsEvery"/> changes.</summary>
    internal event Action? DropScheduleChanged;

    /// <summary>Gets or sets the period at which every open stream is dropped; <see langword="null"/> turns it off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The span is zero or negative.</exception>
    /// <remarks>Setting it restarts the period from now.</remarks>
    public TimeSpan? DropConnectionsEvery
    {
        get
        {
            lock (_gate)
            {
                return _dropConnectionsEvery;
            }
        }

        set
        {
            var checkedValue = OptionGuard.PositiveOrNull(value, nameof(DropConnectionsEvery));
            lock (_gate)
            {
                _dropConnectionsEvery = checkedValue;
            }

            DropScheduleChanged?.Invoke();
        }
    }

    /// <summary>Gets or sets the number of events after which each stream is dropped; <see langword="null"/> turns it off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    /// <remarks>
    /// A stream that has written this many events (replayed ones included) is flushed and dropped the way
    /// <see cref="DropKind"/> says before it writes the next one, so a client that resumes with <c>Last-Event-ID</c> loses
    /// nothing. The count is per stream; changing it applies to the open streams at their next event.
    /// </remarks>
    public int? DropConnectionsEveryEvents
    {
        get => Volatile.Read(ref _dropConnectionsEveryEvents) is var n and > 0 ? n : null;
        set => Volatile.Write(ref _dropConnectionsEveryEvents, OptionGuard.PositiveOrNull(value, nameof(DropConnectionsEveryEvents)) ?? 0);
    }

    /// <summary>Gets or sets how dropped streams end (periodic drops and <see cref="PushEventSimulator.DropConnections()"/>).</summary>
    public ConnectionDropKind DropKind
    {
        get => (ConnectionDropKind)_dropKind;
        set => _dropKind = Enum.IsDefined(value) ? (int)value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Gets or sets a value indicating whether every request is answered with 503 and <c>Retry-After</c>.</summary>
    public bool ServiceUnavailable
    {
        get => _serviceUnavailable;
        set => _serviceUnavailable = value;
    }

    /// <summary>Gets how many of the coming requests will still be answered with 503.</summary>
    public int ServiceUnavailableRequests => Volatile.Read(ref _serviceUnavailableRequests);

    /// <summary>Gets or sets the delay sent in <c>Retry-After</c>, in whole seconds rounded up.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The span is negative.</exception>
    public TimeSpan RetryAfter
    {
        get
        {
            lock (_gate)
            {
                return _retryAfter;
            }
        }

        set
        {
            var checkedValue = OptionGuard.NotNegative(value, nameof(RetryAfter));
            lock (_gate)
            {
                _retryAfter = checkedValue;
            }
        }
    }

    /// <summary>Gets or sets the default data size of <see cref="SendOversizedEvent"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 KiB to <see cref="SimulatorFaultOptions.MaxOversizedEventBytes"/>.</exception>
    public int OversizedEventBytes
    {
        get => Volatile.Read(ref _oversizedEventBytes);
        set => Volatile.Write(ref _oversizedEventBytes, OptionGuard.InRange(
            value, 1024, SimulatorFaultOptions.MaxOversizedEventBytes, nameof(OversizedEventBytes)));
    }

    /// <summary>Gets a value indicating whether streams are stalled.</summary>
    public bool IsStalled => Volatile.Read(ref _stallRelease) is not null;

    /// <summary>Answers the next <paramref name="requests"/> requests with 503 (replacing any remaining count).</summary>
    /// <param name="requests">How many requests; 0 cancels the remaining count.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requests"/> is negative.</exception>
    public void RespondServiceUnavailable(int requests) =>
        Volatile.Write(ref _serviceUnavailableRequests, OptionGuard.InRange(requests, 0, int.MaxValue, nameof(requests)));

    /// <summary>Stops every stream from sending bytes, keeping the connections open.</summary>
    /// <param name="duration">How long the stall lasts; <see langword="null"/> until <see cref="ClearStall"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is zero or negative.</exception>
    /// <remarks>
    /// Streams opened during a stall get their response headers, then nothing. Events published meanwhile wait and are sent
    /// when the stall ends; a connection whose queue overflows is aborted. Calling it again restarts the duration.
    /// </remarks>
    public void Stall(TimeSpan? duration = null)
    {
        var checkedDuration = OptionGuard.PositiveOrNull(duration, nameof(duration));
        lock (_gate)
        {
            _stallTimer?.Dispose();
            _stallTimer = null;
            var release = _stallRelease ?? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _stallRelease, release);
            if (checkedDuration is { } span)
            {
                _stallTimer = _timeProvider.CreateTimer(
                    static state => ((SimulatorFaults)state!).ClearStall(), this, span, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Ends a stall; the streams send what has waited, then go on.</summary>
    public void ClearStall()
    {
        TaskCompletionSource? release;
        lock (_gate)
        {
            _stallTimer?.Dispose();
            _stallTimer = null;
            release = _stallRelease;
            Volatile.Write(ref _stallRelease, null);
        }

        release?.TrySetResult();
    }

    /// <summary>Inserts one malformed event before the next event of a channel.</summary>
    /// <param name="kind">What is wrong with it.</param>
    /// <param name="channel">The channel; <see langword="null"/> for whichever channel publishes next.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not defined.</exception>
    /// <remarks>The malformed event has its own id, is kept in the replay history, and the real event follows it.</remarks>
    public void SendMalformedPayload(MalformedPayloadKind kind = MalformedPayloadKind.InvalidJson, ChannelName? channel = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        _payloadFaults.Add(new PendingPayloadFault(channel?.RawValue, kind, OversizedBytes: 0));
    }

    /// <summary>Inserts one oversized (but well-formed) <c>jackpot_value</c> event before the next event of a channel.</summary>
    /// <param name="sizeBytes">The data size; <see langword="null"/> for <see cref="OversizedEventBytes"/>.</param>
    /// <param name="channel">The channel; <see langword="null"/> for whichever channel publishes next.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sizeBytes"/> is outside 1 KiB to 256 MiB.</exception>
    /// <remarks>The event carries a long <c>padding</c> field, has its own id and the real event follows it.</remarks>
    public void SendOversizedEvent(int? sizeBytes = null, ChannelName? channel = null)
    {
        int size = sizeBytes is { } explicitSize
            ? OptionGuard.InRange(explicitSize, 1024, SimulatorFaultOptions.MaxOversizedEventBytes, nameof(sizeBytes))
            : OversizedEventBytes;
        _payloadFaults.Add(new PendingPayloadFault(channel?.RawValue, Malformed: null, size));
    }

    /// <summary>Answers requests for <paramref name="channel"/> with 401 from now on; open streams are not affected.</summary>
    /// <param name="channel">The channel.</param>
    public void RejectChannel(ChannelName channel)
    {
        lock (_gate)
        {
            _rejectedChannels.Add(channel.RawValue);
        }
    }

    /// <summary>Serves <paramref name="channel"/> again after <see cref="RejectChannel"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns><see langword="true"/> when the channel was rejected.</returns>
    public bool AllowChannel(ChannelName channel)
    {
        lock (_gate)
        {
            return _rejectedChannels.Remove(channel.RawValue);
        }
    }

    /// <summary>Tells whether requests for <paramref name="channel"/> are answered with 401.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns><see langword="true"/> when the channel is rejected.</returns>
    public bool IsChannelRejected(ChannelName channel)
    {
        lock (_gate)
        {
            return _rejectedChannels.Contains(channel.RawValue);
        }
    }

    /// <summary>Turns every fault off: no drops (periodic or per event count), no 503, no stall, no pending payload faults, no rejected channel.</summary>
    public void Clear()
    {
        DropConnectionsEvery = null;
        DropConnectionsEveryEvents = null;
        ServiceUnavailable = false;
        RespondServiceUnavailable(0);
        ClearStall();
        _payloadFaults.Clear();
        lock (_gate)
        {
            _rejectedChannels.Clear();
        }
    }

    internal bool TryTakeServiceUnavailable(out TimeSpan retryAfter)
    {
        retryAfter = RetryAfter;
        if (_serviceUnavailable)
        {
            return true;
        }

        int remaining = Volatile.Read(ref _serviceUnavailableRequests);
        while (remaining > 0)
        {
            int seen = Interlocked.CompareExchange(ref _serviceUnavailableRequests, remaining - 1, remaining);
            if (seen == remaining)
            {
                return true;
            }

            remaining = seen;
        }

        return false;
    }

    internal bool TryTakePayloadFault(string channel, out PendingPayloadFault fault) =>
        _payloadFaults.TryTake(channel, out fault);

    /// <summary>Releases the stall timer; streams are ended by the simulator's own cancellation.</summary>
    internal void StopTimers()
    {
        lock (_gate)
        {
            _stallTimer?.Dispose();
            _stallTimer = null;
        }
    }

    internal ValueTask WaitWhileStalledAsync(CancellationToken cancellationToken)
    {
        var release = Volatile.Read(ref _stallRelease);
        return release is null ? ValueTask.CompletedTask : WaitSlowAsync(release, cancellationToken);
    }

    private async ValueTask WaitSlowAsync(TaskCompletionSource release, CancellationToken cancellationToken)
    {
        while (release is not null)
        {
            await release.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            release = Volatile.Read(ref _stallRelease)!;
        }
    }
}
