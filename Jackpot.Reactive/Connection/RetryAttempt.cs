namespace Jackpot.Reactive;

/// <summary>A retry decided by <c>JackpotObservable.RetryWithBackoff</c>.</summary>
/// <param name="Attempt">The consecutive retry number, 1 for the first retry (again 1 after a healthy period).</param>
/// <param name="Delay">The delay before the source is subscribed again.</param>
/// <param name="Cause">The error that is retried.</param>
public sealed record RetryAttempt(int Attempt, TimeSpan Delay, Exception Cause);
