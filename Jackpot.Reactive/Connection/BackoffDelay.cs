namespace Jackpot.Reactive;

/// <summary>The back-off arithmetic of <see cref="ReconnectPolicy"/>, as one pure function.</summary>
internal static class BackoffDelay
{
    /// <summary>Computes the delay before a retry.</summary>
    /// <param name="attempt">The retry number, 1 for the first retry after a failure.</param>
    /// <param name="policy">The policy (initial and maximum delay, multiplier, jitter ratio).</param>
    /// <param name="random">A number in [0, 1); values outside (and NaN) are clamped into it.</param>
    /// <param name="floor">The least delay the error asks for; zero for none.</param>
    /// <returns>
    /// <c>max(floor, b × (1 − JitterRatio × random))</c> where <c>b = min(MaxDelay, InitialDelay × Multiplier^(attempt−1))</c>;
    /// with a zero <see cref="ReconnectPolicy.InitialDelay"/>, <c>b</c> is 0 for the first attempt and
    /// <c>min(MaxDelay, 100 ms × Multiplier^(attempt−2))</c> after it.
    /// </returns>
    public static TimeSpan Compute(int attempt, ReconnectPolicy policy, double random, TimeSpan floor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        ArgumentNullException.ThrowIfNull(policy);

        double maxTicks = policy.MaxDelay.Ticks;
        double backoffTicks = policy.InitialDelay > TimeSpan.Zero
            ? Math.Min(maxTicks, policy.InitialDelay.Ticks * Math.Pow(policy.Multiplier, attempt - 1))
            : attempt == 1
                ? 0.0
                : Math.Min(maxTicks, ReconnectPolicy.BaseDelayAfterImmediateRetry.Ticks * Math.Pow(policy.Multiplier, attempt - 2));
        if (double.IsNaN(backoffTicks))
        {
            backoffTicks = maxTicks;
        }

        double share = double.IsNaN(random) ? 0.0 : Math.Clamp(random, 0.0, 1.0);
        var delay = TimeSpan.FromTicks((long)(backoffTicks * (1.0 - (policy.JitterRatio * share))));
        return delay < floor ? floor : delay;
    }
}
