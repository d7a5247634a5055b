using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Jackpot.Reactive;

/// <summary>
/// The hot source of one channel: one upstream (<see cref="IChannelUpstream"/>; over HTTP, an
/// <see cref="SseConnection"/>) shared by every subscriber, opened by the first, closed a linger period after the last
/// leaves; for broadcast channels, a per-jackpot cache of the latest value replayed to late subscribers.
/// </summary>
/// <remarks>
/// Events arrive decoded (the upstream decodes outside the gate) and are fanned out under the gate, so a late
/// subscriber's snapshot and the live stream never overlap or leave a gap. The upstream is opened and closed outside the
/// gate (a transport thread may be waiting for the gate), but in order, under a second lock: a closed life is always
/// disposed before the next one is opened, as <see cref="SseConnection"/> takes one subscriber at a time. A generation
/// number makes callbacks of a life that has since been closed harmless. Each delivered event is counted by reason, with
/// the time since the previous event of the same life (scheduler clock; the first event after opening has none).
/// A subscriber that throws is isolated (<see cref="SubscriberIsolation"/>): its subscription is disposed as if it had
/// left, and its exception reported after the gate is released; the others and the connection go on.
/// </remarks>
internal sealed partial class ChannelSource : IObservable<JackpotEvent>, IFanOutOwner<JackpotEvent>, IDisposable
{
    private readonly Lock _gate = new();
    private List<IDisposable>? _closedConnections;
    private readonly ChannelName _channel;
    private readonly IChannelUpstream _upstream;
    private readonly IScheduler _scheduler;
    private readonly TimeSpan _linger;
    private readonly Action<ChannelName, SubscriberFault> _reportSubscriberFault;
    private readonly IChannelEventMetrics _metrics;
    private readonly LatestValueCache? _latestValues;
    private readonly FanOutSet<FanOutSubscription<JackpotEvent>> _subscriptions = new();
    private SingleAssignmentDisposable? _connectionSubscription;
    private IDisposable? _lingerTimer;
    private long _generation;
    private DateTimeOffset? _lastEventAt;
    private bool _disposed;

    /// <summary>Creates the source of a channel.</summary>
    /// <param name="channel">The channel (its kind decides whether latest values are replayed).</param>
    /// <param name="upstream">Opened by the first subscriber, closed after the linger.</param>
    /// <param name="scheduler">Runs the linger timer and is the clock of the time between events.</param>
    /// <param name="linger">How long the upstream stays open after the last subscriber leaves.</param>
    /// <param name="reportSubscriberFault">Hears of a subscriber that threw and was unsubscribed (outside the gate).</param>
    /// <param name="metrics">Records the delivered events.</param>
    public ChannelSource(
        ChannelName channel,
        IChannelUpstream upstream,
        IScheduler scheduler,
        TimeSpan linger,
        Action<ChannelName, SubscriberFault> reportSubscriberFault,
        IChannelEventMetrics metrics)
    {
        _channel = channel;
        _upstream = upstream;
        _scheduler = scheduler;
        _linger = linger;
        _reportSubscriberFault = reportSubscriberFault;
        _metrics = metrics;
        _latestValues = channel.Kind == ChannelKind.Broadcast ? new LatestValueCache() : null;
    }

    public IObservable<ChannelStatus> Status => _upstream.Status;

    /// <summary>Gets the upstream the source opens.</summary>
    public IChannelUpstream Upstream => _upstream;

    /// <summary>Gets the number of current subscribers (for tests and diagnostics).</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>Gets a value indicating whether the connection is held open (subscribed or lingering).</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connectionSubscription is not null;
            }
        }
    }

    public IDisposable Subscribe(IObserver<JackpotEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = new FanOutSubscription<JackpotEvent>(observer, this);
        SingleAssignmentDisposable? connect = null;
        Exception? replayFault = null;
        long generation;
        lock (_gate)
        {
            if (_disposed)
            {
                if (SubscriberIsolation.TryOnCompleted(observer) is { } thrown)
                {
                    _reportSubscriberFault(_channel, new SubscriberFault(thrown, SubscriberIsolation.OnCompleted));
                }

                return Disposable.Empty;
            }

            _subscriptions.Add(subscription);
            _lingerTimer?.Dispose();
            _lingerTimer = null;
            replayFault = _latestValues?.Replay(observer);
            if (replayFault is not null)
            {
                // Threw on its snapshot: no live event may reach it before its disposal below removes it.
                subscription.MarkDetached();
            }

            if (_connectionSubscription is null)
            {
                connect = _connectionSubscription = new SingleAssignmentDisposable();
            }

            generation = _generation;
        }

        if (connect is not null)
        {
            ApplyLifecycle(connect, generation);
        }

        if (replayFault is not null)
        {
            // It leaves like any subscriber that throws, and the caller gets an ended subscription.
            subscription.Dispose();
            _reportSubscriberFault(_channel, new SubscriberFault(replayFault, SubscriberIsolation.OnNext));
        }

        return subscription;
    }

    /// <summary>Closes the connection for good, completes the status stream after its last Closed, and completes every
    /// subscriber.</summary>
    public void Dispose()
    {
        FanOutSubscription<JackpotEvent>[] subscribers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            subscribers = DetachAll();
        }

        ApplyLifecycle(connect: null, generation: 0);
        _upstream.CompleteStatus();
        Terminate(subscribers, error: null);
    }
}
