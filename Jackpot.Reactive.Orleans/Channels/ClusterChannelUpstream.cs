using System.Reactive.Disposables;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// A channel's upstream in one process (a silo or a cluster client): its grain subscription
/// (<see cref="ClusterChannelSession"/>), as the <see cref="IChannelUpstream"/> of the core's hot source
/// (<see cref="ChannelSource"/>), which does the fan-out, the late subscribers' snapshot, the subscriber isolation and
/// the end of a life when the last local subscriber leaves. Here: the order of deliveries (duplicates of a failover's
/// replay dropped, later ones held behind a hole), the grain's snapshot and catch-up, and the status this process shows.
/// </summary>
/// <remarks>
/// Deliveries arrive on Orleans' threads; they are queued and handed to the source one at a time, never under a lock
/// (a subscriber that throws may end the life from within the call). Until the grain has answered the first subscription,
/// deliveries wait in the ordering and are released after its snapshot. Callbacks of a session that has since been
/// stopped are ignored.
/// </remarks>
internal sealed partial class ClusterChannelUpstream : IChannelUpstream
{
    private readonly Lock _gate = new();
    private readonly JackpotChannelRegistry _registry;
    private readonly DeliveryOrder _order = new();
    private readonly Queue<Action> _pending = new();
    private bool _draining;
    private ClusterChannelSession? _session;
    private IObserver<JackpotEvent>? _observer;

    public ClusterChannelUpstream(JackpotChannelRegistry registry, ChannelName channel)
    {
        _registry = registry;
        Channel = channel;
        ChannelText = channel.ToString();
        GrainKey = registry.Keys.For(channel);
        _status = new IsolatingSubject<ChannelStatus>(
            new ChannelStatus(ChannelState.Closed), fault => registry.ReportSubscriberFault(channel, fault, "status"));
    }

    /// <summary>Gets the channel as its redacted text, for logs.</summary>
    public string ChannelText { get; }

    public ChannelName Channel { get; }

    /// <summary>Gets the key of the channel's grain (a keyed hash of its name).</summary>
    public string GrainKey { get; }

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

    public IDisposable Open(IObserver<JackpotEvent> observer)
    {
        var session = _registry.CreateSession(this);
        lock (_gate)
        {
            _session = session;
            _observer = observer;
            _order.Clear();
        }

        session.Start();
        return Disposable.Create(() => Close(session));
    }

    internal ChannelPosition? PositionFor(ClusterChannelSession session)
    {
        lock (_gate)
        {
            return session == _session ? _order.Position : null;
        }
    }

    internal void OnSubscribed(ClusterChannelSession session, ChannelSubscribeResult result) => Post(() =>
    {
        bool resumed;
        bool publish;
        IObserver<JackpotEvent>? observer;
        List<JackpotEvent> snapshot = [];
        List<ChannelDelivery> released = [];
        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            observer = _observer;

            // Back after a Reconnecting this process showed, from a position the grain could catch up from: resumed.
            resumed = _localStatusShown && _order.Position is not null && !result.Gap;
            if (result.Gap || _order.Position is null)
            {
                if (result.Gap)
                {
                    ClusterChannelLog.Gap(_registry.Logger, ChannelText);
                }

                _order.Reset(result.Position);
                snapshot.AddRange(result.Snapshot);
            }

            foreach (var delivery in result.CatchUp)
            {
                released.AddRange(Accept(delivery));
            }

            released.AddRange(_order.Drain());
            publish = TakeGrainStatus(result.Status);
        }

        foreach (var value in snapshot)
        {
            observer?.OnNext(value);
        }

        Release(observer, released);
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
    });

    internal void OnDelivery(ClusterChannelSession session, ChannelDelivery delivery) => Post(() =>
    {
        IObserver<JackpotEvent>? observer;
        List<ChannelDelivery> released;
        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            observer = _observer;
            released = Accept(delivery);
        }

        Release(observer, released);
    });

    /// <summary>Ends the life with <paramref name="error"/>: every local subscriber's stream ends with it (the source
    /// detaches them); a later subscription starts afresh.</summary>
    internal void OnSessionFailed(ClusterChannelSession session, Exception error) => Post(() =>
    {
        IObserver<JackpotEvent>? observer;
        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            observer = _observer;
            Detach();
        }

        session.Stop(unsubscribe: false);
        PublishStatus(new ChannelStatus(ChannelState.Failed) { Cause = error });
        observer?.OnError(error);
    });

    /// <summary>The life ends (the last local subscriber left, or the source is disposed): the lease is ended.</summary>
    private void Close(ClusterChannelSession session)
    {
        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            Detach();
        }

        session.Stop(unsubscribe: true);
        PublishStatus(new ChannelStatus(ChannelState.Closed));
    }

    /// <summary>Forgets the session, its observer and what it delivered. Under the gate.</summary>
    private void Detach()
    {
        _session = null;
        _observer = null;
        _order.Clear();
        _localStatusShown = true;
    }

    /// <summary>Runs deliveries one at a time, in the order they came, outside the gate.</summary>
    private void Post(Action work)
    {
        lock (_gate)
        {
            _pending.Enqueue(work);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        while (true)
        {
            Action next;
            lock (_gate)
            {
                if (!_pending.TryDequeue(out next!))
                {
                    _draining = false;
                    return;
                }
            }

            next();
        }
    }

    /// <summary>Passes a delivery through the ordering; returns what it releases. Under the gate.</summary>
    private List<ChannelDelivery> Accept(ChannelDelivery delivery)
    {
        var released = _order.Accept(delivery, out bool duplicate);
        if (duplicate)
        {
            _registry.Meter.Duplicate(Channel.Kind);
        }

        return released;
    }

    private void Release(IObserver<JackpotEvent>? observer, List<ChannelDelivery> released)
    {
        if (observer is null || released.Count == 0)
        {
            return;
        }

        var now = _registry.TimeProvider.GetUtcNow();
        foreach (var item in released)
        {
            _registry.Meter.FanOut(now - new DateTimeOffset(item.ReceivedAtTicks, TimeSpan.Zero), Channel.Kind);
            observer.OnNext(item.Event);
        }
    }
}
