using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

public sealed class SchedulerTimeProviderTests
{
    private readonly TestScheduler _scheduler = new();
    private readonly SchedulerTimeProvider _time;

    public SchedulerTimeProviderTests() => _time = new SchedulerTimeProvider(_scheduler);

    [Fact]
    public void GetUtcNow_FollowsTheSchedulerClock()
    {
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(3).Ticks);

        _time.GetUtcNow().Should().Be(_scheduler.Now);
        _time.GetUtcNow().Offset.Should().Be(TimeSpan.Zero);
        _time.GetLocalNow().Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void GetElapsedTime_MeasuresVirtualTime()
    {
        long start = _time.GetTimestamp();

        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1500).Ticks);

        _time.TimestampFrequency.Should().Be(TimeSpan.TicksPerSecond);
        _time.GetElapsedTime(start).Should().Be(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public void TaskDelay_CompletesWhenVirtualTimeReachesTheDelay()
    {
        var delay = Task.Delay(TimeSpan.FromSeconds(5), _time, TestContext.Current.CancellationToken);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks - 1);
        delay.IsCompleted.Should().BeFalse();

        _scheduler.AdvanceBy(1);
        delay.Status.Should().Be(TaskStatus.RanToCompletion);
    }

    [Fact]
    public async Task TaskDelay_Canceled_IsCanceledAndItsTimerNeverFires()
    {
        using var cancellation = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), _time, cancellation.Token);

        await cancellation.CancelAsync();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        delay.IsCanceled.Should().BeTrue();
    }

    [Fact]
    public void CancellationTokenSource_WithDelay_CancelsAtTheDelay()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks - 1);
        cancellation.IsCancellationRequested.Should().BeFalse();

        _scheduler.AdvanceBy(1);
        cancellation.IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public void CancellationTokenSource_CancelAfter_ReschedulesTheTimer()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        cancellation.CancelAfter(TimeSpan.FromSeconds(3));
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);
        cancellation.IsCancellationRequested.Should().BeFalse();

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        cancellation.IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public async Task WaitAsync_TaskNotDoneBeforeTimeout_ThrowsTimeoutExceptionAtTheTimeout()
    {
        var never = new TaskCompletionSource();
        var waiting = never.Task.WaitAsync(TimeSpan.FromSeconds(30), _time, TestContext.Current.CancellationToken);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(29).Ticks);
        waiting.IsCompleted.Should().BeFalse();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task WaitAsync_TaskDoneBeforeTimeout_ReturnsItsResult()
    {
        var result = new TaskCompletionSource<int>();
        var waiting = result.Task.WaitAsync(TimeSpan.FromSeconds(30), _time, TestContext.Current.CancellationToken);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
        result.SetResult(42);
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(30).Ticks);

        (await waiting).Should().Be(42);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresAtDueTimeThenEveryPeriod()
    {
        var firings = new List<long>();
        using var timer = _time.CreateTimer(_ => firings.Add(_scheduler.Clock), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(6).Ticks);

        firings.Should().Equal(Seconds(1), Seconds(3), Seconds(5));
    }

    [Fact]
    public void CreateTimer_ZeroPeriod_FiresOnce()
    {
        var firings = new List<long>();
        using var timer = _time.CreateTimer(_ => firings.Add(_scheduler.Clock), null, TimeSpan.FromSeconds(1), TimeSpan.Zero);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        firings.Should().Equal(Seconds(1));
    }

    [Fact]
    public void CreateTimer_InfiniteDueTime_NeverFiresUntilChanged()
    {
        var firings = new List<object?>();
        using var timer = _time.CreateTimer(firings.Add, "state", Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
        firings.Should().BeEmpty();

        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).Should().BeTrue();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        firings.Should().Equal("state");
    }

    [Fact]
    public void Change_FromCallback_ReplacesThePeriodicSchedule()
    {
        var firings = new List<long>();
        ITimer? timer = null;
        timer = _time.CreateTimer(
            _ =>
            {
                firings.Add(_scheduler.Clock);
                timer!.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(20).Ticks);
        timer.Dispose();

        firings.Should().Equal(Seconds(1), Seconds(6), Seconds(11), Seconds(16));
    }

    [Fact]
    public async Task Dispose_StopsTheTimerAndChangeThenReturnsFalse()
    {
        int firings = 0;
        var timer = _time.CreateTimer(_ => firings++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        await timer.DisposeAsync();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        firings.Should().Be(2);
        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).Should().BeFalse();
    }

    [Fact]
    public async Task PeriodicTimer_TicksOnTheVirtualClock()
    {
        using var periodic = new PeriodicTimer(TimeSpan.FromSeconds(10), _time);
        var tick = periodic.WaitForNextTickAsync(TestContext.Current.CancellationToken).AsTask();

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(9).Ticks);
        tick.IsCompleted.Should().BeFalse();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        (await tick).Should().BeTrue();
    }

    [Fact]
    public void TaskDelayAndRxTimer_ShareOneClock()
    {
        var test = new MarbleTest();
        var time = new SchedulerTimeProvider(test.Scheduler);
        var fromTask = Observable.Defer(() => Task.Delay(test.Time("---|"), time).ToObservable(test.Scheduler)).Select(_ => 't');
        var fromRx = Observable.Timer(test.Time("-----|"), test.Scheduler).Select(_ => 'r');

        test.ExpectObservable(fromTask.Merge(fromRx)).ToBe("---t-(r|)");

        test.Flush();
    }

    [Fact]
    public void CancellationTokenSource_WithDelay_CancelsInTheMarbleFrameOfTheDelay()
    {
        var test = new MarbleTest();
        var time = new SchedulerTimeProvider(test.Scheduler);
        var timeout = Observable.Create<char>(observer =>
        {
            var cancellation = new CancellationTokenSource(test.Time("----|"), time);
            var registration = cancellation.Token.Register(() =>
            {
                observer.OnNext('x');
                observer.OnCompleted();
            });
            return () =>
            {
                registration.Dispose();
                cancellation.Dispose();
            };
        });

        test.ExpectObservable(timeout, "-^").ToBe("-----(x|)");

        test.Flush();
    }

    [Fact]
    public void CreateTimer_OnAnyScheduler_UsesItsClock()
    {
        var historical = new HistoricalScheduler(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var time = new SchedulerTimeProvider(historical);
        var fired = new List<DateTimeOffset>();
        using var timer = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        historical.AdvanceBy(TimeSpan.FromHours(2));

        fired.Should().Equal(new DateTimeOffset(2025, 1, 1, 1, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Arguments_Invalid_Throw()
    {
        FluentActions.Invoking(() => new SchedulerTimeProvider(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => _time.CreateTimer(null!, null, TimeSpan.Zero, TimeSpan.Zero)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => _time.CreateTimer(_ => { }, null, TimeSpan.FromTicks(-1), TimeSpan.Zero))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("dueTime");
        FluentActions.Invoking(() => _time.CreateTimer(_ => { }, null, TimeSpan.Zero, TimeSpan.FromDays(50)))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("period");
    }

    private static long Seconds(int seconds) => TimeSpan.FromSeconds(seconds).Ticks;
}
