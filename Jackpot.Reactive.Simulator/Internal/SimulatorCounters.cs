using System.Collections.Concurrent;

namespace Jackpot.Reactive.Simulator;

/// <summary>Counters read by <see cref="PushEventSimulator"/>; thread-safe.</summary>
internal sealed class SimulatorCounters
{
    private long _connectionsAccepted;
    private long _eventsSent;

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

/// <summary>The open streams, so they can be counted and dropped together.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, SubscriberStream> _open = new();

    public int Count => _open.Count;

    public void Add(SubscriberStream connection) => _open[connection.Id] = connection;

    public void Remove(SubscriberStream connection) => _open.TryRemove(connection.Id, out _);

    /// <summary>Drops every open stream.</summary>
    /// <returns>How many streams were dropped.</returns>
    public int DropAll(ConnectionDropKind kind)
    {
        int dropped = 0;
        foreach (var connection in _open.Values)
        {
            connection.Drop(kind);
            dropped++;
        }

        return dropped;
    }
}
