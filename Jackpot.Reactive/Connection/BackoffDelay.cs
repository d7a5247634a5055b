namespace Jackpot.Reactive;

/// <summary>The back-off arithmetic of <see cref="ReconnectPolicy"/>, as one pure function.</summary>
internal static class BackoffDelay
{
    /// <summary>Computes the delay before a retry.</summary>
    /// <param name="attempt">The retry number, 1 for the first retry after a failure.</param>
    /// <param name="policy">The policy (maximum delay, multiplier, jitter ratio).</param>
    /// <param name="reconnectionTime">The delay the back-off starts from: the server's last SSE <c>retry:</c> value,
    /// else <see cref="ReconnectPolicy.InitialDelay"/>. Not negative.</param>
    /// <param name="random">A number in [0, 1); values outside (and NaN) are clamped into it.</param>
    /// <param name="floor">The least delay the error asks for (a <c>Retry-After</c>); zero for none.</param>
    /// <returns>
    /// <c>max(floor, b × (1 + JitterRatio × random))</c> where <c>b = min(max(MaxDelay, r), r × Multiplier^(attempt−1))</c>
    /// for the reconnection time <c>r</c>: never less than <c>r</c>, as jitter only adds. With a zero <c>r</c>, <c>b</c>
    /// is 0 for the first attempt (at once) and <c>min(MaxDelay, 100 ms × Multiplier^(attempt−2))</c> after it.
    /// </returns>
    public static TimeSpan Compute(int attempt, ReconnectPolicy policy, TimeSpan reconnectionTime, double random, TimeSpan floor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(reconnectionTime, TimeSpan.Zero);

        double backoffTicks;
        if (reconnectionTime > TimeSpan.Zero)
        {
            double capTicks = Math.Max(policy.MaxDelay.Ticks, reconnectionTime.Ticks);
            backoffTicks = Math.Min(capTicks, reconnectionTime.Ticks * Math.Pow(policy.Multiplier, attempt - 1));
        }
        else
        {
            backoffTicks = attempt == 1
                ? 0.0
                : Math.Min(policy.MaxDelay.Ticks, ReconnectPolicy.BaseDelayAfterImmediateRetry.Ticks * Math.Pow(policy.Multiplier, attempt - 2));
        }

        double share = double.IsNaN(random) ? 0.0 : Math.Clamp(random, 0.0, 1.0);
        double delayTicks = backoffTicks * (1.0 + (policy.JitterRatio * share));
        var delay = delayTicks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)delayTicks);
        return delay < floor ? floor : delay;
    }
}
