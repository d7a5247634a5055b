using System.Collections.Concurrent;

namespace Jackpot.Reactive.Simulator;

/// <summary>Counters read by <see cref="PushEventSimulator"/>; thread-safe.</summary>
internal sealed class SimulatorCounters
{
    private long _connectionsAccepted;
    private long _eventsSent;
    private long _connectionsDropped;

    public long ConnectionsDropped => Interlocked.Read(ref _connectionsDropped);

    public void ConnectionDropped() => Interlocked.Increment(ref _connectionsDropped);

    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    public long EventsSent => Interlocked.Read(ref _eventsSent);

    public long NextConnectionId() => Interlocked.Increment(ref _connectionsAccepted);

    public void AddEventsSent(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _eventsSent, count);
        }
    }
}

/// <summary>The open streams, so they can be counted, awaited and dropped together.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, SubscriberStream> _open = new();

    private readonly CountWatch _watch;

    public ConnectionRegistry() => _watch = new CountWatch(() => _open.Count);

    public int Count => _open.Count;

    /// <summary>Gets the open streams now (a snapshot of the moment, never blocking the registry).</summary>
    public ICollection<SubscriberStream> Open => _open.Values;

    public void Add(SubscriberStream connection)
    {
        _open[connection.Id] = connection;
        _watch.Changed();
    }

    public void Remove(SubscriberStream connection)
    {
        _open.TryRemove(connection.Id, out _);
        _watch.Changed();
    }

    /// <summary>Waits until the number of open streams satisfies <paramref name="condition"/>.</summary>
    public Task WaitForCountAsync(Func<int, bool> condition, CancellationToken cancellationToken) => _watch.WaitAsync(condition, cancellationToken);

    /// <summary>Drops the open streams of one channel, or every open stream.</summary>
    /// <param name="kind">How they end.</param>
    /// <param name="channel">The channel; <see langword="null"/> for every stream.</param>
    /// <returns>How many streams were dropped.</returns>
    public int Drop(ConnectionDropKind kind, ChannelName? channel = null)
    {
        int dropped = 0;
        foreach (var connection in _open.Values)
        {
            if (channel is null || connection.Channel == channel)
            {
                connection.Drop(kind);
                dropped++;
            }
        }

        return dropped;
    }

}
