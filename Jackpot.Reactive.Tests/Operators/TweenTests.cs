using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using static Microsoft.Reactive.Testing.ReactiveTest;

namespace Jackpot.Reactive.Tests.Operators;

public sealed class TweenTests
{
    private static readonly ChannelName Broadcast = ChannelName.Broadcast(new WorkspaceId("ws"), new JackpotGroupId("group"));
    private static readonly ChannelName Player = ChannelName.Player(new WorkspaceId("ws"), new PlayerId("a@b.com"));
    private static readonly TimeSpan Frame = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    [Fact]
    public void Tween_FirstValue_EmitsAtOnceWithAmountEqualToTarget()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(S(2), Value("a", 1, 100.00m)));

        var observer = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(OnNext(S(2), Reading("a", 1, 100.00m, 100.00m)));
        source.Subscriptions.Should().Equal(Subscribe(S(1), S(100)));
    }

    [Fact]
    public void Tween_NewValue_EmitsFrameReadingsEndingExactlyOnTargetAfterDuration()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100.00m)),
            OnNext(S(10), Value("a", 1, 200.00m)));

        var observer = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100.00m, 100.00m)),
            OnNext(S(11), Reading("a", 1, 125.00m, 200.00m)),
            OnNext(S(12), Reading("a", 1, 150.00m, 200.00m)),
            OnNext(S(13), Reading("a", 1, 175.00m, 200.00m)),
            OnNext(S(14), Reading("a", 1, 200.00m, 200.00m)));
        source.Subscriptions.Should().Equal(Subscribe(S(1), S(100)));
    }

    [Fact]
    public void Tween_FrameNotDividingDuration_LastReadingAtDuration()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100.00m)),
            OnNext(S(10), Value("a", 1, 200.00m)));

        var observer = scheduler.Start(() => source.Tween(TimeSpan.FromSeconds(1.5), Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100.00m, 100.00m)),
            OnNext(S(11.5), Reading("a", 1, 137.50m, 200.00m)),
            OnNext(S(13), Reading("a", 1, 175.00m, 200.00m)),
            OnNext(S(14), Reading("a", 1, 200.00m, 200.00m)));
    }

    [Fact]
    public void Tween_FrameLongerThanDuration_OneReadingAtDuration()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(10), Value("a", 1, 200m)));

        var observer = scheduler.Start(() => source.Tween(TimeSpan.FromSeconds(10), Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(14), Reading("a", 1, 200m, 200m)));
    }

    [Fact]
    public void Tween_NewerValueDuringAnimation_RetargetsFromShownAmountWithFullDuration()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(10), Value("a", 1, 200m)),
            OnNext(S(12.5), Value("a", 1, 350m)));

        var observer = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(11), Reading("a", 1, 125m, 200m)),
            OnNext(S(12), Reading("a", 1, 150m, 200m)),
            OnNext(S(13.5), Reading("a", 1, 200m, 350m)),
            OnNext(S(14.5), Reading("a", 1, 250m, 350m)),
            OnNext(S(15.5), Reading("a", 1, 300m, 350m)),
            OnNext(S(16.5), Reading("a", 1, 350m, 350m)));
    }

    [Fact]
    public void Tween_DecreasingValueRetargetedBelowShown_MovesMonotonicallyAndNeverOvershoots()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 1000.00m)),
            OnNext(S(10), Value("a", 1, 100.00m)),
            OnNext(S(11.6), Value("a", 1, 90.00m)));

        var observer = scheduler.Start(() => source.Tween(TimeSpan.FromSeconds(0.3), Duration, scheduler), 0, S(1), S(100));

        var amounts = observer.Messages.Select(m => m.Value.Value.Amount).ToList();
        amounts.Should().BeInDescendingOrder();
        amounts.Should().OnlyContain(a => a >= 90.00m && a <= 1000.00m);
        amounts[^1].Should().Be(90.00m);
        observer.Messages[^1].Time.Should().Be(S(15.6));
    }

    [Fact]
    public void Tween_SmallStep_RoundsToTheValuesDecimals()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100.00m)),
            OnNext(S(10), Value("a", 1, 100.01m)));

        var observer = scheduler.Start(() => source.Tween(Frame, TimeSpan.FromSeconds(3), scheduler), 0, S(1), S(100));

        observer.Messages.Select(m => m.Value.Value.Amount).Should().Equal(100.00m, 100.00m, 100.01m, 100.01m);
        observer.Messages.Select(m => m.Value.Value.Amount.Scale).Should().OnlyContain(scale => scale == 2);
    }

    [Fact]
    public void Tween_ValueEqualToTarget_ChangesNothing()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(10), Value("a", 1, 200m)),
            OnNext(S(11.5), Value("a", 1, 200m)),
            OnNext(S(20), Value("a", 1, 200m)));

        var observer = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Select(m => m.Time).Should().Equal(S(2), S(11), S(12), S(13), S(14));
    }

    [Fact]
    public void Tween_WinDuringAnimation_StopsAndNextValueOfNewInstanceJumps()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(10), Value("a", 1, 200m)),
            OnNext(S(11.5), (JackpotEvent)Won("a", 1, 180m)),
            OnNext(S(12), Value("a", 1, 210m)),
            OnNext(S(13), Value("a", 2, 10m)),
            OnNext(S(14), Value("a", 1, 220m)));

        var observer = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(11), Reading("a", 1, 125m, 200m)),
            OnNext(S(13), Reading("a", 2, 10m, 10m)));
    }

    [Fact]
    public void Tween_WinByOther_NextValueJumpsEvenIfAmountEqualsShown()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(3), (JackpotEvent)Other("a", 1, 100m)),
            OnNext(S(4), Value("a", 2, 100m)));

        var observer = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(4), Reading("a", 2, 100m, 100m)));
    }

    [Fact]
    public void Tween_NewInstanceWithoutWin_JumpsAndOldInstanceBecomesStale()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(10), Value("a", 1, 200m)),
            OnNext(S(11.5), Value("a", 2, 5m)),
            OnNext(S(12), Value("a", 1, 300m)));

        var observer = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(11), Reading("a", 1, 125m, 200m)),
            OnNext(S(11.5), Reading("a", 2, 5m, 5m)));
    }

    [Fact]
    public void Tween_ZeroDuration_JumpsAtOnce()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(10), Value("a", 1, 200m)));

        var observer = scheduler.Start(() => source.Tween(Frame, TimeSpan.Zero, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(10), Reading("a", 1, 200m, 200m)));
    }

    [Fact]
    public void Tween_TwoJackpotsInOneTick_AnimateIndependently()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(2), Value("b", 1, 10m)),
            OnNext(S(10), Value("a", 1, 200m)),
            OnNext(S(10), Value("b", 1, 14m)),
            OnNext(S(10), (JackpotEvent)Unknown("b")),
            OnNext(S(11.5), (JackpotEvent)Won("b", 1, 13m)));

        var observer = scheduler.Start(() => source.Tween(Frame, TimeSpan.FromSeconds(2), scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(2), Reading("b", 1, 10m, 10m)),
            OnNext(S(11), Reading("a", 1, 150m, 200m)),
            OnNext(S(11), Reading("b", 1, 12m, 14m)),
            OnNext(S(12), Reading("a", 1, 200m, 200m)));
    }

    [Fact]
    public void Tween_AnimationEnded_SchedulesNothingMore()
    {
        var testScheduler = new TestScheduler();
        var scheduler = new PendingWorkScheduler(testScheduler);
        var source = testScheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(10), Value("a", 1, 200m)),
            OnNext(S(20), Value("a", 1, 200m)));
        var observer = testScheduler.CreateObserver<JackpotMeterReading>();

        using var subscription = source.Tween(Frame, Duration, scheduler).Subscribe(observer);
        testScheduler.AdvanceTo(S(9));
        scheduler.Scheduled.Should().Be(0);
        testScheduler.AdvanceTo(S(12));
        scheduler.Pending.Should().Be(1);
        testScheduler.AdvanceTo(S(1000));

        scheduler.Scheduled.Should().Be(4);
        scheduler.Pending.Should().Be(0);
        observer.Messages.Should().HaveCount(5);
        observer.Messages[^1].Time.Should().Be(S(14));
    }

    [Fact]
    public void Tween_SourceCompletesMidAnimation_EmitsTargetThenCompletes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(2), Value("b", 1, 7m)),
            OnNext(S(10), Value("a", 1, 200m)),
            OnCompleted<JackpotEvent>(S(11.5)));

        var observer = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(2), Reading("b", 1, 7m, 7m)),
            OnNext(S(11), Reading("a", 1, 125m, 200m)),
            OnNext(S(11.5), Reading("a", 1, 200m, 200m)),
            OnCompleted<JackpotMeterReading>(S(11.5)));
        source.Subscriptions.Should().Equal(Subscribe(S(1), S(11.5)));
    }

    [Fact]
    public void Tween_SourceErrorsMidAnimation_ErrorsAtOnceWithoutMoreFrames()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("boom");
        var source = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(10), Value("a", 1, 200m)),
            OnError<JackpotEvent>(S(11.5), error));

        var observer = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(11), Reading("a", 1, 125m, 200m)),
            OnError<JackpotMeterReading>(S(11.5), error));
        source.Subscriptions.Should().Equal(Subscribe(S(1), S(11.5)));
    }

    [Fact]
    public void Tween_DisposedMidAnimation_CancelsPendingFrame()
    {
        var testScheduler = new TestScheduler();
        var scheduler = new PendingWorkScheduler(testScheduler);
        var source = testScheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 100m)),
            OnNext(S(10), Value("a", 1, 200m)));

        var observer = testScheduler.Start(() => source.Tween(Frame, Duration, scheduler), 0, S(1), S(11.5));

        observer.Messages.Should().Equal(
            OnNext(S(2), Reading("a", 1, 100m, 100m)),
            OnNext(S(11), Reading("a", 1, 125m, 200m)));
        source.Subscriptions.Should().Equal(Subscribe(S(1), S(11.5)));
        scheduler.Pending.Should().Be(0);
        scheduler.Cancelled.Should().Be(1);
    }

    [Fact]
    public void Tween_InvalidArguments_Throw()
    {
        var source = Observable.Never<JackpotEvent>();
        var scheduler = new TestScheduler();

        FluentActions.Invoking(() => JackpotObservable.Tween(null!, Frame, Duration)).Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => JackpotObservable.Tween(null!, Frame, Duration, scheduler)).Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => source.Tween(Frame, Duration, null!)).Should().Throw<ArgumentNullException>().WithParameterName("scheduler");
        FluentActions.Invoking(() => source.Tween(TimeSpan.Zero, Duration)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("frame");
        FluentActions.Invoking(() => source.Tween(TimeSpan.FromSeconds(-1), Duration, scheduler)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("frame");
        FluentActions.Invoking(() => source.Tween(Frame, TimeSpan.FromTicks(-1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("duration");
        FluentActions.Invoking(() => source.Tween(Frame, TimeSpan.FromTicks(-1), scheduler)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("duration");
    }

    [Fact]
    public void Tween_DefaultSchedulerOverload_JumpsToFirstValue()
    {
        var readings = Observable.Return<JackpotEvent>(Value("a", 1, 42m)).Tween(Frame, Duration).ToList().Wait();

        readings.Should().Equal(Reading("a", 1, 42m, 42m));
    }

    internal static long S(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;

    private static JackpotMeterReading Reading(string jackpot, int instance, decimal amount, decimal target) =>
        new(new JackpotId(jackpot), Instance(jackpot, instance), "EUR", amount, target);

    private static JackpotInstanceId Instance(string jackpot, int ordinal) => new($"{jackpot}_{ordinal}");

#pragma warning disable CA1859 // The builders return JackpotEvent so that hot observables are of JackpotEvent.
    private static JackpotEvent Value(string jackpot, int instance, decimal amount) =>
        new JackpotValueUpdated(new JackpotId(jackpot), Instance(jackpot, instance), Broadcast, "EUR", amount,
            amount.ToString(CultureInfo.InvariantCulture));

    private static JackpotWon Won(string jackpot, int instance, decimal amount) =>
        new(new JackpotId(jackpot), Instance(jackpot, instance), Player, "EUR", amount,
            amount.ToString(CultureInfo.InvariantCulture), Instance(jackpot, instance + 1));

    private static JackpotWonByOther Other(string jackpot, int instance, decimal amount) =>
        new(new JackpotId(jackpot), Instance(jackpot, instance), Broadcast, "EUR", amount,
            amount.ToString(CultureInfo.InvariantCulture), Instance(jackpot, instance + 1));

    private static UnknownJackpotEvent Unknown(string jackpot) =>
        new("jackpot_boosted", new JackpotId(jackpot), Instance(jackpot, 1), Broadcast, "EUR", 0m, string.Empty, "{}");
#pragma warning restore CA1859

    /// <summary>Wraps a <see cref="TestScheduler"/> and counts the work scheduled, cancelled and still pending.</summary>
    internal sealed class PendingWorkScheduler(TestScheduler inner) : IScheduler
    {
        private readonly List<WorkItem> _items = [];

        public DateTimeOffset Now => inner.Now;

        public int Scheduled => _items.Count;

        public int Pending => _items.Count(item => !item.Ran && !item.Cancelled);

        public int Cancelled => _items.Count(item => item.Cancelled && !item.Ran);

        public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) =>
            Track(item => inner.Schedule(state, Run(item, action)));

        public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
            Track(item => inner.Schedule(state, dueTime, Run(item, action)));

        public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
            Track(item => inner.Schedule(state, dueTime, Run(item, action)));

        private static Func<IScheduler, TState, IDisposable> Run<TState>(WorkItem item, Func<IScheduler, TState, IDisposable> action) =>
            (scheduler, state) =>
            {
                item.Ran = true;
                return action(scheduler, state);
            };

        private IDisposable Track(Func<WorkItem, IDisposable> schedule)
        {
            var item = new WorkItem();
            _items.Add(item);
            var inner = schedule(item);
            return Disposable.Create(() =>
            {
                item.Cancelled = true;
                inner.Dispose();
            });
        }

        private sealed class WorkItem
        {
            public bool Ran { get; set; }

            public bool Cancelled { get; set; }
        }
    }
}
