using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// The hot source of one channel in one process (a silo or a cluster client): one grain subscription
/// (<see cref="ClusterChannelSession"/>) shared by every local subscriber, the latest values for late local subscribers,
/// and the last position delivered, by which events that come twice (a failover's replay) are dropped.
/// </summary>
/// <remarks>
/// Deliveries are handled under the gate, so a late subscriber's snapshot and the live stream never overlap or leave a
/// gap. Until the grain has answered the first subscription, deliveries wait in a buffer and are released after its
/// snapshot. Callbacks of a session that has since been stopped are ignored. Subscribers are isolated as in
/// <see cref="JackpotPushClient"/>: one that throws (from its snapshot, a live event, its terminal call, or a status) is
/// unsubscribed as if it had left and logged, and everyone else goes on.
/// </remarks>
internal sealed class ClusterChannelSource : IObservable<JackpotEvent>, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _statusGate = new();
    private readonly JackpotChannelRegistry _registry;
    private readonly Dictionary<JackpotId, JackpotValueUpdated> _latest = [];
    private readonly DeliveryOrder _order = new();
    private readonly IsolatingSubject<ChannelStatus> _status;
    private List<Subscription> _subscribers = [];
    private List<(Subscription Subscriber, Exception Error)>? _faulted;
    private ClusterChannelSession? _session;
    private long _grainStatusStamp;
    private bool _localStatusShown;
    private bool _disposed;

    public ClusterChannelSource(JackpotChannelRegistry registry, ChannelName channel)
    {
        _registry = registry;
        Channel = channel;
        ChannelText = channel.ToString();
        GrainKey = registry.Keys.For(channel);
        _status = new IsolatingSubject<ChannelStatus>(
            new ChannelStatus(ChannelState.Closed), fault => ClusterChannelLog.SubscriberThrew(_registry.Logger, ChannelText, fault.Exception));
    }

    /// <summary>Gets the channel as its redacted text, for logs.</summary>
    public string ChannelText { get; }

    public ChannelName Channel { get; }

    /// <summary>Gets the key of the channel's grain (a keyed hash of its name).</summary>
    public string GrainKey { get; }

    public IObservable<ChannelStatus> Status => _status;

    public IDisposable Subscribe(IObserver<JackpotEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = new Subscription(this, observer);
        ClusterChannelSession? start = null;
        lock (_gate)
        {
            if (_disposed)
            {
                if (SubscriberIsolation.TryOnCompleted(observer) is { } thrown)
                {
                    ClusterChannelLog.SubscriberThrew(_registry.Logger, ChannelText, thrown);
                }

                return Disposable.Empty;
            }

            _subscribers = [.. _subscribers, subscription];
            foreach (var value in _latest.Values)
            {
                if (SubscriberIsolation.TryOnNext<JackpotEvent>(observer, value) is { } thrown)
                {
                    subscription.MarkFaulted();
                    (_faulted ??= []).Add((subscription, thrown));
                    break;
                }
            }

            if (_session is null)
            {
                start = _session = _registry.CreateSession(this);
            }
        }

        start?.Start();
        EndFaulted();
        return subscription;
    }

    public void Dispose()
    {
        List<Subscription> subscribers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            subscribers = DetachAll(out var session);
            session?.Stop(unsubscribe: true);
        }

        PublishStatus(new ChannelStatus(ChannelState.Closed));
        _status.OnCompleted();
        Terminate(subscribers, error: null);
    }

    internal ChannelPosition? PositionFor(ClusterChannelSession session)
    {
        lock (_gate)
        {
            return session == _session ? _order.Position : null;
        }
    }

    /// <summary>Gets the grain subscription now, or null while nobody in this process subscribes.</summary>
    internal ClusterChannelSession? Session
    {
        get
        {
            lock (_gate)
            {
                return _session;
            }
        }
    }

    internal void OnSubscribed(ClusterChannelSession session, ChannelSubscribeResult result)
    {
        bool publish;
        bool resumed;
        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            // Back after a Reconnecting this process showed, from a position the grain could catch up from: resumed.
            resumed = _localStatusShown && _order.Position is not null && !result.Gap;

            if (result.Gap || _order.Position is null)
            {
                if (result.Gap)
                {
                    ClusterChannelLog.Gap(_registry.Logger, ChannelText);
                }

                _order.Reset(result.Position);
                foreach (var value in result.Snapshot)
                {
                    Deliver(value);
                }
            }

            foreach (var delivery in result.CatchUp)
            {
                Accept(delivery);
            }

            Release(_order.Drain());
            publish = TakeGrainStatus(result.Status);
        }

        EndFaulted();
        if (publish)
        {
            var status = result.Status.Status;
            if (status.State == ChannelState.Open && result.Gap)
            {
                status = status with { Continuity = StreamContinuity.GapPossible };
            }
            else if (status.State == ChannelState.Open && resumed && status.Continuity == StreamContinuity.Initial)
            {
                status = status with { Continuity = StreamContinuity.Resumed };
            }

            PublishStatus(status);
        }
    }

    internal void OnDelivery(ClusterChannelSession session, ChannelDelivery delivery)
    {
        lock (_gate)
        {
            if (session == _session)
            {
                Accept(delivery);
            }
        }

        EndFaulted();
    }

    internal void OnGrainStatus(ClusterChannelSession session, ChannelStatusUpdate update)
    {
        if (update.Status.State == ChannelState.Failed)
        {
            OnSessionFailed(session, update.Status.Cause ?? new JackpotChannelFailedException());
            return;
        }

        bool publish;
        lock (_gate)
        {
            publish = session == _session && TakeGrainStatus(update);
        }

        if (publish)
        {
            PublishStatus(update.Status);
        }
    }

    internal void OnRenewFailed(ClusterChannelSession session, int attempt, TimeSpan delay, Exception error)
    {
        StreamContinuity continuity;
        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            _localStatusShown = true;

            // How the stream is expected to go on: from the position delivered (a resume), or not at all yet.
            continuity = _order.Position is null ? StreamContinuity.Initial : StreamContinuity.Resumed;
        }

        PublishStatus(new ChannelStatus(ChannelState.Reconnecting) { Attempt = attempt, Delay = delay, Cause = error, Continuity = continuity });
    }

    /// <summary>Ends every local subscriber's stream with <paramref name="error"/>; a later subscription starts afresh.</summary>
    internal void OnSessionFailed(ClusterChannelSession session, Exception error)
    {
        List<Subscription> subscribers;
        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            subscribers = DetachAll(out _);
        }

        session.Stop(unsubscribe: false);
        PublishStatus(new ChannelStatus(ChannelState.Failed) { Cause = error });
        Terminate(subscribers, error);
    }

    /// <summary>Ends each subscriber, isolated from the others: one that throws is logged, the rest still get their call.</summary>
    private void Terminate(List<Subscription> subscribers, Exception? error)
    {
        foreach (var subscriber in subscribers)
        {
            if (SubscriberIsolation.TryTerminate(subscriber.Observer, error) is { } thrown)
            {
                ClusterChannelLog.SubscriberThrew(_registry.Logger, ChannelText, thrown);
            }
        }
    }

    /// <summary>Unsubscribes the subscribers that threw while the gate was held (each leaves as if it had disposed its
    /// subscription: the last one's leaving stops the session) and logs what they threw. Outside the gate.</summary>
    private void EndFaulted()
    {
        List<(Subscription Subscriber, Exception Error)>? faulted;
        lock (_gate)
        {
            faulted = _faulted;
            _faulted = null;
        }

        if (faulted is null)
        {
            return;
        }

        foreach (var (subscriber, error) in faulted)
        {
            subscriber.Dispose();
            ClusterChannelLog.SubscriberThrew(_registry.Logger, ChannelText, error);
        }
    }

    /// <summary>Whether a status from the grain is newer than the last one shown (a subscribe answer and a notification
    /// may cross), or replaces a status this process made up (reconnecting, closed). Under the gate.</summary>
    private bool TakeGrainStatus(ChannelStatusUpdate update)
    {
        if (update.Stamp > _grainStatusStamp || (_localStatusShown && update.Stamp >= _grainStatusStamp))
        {
            _grainStatusStamp = update.Stamp;
            _localStatusShown = false;
            return true;
        }

        return false;
    }

    /// <summary>Passes a delivery through the ordering and delivers what it releases. Under the gate.</summary>
    private void Accept(ChannelDelivery delivery)
    {
        var released = _order.Accept(delivery, out bool duplicate);
        if (duplicate)
        {
            _registry.Meter.Duplicate(Channel.Kind);
        }

        Release(released);
    }

    private void Release(List<ChannelDelivery> released)
    {
        var now = _registry.TimeProvider.GetUtcNow();
        foreach (var item in released)
        {
            _registry.Meter.FanOut(now - new DateTimeOffset(item.ReceivedAtTicks, TimeSpan.Zero), Channel.Kind);
            Deliver(item.Event);
        }
    }

    /// <summary>Remembers an event and hands it to every local subscriber; one that throws is unsubscribed. Under the gate.</summary>
    private void Deliver(JackpotEvent jackpotEvent)
    {
        switch (jackpotEvent)
        {
            case JackpotValueUpdated value:
                _latest[value.Jackpot] = value;
                break;
            case JackpotWonByOther or JackpotWon:
                _latest.Remove(jackpotEvent.Jackpot);
                break;
        }

        foreach (var subscriber in _subscribers)
        {
            if (!subscriber.IsFaulted && SubscriberIsolation.TryOnNext(subscriber.Observer, jackpotEvent) is { } thrown)
            {
                // No further event reaches it; EndFaulted unsubscribes it once the gate is released.
                subscriber.MarkFaulted();
                (_faulted ??= []).Add((subscriber, thrown));
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        ClusterChannelSession? stop = null;
        lock (_gate)
        {
            if (!_subscribers.Contains(subscription))
            {
                return;
            }

            _subscribers = [.. _subscribers.Where(s => s != subscription)];
            if (_subscribers.Count == 0)
            {
                _ = DetachAll(out stop);
            }
        }

        if (stop is not null)
        {
            stop.Stop(unsubscribe: true);
            PublishStatus(new ChannelStatus(ChannelState.Closed));
        }
    }

    /// <summary>Forgets the subscribers, the session and what it delivered. Under the gate.</summary>
    private List<Subscription> DetachAll(out ClusterChannelSession? session)
    {
        var subscribers = _subscribers;
        _subscribers = [];
        session = _session;
        _session = null;
        _order.Clear();
        _latest.Clear();
        _localStatusShown = true;
        return subscribers;
    }

    private void PublishStatus(ChannelStatus status)
    {
        lock (_statusGate)
        {
            if (_status.Latest != status)
            {
                _status.OnNext(status);
            }
        }
    }

    private sealed class Subscription(ClusterChannelSource source, IObserver<JackpotEvent> observer) : IDisposable
    {
        private int _disposed;
        private volatile bool _faulted;

        public IObserver<JackpotEvent> Observer { get; } = observer;

        /// <summary>Gets a value indicating whether it threw: events no longer reach it. Set under the source's gate.</summary>
        public bool IsFaulted => _faulted;

        public void MarkFaulted() => _faulted = true;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                source.Unsubscribe(this);
            }
        }
    }
}
