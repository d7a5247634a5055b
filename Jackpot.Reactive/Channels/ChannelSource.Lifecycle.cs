using System.Reactive.Disposables;

namespace Jackpot.Reactive;

/// <summary>The life of a channel's upstream: closed (after the linger) when the last subscriber leaves, and opened
/// and disposed in order outside the gate.</summary>
internal sealed partial class ChannelSource
{
    void IFanOutOwner<JackpotEvent>.Unsubscribe(FanOutSubscription<JackpotEvent> subscription)
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
            (_closedConnections ??= []).Add(connection);
            _connectionSubscription = null;
        }
    }

    /// <summary>Disposes the connections closed so far, then opens <paramref name="connect"/> unless it was cancelled meanwhile.</summary>
    /// <remarks>Serialized by the lifecycle lock, <see cref="Lifecycle"/>.</remarks>
    private void ApplyLifecycle(SingleAssignmentDisposable? connect, long generation)
    {
        lock (Lifecycle)
        {
            IDisposable[] closed;
            lock (_gate)
            {
                closed = _closedConnections is { Count: > 0 } list ? [.. list] : [];
                _closedConnections?.Clear();
            }

            foreach (var connection in closed)
            {
                connection.Dispose();
            }

            if (connect is { IsDisposed: false })
            {
                connect.Disposable = _upstream.Open(new UpstreamObserver(this, generation));
            }
        }
    }

    /// <summary>Gets the lock that keeps the upstream's closes and opens in order: the subscriber set, a private object
    /// that never escapes (its contents are guarded by the gate, as any field), so no lock object of its own is needed —
    /// a process with many channels has a source per channel.</summary>
    private object Lifecycle => _subscriptions;

    private FanOutSubscription<JackpotEvent>[] DetachAll()
    {
        var subscribers = _subscriptions.DetachAll();
        Disconnect();
        return subscribers;
    }
}
