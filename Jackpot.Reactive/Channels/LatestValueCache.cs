namespace Jackpot.Reactive;

/// <summary>
/// The latest <see cref="JackpotValueUpdated"/> of each jackpot of a broadcast channel, replayed to a late subscriber.
/// A win removes its jackpot's entry: the value belonged to the instance just won. Not thread-safe (the channel's gate
/// guards it). The channel grains of the Orleans package keep theirs the same way (the file is compiled in there).
/// </summary>
internal sealed class LatestValueCache
{
    private readonly Dictionary<JackpotId, JackpotValueUpdated> _values = [];

    /// <summary>Gets the cached values, one per jackpot, in no particular order.</summary>
    public IReadOnlyCollection<JackpotValueUpdated> Values => _values.Values;

    /// <summary>Updates the cache with an event as it is delivered.</summary>
    public void Remember(JackpotEvent jackpotEvent)
    {
        switch (jackpotEvent)
        {
            case JackpotValueUpdated value:
                _values[value.Jackpot] = value;
                break;
            case JackpotWonByOther or JackpotWon:
                _values.Remove(jackpotEvent.Jackpot);
                break;
        }
    }

    /// <summary>Sends every cached value to <paramref name="observer"/>, stopping at the first it throws on.</summary>
    /// <returns>What the observer threw, or null.</returns>
    public Exception? Replay(IObserver<JackpotEvent> observer)
    {
        foreach (var value in _values.Values)
        {
            if (SubscriberIsolation.TryOnNext<JackpotEvent>(observer, value) is { } thrown)
            {
                return thrown;
            }
        }

        return null;
    }

    /// <summary>Forgets everything (the connection closed: the values may be stale by the next one).</summary>
    public void Clear() => _values.Clear();
}
