using System.Reactive.Concurrency;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> on the clock of an <see cref="IScheduler"/>, so Task-based code
/// (<c>Task.Delay(delay, timeProvider)</c>, <c>new CancellationTokenSource(delay, timeProvider)</c>,
/// <c>task.WaitAsync(timeout, timeProvider)</c>, <see cref="PeriodicTimer"/>) and Rx code share one virtual clock.
/// </summary>
/// <remarks>
/// <para>Time is <see cref="IScheduler.Now"/>; timestamps are its ticks (<see cref="TimestampFrequency"/> is
/// <see cref="TimeSpan.TicksPerSecond"/>); the local time zone is UTC, so results do not depend on the machine.</para>
/// <para>Timers are scheduled on the scheduler with relative due times, and their callbacks run where the scheduler runs
/// work: on a <c>TestScheduler</c>, inside <c>AdvanceBy</c>, <c>AdvanceTo</c>, <c>Start</c> or a marble test's
/// <c>Flush</c>. Note that <c>TestScheduler</c> runs work due now one tick later, so a zero due time fires at the next
/// advance. A periodic timer's next tick is scheduled before its callback runs, one period after the tick.</para>
/// <para>A task completes inside the timer callback, but continuations such as <c>await</c> usually run later on the
/// thread pool, outside virtual time. To bring a task's result into a virtual-time pipeline deterministically, convert
/// it with <c>task.ToObservable(scheduler)</c>, which continues synchronously and emits on the scheduler.</para>
/// </remarks>
public sealed class SchedulerTimeProvider : TimeProvider
{
    /// <summary>The longest due time or period a timer accepts: 4294967294 ms, as <see cref="Timer"/>.</summary>
    internal static readonly TimeSpan MaxDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly IScheduler _scheduler;

    /// <summary>Creates the time provider.</summary>
    /// <param name="scheduler">The scheduler whose clock and queue to use, typically a <c>TestScheduler</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scheduler"/> is null.</exception>
    public SchedulerTimeProvider(IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _scheduler = scheduler;
    }

    /// <summary>Gets the scheduler this provider reads and schedules on.</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>Gets the ticks per second of <see cref="GetTimestamp"/>: <see cref="TimeSpan.TicksPerSecond"/>.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Gets UTC: virtual time has no machine time zone.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Gets the scheduler's <see cref="IScheduler.Now"/> in UTC.</summary>
    /// <returns>The current virtual time.</returns>
    public override DateTimeOffset GetUtcNow() => _scheduler.Now.ToUniversalTime();

    /// <summary>Gets the scheduler's time in ticks.</summary>
    /// <returns>The UTC ticks of <see cref="IScheduler.Now"/>.</returns>
    public override long GetTimestamp() => _scheduler.Now.UtcTicks;

    /// <summary>Creates a timer on the scheduler.</summary>
    /// <param name="callback">What to run when the timer fires.</param>
    /// <param name="state">The argument of <paramref name="callback"/>.</param>
    /// <param name="dueTime">When it first fires; <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="period">The time between later firings; <see cref="Timeout.InfiniteTimeSpan"/> or zero for once.</param>
    /// <returns>The timer: <see cref="ITimer.Change"/> reschedules it, disposing it cancels what is scheduled.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative (other than infinite) or longer than 4294967294 ms.</exception>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SchedulerTimer(_scheduler, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    internal static void ValidateTimerSpan(TimeSpan value, string paramName)
    {
        if (value != Timeout.InfiniteTimeSpan && (value < TimeSpan.Zero || value > MaxDueTime))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "A timer time must be Timeout.InfiniteTimeSpan or between 0 and 4294967294 ms.");
        }
    }
}
