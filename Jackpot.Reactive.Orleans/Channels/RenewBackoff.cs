namespace Jackpot.Reactive.Orleans;

/// <summary>
/// How soon a subscriber retries a subscription call that failed (the silo holding the grain died, or the grain is being
/// re-activated): a short back-off that doubles from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>, never longer
/// than the renew interval, so the pause after a failover ends soon after the cluster has recovered the grain.
/// </summary>
internal static class RenewBackoff
{
    /// <summary>The delay after the first failure: 100 ms.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay: 500 ms (so a retry follows the cluster's recovery of the grain within half a second).</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait for a call while the grain's silo is suspected: 2 seconds.</summary>
    public static readonly TimeSpan MaxQuickCallTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Returns the delay before the next attempt after <paramref name="failures"/> failures in a row.</summary>
    /// <param name="failures">The failures in a row, 1 or more.</param>
    /// <param name="renewInterval">The renew interval, the upper bound.</param>
    public static TimeSpan Delay(int failures, TimeSpan renewInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        int doublings = Math.Min(failures - 1, 10);
        var delay = TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << doublings, MaxDelay.Ticks));
        return delay < renewInterval ? delay : renewInterval;
    }

    /// <summary>Returns how long to wait for a call while the grain's silo is suspected.</summary>
    /// <param name="callTimeout">The usual call timeout (half a lease).</param>
    public static TimeSpan QuickCallTimeout(TimeSpan callTimeout) => callTimeout < MaxQuickCallTimeout ? callTimeout : MaxQuickCallTimeout;
}
