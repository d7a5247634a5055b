using System.Reactive.Concurrency;

namespace Jackpot.Reactive;

/// <summary>The one place where the default scheduler of time-based operators is chosen.</summary>
internal static class SchedulerDefaults
{
    /// <summary>Gets the scheduler used by the overloads without an <see cref="IScheduler"/>: <see cref="DefaultScheduler.Instance"/>.</summary>
    public static IScheduler TimeBasedOperations => DefaultScheduler.Instance;
}
