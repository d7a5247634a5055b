namespace Jackpot.Reactive.Orleans.Tests.Infrastructure;

/// <summary>Awaits a condition the cluster reaches on its own (a lease expiring, a linger ending) by checking it
/// periodically under a generous timeout. Nothing waits for a fixed time.</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? EventRecorder<object>.Timeout;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"Timed out after {limit} waiting until {because}.");
            }

            await poll.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }

        return TimeProvider.System.GetElapsedTime(started);
    }
}
