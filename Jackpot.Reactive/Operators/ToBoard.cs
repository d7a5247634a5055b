using System.Reactive.Linq;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>Folds jackpot events into immutable snapshots of all jackpots, for UIs to bind.</summary>
    /// <param name="source">The events, typically the merged broadcast and player streams.</param>
    /// <returns>A new <see cref="JackpotBoard"/> after each event that changes it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <remarks>
    /// <para>
    /// A value update sets the jackpot's instance, currency and amount; one that repeats the entry's instance, currency and
    /// amount changes nothing and emits nothing. A win (<see cref="JackpotWon"/> or <see cref="JackpotWonByOther"/>) sets
    /// the instance to the new instance and records the win and whether it was this player's; the amount stays the last
    /// value update's (see <see cref="JackpotBoardEntry.Amount"/>). A <see cref="JackpotWon"/> of an instance already
    /// recorded as won by another player corrects the entry to the player's win.
    /// </para>
    /// <para>
    /// Stale events are ignored, as <see cref="DetectInstanceChanges"/> decides: once an instance has been won or replaced
    /// by a newer one, its late value updates and repeated wins change nothing. Instances are compared by their
    /// <c>&lt;jackpot&gt;_&lt;n&gt;</c> ordinal when both ids have that form, so a value update or win of an older instance
    /// is stale even when that instance was never seen; otherwise an instance is stale when it is among the last 32
    /// replaced instances of its jackpot. Unknown events change nothing.
    /// No board is emitted before the first change; use <c>StartWith(JackpotBoard.Empty)</c> for an initial empty one.
    /// </para>
    /// <para>
    /// Each snapshot costs O(log n) for n jackpots: unchanged entries are shared with the previous snapshot, not copied.
    /// Completion and errors pass through at once; disposal unsubscribes from <paramref name="source"/>. No scheduler is
    /// involved: boards are emitted on the thread that delivered the event. Each subscription folds its own board.
    /// </para>
    /// </remarks>
    public static IObservable<JackpotBoard> ToBoard(this IObservable<JackpotEvent> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Observable.Create<JackpotBoard>(observer =>
        {
            var folder = new ToBoardSink();
            return source.Subscribe(
                jackpotEvent =>
                {
                    if (folder.TryApply(jackpotEvent, out var board))
                        observer.OnNext(board);
                },
                observer.OnError,
                observer.OnCompleted);
        });
    }
}

/// <summary>The state of one <c>ToBoard</c> subscription: the current board and an <see cref="InstanceTracker"/> per jackpot.</summary>
internal sealed class ToBoardSink
{
    private readonly Dictionary<JackpotId, InstanceTracker> _instances = [];

    public JackpotBoard Board { get; private set; } = JackpotBoard.Empty;

    /// <summary>Applies an event; returns the new board when the event changed it.</summary>
    public bool TryApply(JackpotEvent jackpotEvent, out JackpotBoard board)
    {
        var entry = jackpotEvent switch
        {
            JackpotValueUpdated value => ApplyValue(value),
            JackpotWon won => ApplyWin(won, won.NewInstance, wonByPlayer: true),
            JackpotWonByOther other => ApplyWin(other, other.NewInstance, wonByPlayer: false),
            _ => null,
        };
        if (entry is not null)
            Board = Board.With(entry);
        board = Board;
        return entry is not null;
    }

    private JackpotBoardEntry? ApplyValue(JackpotValueUpdated value)
    {
        if (InstanceTracker.For(_instances, value.Jackpot).ObserveValue(value.Instance, out _) == InstanceObservation.Stale)
            return null;
        if (!Board.TryGetEntry(value.Jackpot, out var current))
            return new JackpotBoardEntry(value.Jackpot, value.Instance, value.Currency, value.Amount, value, null, false);
        if (current.Instance == value.Instance && current.Amount == value.Amount
            && string.Equals(current.Currency, value.Currency, StringComparison.Ordinal))
            return null;
        return current with { Instance = value.Instance, Currency = value.Currency, Amount = value.Amount, LastUpdate = value };
    }

    private JackpotBoardEntry? ApplyWin(JackpotEvent win, JackpotInstanceId newInstance, bool wonByPlayer)
    {
        Board.TryGetEntry(win.Jackpot, out var current);
        if (current?.LastWin is { } lastWin && lastWin.Instance == win.Instance)
        {
            // The same win reported again; only the player's own win may correct one reported as another's.
            return wonByPlayer && !current.LastWinWasPlayer
                ? current with { LastUpdate = win, LastWin = win, LastWinWasPlayer = true }
                : null;
        }
        var instances = InstanceTracker.For(_instances, win.Jackpot);
        if (instances.IsStaleWin(win.Instance, newInstance))
            return null;
        instances.ObserveWin(win.Instance, newInstance, out _);
        if (current is null)
            return new JackpotBoardEntry(win.Jackpot, newInstance, win.Currency, win.Amount, win, win, wonByPlayer);
        return current with
        {
            Instance = newInstance,
            Currency = win.Currency,
            LastUpdate = win,
            LastWin = win,
            LastWinWasPlayer = wonByPlayer,
        };
    }
}
