namespace Jackpot.Reactive.Orleans;

/// <summary>
/// Puts a process's deliveries of one channel in order: each is released once, right after its predecessor; one at or
/// before the last released is a duplicate (a failover's replay, or a catch-up that crossed a notification); one past a
/// hole is held until the hole is filled (a notification overtaken by a later one, or lost and then sent again in a
/// renewal's catch-up). Not thread-safe: the channel source's gate guards it.
/// </summary>
internal sealed class DeliveryOrder
{
    private readonly SortedDictionary<ChannelPosition, ChannelDelivery> _held = new(PositionComparer.Instance);

    /// <summary>Gets the position of the last delivery released, or null before the first answer of the grain.</summary>
    public ChannelPosition? Position { get; private set; }

    /// <summary>Gets the number of deliveries held behind a hole (for tests).</summary>
    public int HeldCount => _held.Count;

    /// <summary>Starts (or, after a gap, restarts) at the position a snapshot stands for; held deliveries after it stay.</summary>
    public void Reset(ChannelPosition position)
    {
        Position = position;
        foreach (var stale in _held.Keys.Where(p => !p.IsAfter(position)).ToList())
        {
            _held.Remove(stale);
        }
    }

    public void Clear()
    {
        Position = null;
        _held.Clear();
    }

    /// <summary>Takes a delivery; returns the deliveries it releases, in order (none for a duplicate or one held).</summary>
    /// <param name="delivery">The delivery.</param>
    /// <param name="duplicate">Set when it was already released (or held).</param>
    public List<ChannelDelivery> Accept(ChannelDelivery delivery, out bool duplicate)
    {
        duplicate = (Position is { } last && !delivery.Position.IsAfter(last)) || _held.ContainsKey(delivery.Position);
        if (duplicate)
        {
            return [];
        }

        _held[delivery.Position] = delivery;
        return Drain();
    }

    /// <summary>Releases the held deliveries that now follow <see cref="Position"/> (after a reset), in order.</summary>
    public List<ChannelDelivery> Drain()
    {
        var released = new List<ChannelDelivery>();
        while (Position is { } last && _held.Count > 0)
        {
            var next = _held.First();
            if (!Follows(next.Key, last))
            {
                break;
            }

            _held.Remove(next.Key);
            Position = next.Key;
            released.Add(next.Value);
        }

        return released;
    }

    private static bool Follows(ChannelPosition candidate, ChannelPosition last) =>
        (candidate.Epoch == last.Epoch && candidate.Sequence == last.Sequence + 1) ||
        (candidate.Epoch > last.Epoch && candidate.Sequence == 1);

    private sealed class PositionComparer : IComparer<ChannelPosition>
    {
        public static readonly PositionComparer Instance = new();

        public int Compare(ChannelPosition x, ChannelPosition y) =>
            x.Epoch != y.Epoch ? x.Epoch.CompareTo(y.Epoch) : x.Sequence.CompareTo(y.Sequence);
    }
}
