using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Jackpot.Reactive;

/// <summary>
/// The hot source of one channel: one <see cref="SseConnection"/> shared by every subscriber, opened by the first,
/// closed a linger period after the last leaves; for broadcast channels, a per-jackpot cache of the latest value
/// replayed to late subscribers.
/// </summary>
/// <remarks>
/// Events are decoded outside the gate and fanned out under it, so a late subscriber's snapshot and the live stream
/// never overlap or leave a gap. The connection is subscribed and disposed outside the gate (a transport thread may be
/// waiting for the gate), but in order, under a second lock: a closed connection is always disposed before the next one
/// is opened, as <see cref="SseConnection"/> takes one subscriber at a time. A generation number makes callbacks of a
/// connection that has since been closed harmless. Each delivered event is counted on the meter by reason, with the
/// time since the previous event of the same connection (scheduler clock; the first event after opening has none).
/// A subscriber that throws is isolated (<see cref="SubscriberIsolation"/>): its subscription is disposed as if it had
/// left, and its exception reported after the gate is released; the others and the connection go on.
/// </remarks>
internal sealed partial class ChannelSource : IObservable<JackpotEvent>, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _lifecycle = new();
    private readonly List<IDisposable> _closedConnections = [];
    private readonly ChannelName _channel;
    private readonly SseConnection _connection;
    private readonly IScheduler _scheduler;
    private readonly TimeSpan _linger;
    private readonly Action<ChannelName, JackpotEventFormatException, SseEvent> _reportMalformed;
    private readonly Action<ChannelName, SubscriberFault> _reportSubscriberFault;
    private readonly JackpotMeter _meter;
    private readonly LatestValueCache? _latestValues;
    private readonly FanOutSet<Subscription> _subscriptions = new();
    private SingleAssignmentDisposable? _connectionSubscription;
    private IDisposable? _lingerTimer;
    private long _generation;
    private DateTimeOffset? _lastEventAt;
    private bool _disposed;

    public ChannelSource(
        ChannelName channel,
        SseConnection connection,
        IScheduler scheduler,
        TimeSpan linger,
        Action<ChannelName, JackpotEventFormatException, SseEvent> reportMalformed,
        Action<ChannelName, SubscriberFault> reportSubscriberFault,
        JackpotMeter meter)
    {
        _channel = channel;
        _connection = connection;
        _scheduler = scheduler;
        _linger = linger;
        _reportMalformed = reportMalformed;
        _reportSubscriberFault = reportSubscriberFault;
        _meter = meter;
        _latestValues = channel.Kind == ChannelKind.Broadcast ? new LatestValueCache() : null;
    }

    public IObservable<ChannelStatus> Status => _connection.Status;

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
        var subscription = new Subscription(this, observer);
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
                subscription.MarkFaulted();
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
        Subscription[] subscribers;
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
        _connection.CompleteStatus();
        Terminate(subscribers, error: null);
    }

    private void Unsubscribe(Subscription subscription)
    {
        bool closed = false;
        lock (_gate)
        {
            if (!_subscriptions.Remove(subscription))
            {
                return;
            }

            if (_subscriptions.Count > 0 || _connectionSubscription is null)
            {
                return;
            }

            if (_linger == TimeSpan.Zero)
            {
                Disconnect();
                closed = true;
            }
            else
            {
                long generation = _generation;
                _lingerTimer = _scheduler.Schedule((Source: this, Generation: generation), _linger, static (_, state) =>
                {
                    state.Source.OnLingerElapsed(state.Generation);
                    return Disposable.Empty;
                });
            }
        }

        if (closed)
        {
            ApplyLifecycle(connect: null, generation: 0);
        }
    }

    private void OnLingerElapsed(long generation)
    {
        bool closed = false;
        lock (_gate)
        {
            if (generation == _generation && _subscriptions.Count == 0 && _connectionSubscription is not null)
            {
                Disconnect();
                closed = true;
            }
        }

        if (closed)
        {
            ApplyLifecycle(connect: null, generation: 0);
        }
    }

    /// <summary>Forgets the connection and its cached values; <see cref="ApplyLifecycle"/> disposes it later, outside the gate.</summary>
    private void Disconnect()
    {
        _generation++;
        _lastEventAt = null;
        _lingerTimer?.Dispose();
        _lingerTimer = null;
        _latestValues?.Clear();
        if (_connectionSubscription is { } connection)
        {
            _closedConnections.Add(connection);
            _connectionSubscription = null;
        }
    }

    /// <summary>Disposes the connections closed so far, then opens <paramref name="connect"/> unless it was cancelled meanwhile.</summary>
    private void ApplyLifecycle(SingleAssignmentDisposable? connect, long generation)
    {
        lock (_lifecycle)
        {
            IDisposable[] closed;
            lock (_gate)
            {
                closed = [.. _closedConnections];
                _closedConnections.Clear();
            }

            foreach (var connection in closed)
            {
                connection.Dispose();
            }

            if (connect is { IsDisposed: false })
            {
                // Every subscription of the connection starts a life of the channel: no stale Last-Event-ID.
                _connection.StartNewLife();
                connect.Disposable = _connection.Subscribe(new ConnectionObserver(this, generation));
            }
        }
    }

    private Subscription[] DetachAll()
    {
        var subscribers = _subscriptions.DetachAll();
        Disconnect();
        return subscribers;
    }

    private void OnEvent(long generation, in SseEvent sseEvent)
    {
        if (!JackpotEvent.TryParse(sseEvent.Data.Span, out var jackpotEvent, out var error))
        {
            _reportMalformed(_channel, error, sseEvent);
            return;
        }

        jackpotEvent.WithReceivedId(sseEvent.LastEventId);

        List<(Subscription Subscriber, Exception Thrown)>? faulted = null;
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            Measure(jackpotEvent);
            _latestValues?.Remember(jackpotEvent);
            foreach (var subscriber in _subscriptions.Current)
            {
                if (!subscriber.IsDisposed && SubscriberIsolation.TryOnNext(subscriber.Observer, jackpotEvent) is { } thrown)
                {
                    // No further event reaches it, from this fan-out on: it is disposed below, outside the gate.
                    subscriber.MarkFaulted();
                    (faulted ??= []).Add((subscriber, thrown));
                }
            }
        }

        if (faulted is not null)
        {
            foreach (var (subscriber, thrown) in faulted)
            {
                subscriber.Dispose();
                _reportSubscriberFault(_channel, new SubscriberFault(thrown, SubscriberIsolation.OnNext));
            }
        }
    }

    /// <summary>Counts a delivered event and records the time since the previous one. Under the gate.</summary>
    /// <remarks>The clock is read only while somebody listens to the interval: the first event after a listener
    /// starts has no previous one.</remarks>
    private void Measure(JackpotEvent jackpotEvent)
    {
        _meter.EventReceived(jackpotEvent.Reason, _channel.Kind);
        if (!_meter.IsEventGapEnabled)
        {
            _lastEventAt = null;
            return;
        }

        var now = _scheduler.Now;
        if (_lastEventAt is { } previous)
        {
            _meter.EventGap(_channel.Kind, now - previous);
        }

        _lastEventAt = now;
    }

    private void OnTerminated(long generation, Exception? error)
    {
        Subscription[] subscribers;
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            subscribers = DetachAll();
        }

        Terminate(subscribers, error);
    }

    /// <summary>Ends every detached subscriber with <paramref name="error"/> (or completes it), each isolated from the
    /// others: one that throws is reported, and the rest still get their call.</summary>
    private void Terminate(Subscription[] subscribers, Exception? error)
    {
        foreach (var subscriber in subscribers)
        {
            if (SubscriberIsolation.TryTerminate(subscriber.Observer, error) is { } thrown)
            {
                _reportSubscriberFault(_channel, new SubscriberFault(thrown, SubscriberIsolation.TerminalCall(error)));
            }
        }
    }
}
