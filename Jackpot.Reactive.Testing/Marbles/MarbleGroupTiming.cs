namespace Jackpot.Reactive.Testing;

/// <summary>How much time a group such as <c>(ab)</c> takes in marbles.</summary>
public enum MarbleGroupTiming
{
    /// <summary>A group takes exactly one frame, whatever its width: in <c>(ab)-c</c>, <c>c</c> is at frame 2.</summary>
    OneFrame = 0,

    /// <summary>As in RxJS's <c>TestScheduler</c>: every character of a group, the parentheses included, takes a frame,
    /// while all its symbols happen in the first: in <c>(ab)-c</c>, <c>c</c> is at frame 5. Use it to port RxJS marbles
    /// unchanged.</summary>
    RxJs = 1,
}
