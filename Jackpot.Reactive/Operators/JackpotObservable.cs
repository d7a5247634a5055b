namespace Jackpot.Reactive;

/// <summary>
/// Operators over jackpot event streams and the resilient retry operator. Each operator lives in its own file
/// (<c>Operators/&lt;Name&gt;.cs</c>); time-based ones come as a pair of overloads, with and without an
/// <see cref="System.Reactive.Concurrency.IScheduler"/>, the latter using <see cref="System.Reactive.Concurrency.DefaultScheduler"/>.
/// </summary>
public static partial class JackpotObservable
{
}
