namespace Jackpot.Reactive.Simulator;

/// <summary>
/// The most recent frames of one channel, for <c>Last-Event-ID</c> replay. Ids are consecutive, so the ring is indexed by id.
/// Not thread-safe: <see cref="ChannelFeed"/> guards it.
/// </summary>
internal sealed class EventHistory
{
    private readonly byte[][] _frames;
    private long _newestId;
    private int _count;

    public EventHistory(int capacity) => _frames = new byte[capacity][];

    /// <summary>Appends the frame of <paramref name="id"/>, which must be one more than the previous id.</summary>
    public void Append(long id, byte[] frame)
    {
        _newestId = id;
        if (_frames.Length == 0)
        {
            return;
        }

        _frames[id % _frames.Length] = frame;
        _count = Math.Min(_count + 1, _frames.Length);
    }

    /// <summary>Returns the frames after <paramref name="lastEventId"/>, oldest first.</summary>
    /// <param name="lastEventId">The last id the client has.</param>
    /// <param name="gap">
    /// <see langword="true"/> when events after <paramref name="lastEventId"/> are no longer kept, or the id is newer than
    /// any event of this channel (it comes from another run): the replay cannot continue exactly where the client stopped.
    /// </param>
    public IReadOnlyList<byte[]> After(long lastEventId, out bool gap)
    {
        long oldestKept = _newestId - _count + 1;
        gap = lastEventId > _newestId || lastEventId < oldestKept - 1;
        if (lastEventId >= _newestId)
        {
            return [];
        }

        long first = Math.Max(lastEventId + 1, oldestKept);
        var frames = new byte[_newestId - first + 1][];
        for (long id = first; id <= _newestId; id++)
        {
            frames[id - first] = _frames[id % _frames.Length];
        }

        return frames;
    }
}
