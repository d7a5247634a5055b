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
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count => _open.Count;

    /// <summary>Gets the open streams now (a snapshot of the moment, never blocking the registry).</summary>
    public ICollection<SubscriberStream> Open => _open.Values;

    public void Add(SubscriberStream connection)
    {
        _open[connection.Id] = connection;
        SignalChanged();
    }

    public void Remove(SubscriberStream connection)
    {
        _open.TryRemove(connection.Id, out _);
        SignalChanged();
    }

    /// <summary>Waits until the number of open streams satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForCountAsync(Func<int, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Read the signal before the count: a change after the check completes the task awaited below.
            var changed = Volatile.Read(ref _changed);
            if (condition(Count))
            {
                return;
            }

            await changed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

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

    private void SignalChanged() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
