namespace Jackpot.Reactive.Samples;

/// <summary>
/// Follows the channels of a killed silo until each is held by another silo and has delivered an event again, and says
/// so once per channel with the time since the kill.
/// </summary>
internal sealed class FailoverWatch(int killedSilo, IReadOnlyDictionary<ChannelBoard, long> eventsAtKill)
{
    private readonly long _killedAt = TimeProvider.System.GetTimestamp();
    private readonly HashSet<ChannelBoard> _pending = [.. eventsAtKill.Keys];

    public bool IsDone => _pending.Count == 0;

    /// <summary>Returns the line for a channel that has just been seen on a new silo with new events, or null.</summary>
    public string? Check(ChannelBoard board, int silo)
    {
        if (!_pending.Contains(board) || silo < 0 || silo == killedSilo || board.Events <= eventsAtKill[board])
        {
            return null;
        }

        _pending.Remove(board);
        var elapsed = TimeProvider.System.GetElapsedTime(_killedAt);
        return $"** {board.Channel.Group} moved from silo {killedSilo} to silo {silo}; events again within {elapsed.TotalSeconds:F1} s of the kill " +
            $"({board.Events - eventsAtKill[board]} since)";
    }
}
