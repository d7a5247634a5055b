using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Testing;

/// <summary>A <see cref="TestScheduler"/> that can tell when its next work is due, so a flush can stop at a limit
/// without moving the clock past the last work it ran, and that knows how its marble test reads marbles.</summary>
internal sealed class MarbleTestScheduler(MarbleSyntax syntax) : TestScheduler
{
    /// <summary>Gets how the marble test that owns this scheduler reads marbles.</summary>
    public MarbleSyntax Syntax { get; } = syntax;

    public bool TryGetNextDueTime(out long dueTime)
    {
        var next = GetNext();
        dueTime = next?.DueTime ?? 0;
        return next is not null;
    }
}
