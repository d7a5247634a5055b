namespace Jackpot.Reactive;

/// <summary>Who hears of the retries of a <c>RetryWithBackoff</c> subscription, and where its back-off starts. One
/// interface rather than two delegates: an event stream's session implements it, so an idle channel holds no delegates
/// for it.</summary>
internal interface IRetryHooks
{
    /// <summary>Gets the delay the back-off starts from, read at each retry (an event stream's reconnection time, which
    /// its server may change); null for <see cref="ReconnectPolicy.InitialDelay"/>.</summary>
    TimeSpan? ReconnectionTime { get; }

    /// <summary>Called when a retry is decided, before its delay starts.</summary>
    /// <param name="retry">The attempt, its delay and its cause.</param>
    void OnRetry(RetryAttempt retry);
}
