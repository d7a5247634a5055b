using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// The hot source of one channel in one process (a silo or a cluster client): one grain subscription
/// (<see cref="ClusterChannelSession"/>) shared by every local subscriber, the latest values for late local subscribers,
/// and the last position delivered, by which events that come twice (a failover's replay) are dropped.
/// </summary>
/// <remarks>
/// Deliveries are handled under the gate, so a late subscriber's snapshot and the live stream never overlap or leave a
/// gap. Until the grain has answered the first subscription, deliveries wait in a buffer and are released after its
/// snapshot. Callbacks of a session that has since been stopped are ignored.
/// </remarks>
internal sealed class ClusterChannelSource : IObservable<JackpotEvent>, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _statusGate = new();
    private readonly JackpotChannelRegistry _registry;
    private readonly Dictionary<JackpotId, JackpotValueUpdated> _latest = [];
    private readonly List<ChannelDelivery> _pending = [];
    private readonly BehaviorSubject<ChannelStatus> _status = new(new ChannelStatus(ChannelState.Closed));
    private List<Subscription> _subscribers = [];
    private ClusterChannelSession? _session;
    private ChannelPosition? _position;
    private bool _disposed;

    public ClusterChannelSource(JackpotChannelRegistry registry, ChannelName channel)
    {
        _registry = registry;
        Channel = channel;
        ChannelText = channel.ToString();
    }

    /// <summary>Gets the channel as its redacted text, for logs.</summary>
    public string ChannelText { get; }

    public ChannelName Channel { get; }

    public IObservable<ChannelStatus> Status => _status.AsObservable();

    public IDisposable Subscribe(IObserver<JackpotEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = new Subscription(this, observer);
        ClusterChannelSession? start = null;
        lock (_gate)
        {
            if (_disposed)
            {
                observer.OnCompleted();
                return Disposable.Empty;
            }

            _subscribers = [.. _subscribers, subscription];
            foreach (var value in _latest.Values)
            {
                observer.OnNext(value);
            }

            if (_session is null)
            {
                start = _session = _registry.CreateSession(this);
            }
        }

        start?.Start();
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
        subscribers.ForEach(s => s.Observer.OnCompleted());
    }

    internal ChannelPosition? PositionFor(ClusterChannelSession session)
    {
        lock (_gate)
        {
            return session == _session ? _position : null;
        }
    }

    internal void OnSubscribed(ClusterChannelSession session, ChannelSubscribeResult result)
    {
        if (result.Renewed)
        {
            return;
        }

        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            bool first = _position is null;
            if (result.Gap || first)
            {
                if (result.Gap)
                {
                    ClusterChannelLog.Gap(_registry.Logger, ChannelText);
                }

                _position = result.Position;
                foreach (var value in result.Snapshot)
                {
                    Deliver(value);
                }
            }

            foreach (var delivery in result.CatchUp)
            {
                Accept(delivery);
            }

            foreach (var delivery in _pending.OrderBy(d => d.Position.Epoch).ThenBy(d => d.Position.Sequence))
            {
                Accept(delivery);
            }

            _pending.Clear();
        }

        PublishStatus(result.Gap && result.Status.State == ChannelState.Open
            ? result.Status with { Continuity = StreamContinuity.GapPossible }
            : result.Status);
    }

    internal void OnDelivery(ClusterChannelSession session, ChannelDelivery delivery)
    {
        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            if (_position is null)
            {
                _pending.Add(delivery);
                return;
            }

            Accept(delivery);
        }
    }

    internal void OnGrainStatus(ClusterChannelSession session, ChannelStatus status)
    {
        if (status.State == ChannelState.Failed)
        {
            OnSessionFailed(session, status.Cause ?? new JackpotChannelFailedException());
            return;
        }

        if (IsCurrent(session))
        {
            PublishStatus(status);
        }
    }

    internal void OnRenewFailed(ClusterChannelSession session, int attempt, TimeSpan delay, Exception error)
    {
        if (IsCurrent(session))
        {
            PublishStatus(new ChannelStatus(ChannelState.Reconnecting) { Attempt = attempt, Delay = delay, Cause = error });
        }
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
        subscribers.ForEach(s => s.Observer.OnError(error));
    }

    private bool IsCurrent(ClusterChannelSession session)
    {
        lock (_gate)
        {
            return session == _session;
        }
    }

    /// <summary>Delivers an event unless it is at or before the last position delivered. Under the gate.</summary>
    private void Accept(ChannelDelivery delivery)
    {
        if (_position is { } last && !delivery.Position.IsAfter(last))
        {
            _registry.Meter.Duplicate(Channel.Kind);
            return;
        }

        _position = delivery.Position;
        _registry.Meter.FanOut(_registry.TimeProvider.GetUtcNow() - new DateTimeOffset(delivery.ReceivedAtTicks, TimeSpan.Zero), Channel.Kind);
        Deliver(delivery.Event);
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
            try
            {
                subscriber.Observer.OnNext(jackpotEvent);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                ClusterChannelLog.SubscriberThrew(_registry.Logger, ChannelText, error);
                _subscribers = [.. _subscribers.Where(s => s != subscriber)];
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
        _position = null;
        _latest.Clear();
        _pending.Clear();
        return subscribers;
    }

    private void PublishStatus(ChannelStatus status)
    {
        lock (_statusGate)
        {
            if (_status.Value != status)
            {
                _status.OnNext(status);
            }
        }
    }

    private sealed class Subscription(ClusterChannelSource source, IObserver<JackpotEvent> observer) : IDisposable
    {
        private int _disposed;

        public IObserver<JackpotEvent> Observer { get; } = observer;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                source.Unsubscribe(this);
            }
        }
    }
}
