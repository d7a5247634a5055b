using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Testing;

/// <summary>A <see cref="TestScheduler"/> that can tell when its next work is due, so a flush can stop at a limit
/// without moving the clock past the last work it ran.</summary>
internal sealed class MarbleTestScheduler : TestScheduler
{
    public bool TryGetNextDueTime(out long dueTime)
    {
        var next = GetNext();
        dueTime = next?.DueTime ?? 0;
        return next is not null;
    }
}
