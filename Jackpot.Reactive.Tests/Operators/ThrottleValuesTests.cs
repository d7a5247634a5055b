using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Operators.JackpotSamples;

namespace Jackpot.Reactive.Tests.Operators;

public sealed class ThrottleValuesTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public void ThrottleValues_NullArguments_Throw()
    {
        IObservable<JackpotEvent> source = new Subject<JackpotEvent>();

        FluentActions.Invoking(() => ((IObservable<JackpotEvent>)null!).ThrottleValues(Interval))
            .Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => ((IObservable<JackpotEvent>)null!).ThrottleValues(Interval, new TestScheduler()))
            .Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => source.ThrottleValues(Interval, null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("scheduler");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ThrottleValues_IntervalNotPositive_Throws(long ticks)
    {
        IObservable<JackpotEvent> source = new Subject<JackpotEvent>();

        FluentActions.Invoking(() => source.ThrottleValues(TimeSpan.FromTicks(ticks)))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("interval");
        FluentActions.Invoking(() => source.ThrottleValues(TimeSpan.FromTicks(ticks), new TestScheduler()))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("interval");
    }

    [Fact]
    public void ThrottleValues_DefaultScheduler_FirstValuePassesAtOnceAndLaterOnesAreHeld()
    {
        var source = new Subject<JackpotEvent>();
        var received = new List<JackpotEvent>();
        var first = Value("a", "a_1", 1m);

        using (source.ThrottleValues(TimeSpan.FromHours(1)).Subscribe(received.Add))
        {
            source.OnNext(first);
            source.OnNext(Value("a", "a_1", 2m));
        }

        received.Should().Equal(first);
    }

    [Fact]
    public void ThrottleValues_ValuesWithinInterval_EmitsLatestWhenIntervalEnds()
    {
        var scheduler = new TestScheduler();
        var (v1, v2, v3) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m), Value("a", "a_1", 3m));
        var source = scheduler.CreateHotObservable(At<JackpotEvent>(10, v1), At<JackpotEvent>(10.3, v2), At<JackpotEvent>(10.6, v3));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, v1), At<JackpotEvent>(11, v3));
        source.Subscriptions.Should().Equal(SubscribedUntil(100));
    }

    [Fact]
    public void ThrottleValues_QuietInterval_NextValuePassesAtOnce()
    {
        var scheduler = new TestScheduler();
        var (v1, v2, v3) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m), Value("a", "a_1", 3m));
        var source = scheduler.CreateHotObservable(At<JackpotEvent>(10, v1), At<JackpotEvent>(12.5, v2), At<JackpotEvent>(12.7, v3));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, v1), At<JackpotEvent>(12.5, v2), At<JackpotEvent>(13.5, v3));
    }

    [Fact]
    public void ThrottleValues_ContinuousTicking_EmitsOncePerIntervalWithoutStarving()
    {
        var scheduler = new TestScheduler();
        var ticks = Enumerable.Range(0, 16).Select(i => (Time: 10 + (i * 0.25), Event: Value("a", "a_1", i))).ToArray();
        var source = scheduler.CreateHotObservable(ticks.Select(t => At<JackpotEvent>(t.Time, t.Event)).ToArray());

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        // An event due at an interval's end arrives before the timer (it was scheduled first), so it is the one emitted.
        results.Messages.Should().Equal(
            At<JackpotEvent>(10, ticks[0].Event),
            At<JackpotEvent>(11, ticks[4].Event),
            At<JackpotEvent>(12, ticks[8].Event),
            At<JackpotEvent>(13, ticks[12].Event),
            At<JackpotEvent>(14, ticks[15].Event));
    }

    [Fact]
    public void ThrottleValues_SimultaneousValuesInOneTick_FirstPassesAndLastIsHeld()
    {
        var scheduler = new TestScheduler();
        var (a1, a2, a3, b1) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m), Value("a", "a_1", 3m), Value("b", "b_1", 9m));
        var source = scheduler.CreateHotObservable(
            At<JackpotEvent>(10, a1), At<JackpotEvent>(10, a2), At<JackpotEvent>(10, b1), At<JackpotEvent>(10, a3));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, a1), At<JackpotEvent>(10, b1), At<JackpotEvent>(11, a3));
    }

    [Fact]
    public void ThrottleValues_InterleavedJackpots_AreThrottledIndependently()
    {
        var scheduler = new TestScheduler();
        var (a1, a2, a3) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m), Value("a", "a_1", 3m));
        var (b1, b2) = (Value("b", "b_1", 10m), Value("b", "b_1", 20m));
        var source = scheduler.CreateHotObservable(
            At<JackpotEvent>(10, a1), At<JackpotEvent>(10.2, b1), At<JackpotEvent>(10.5, a2),
            At<JackpotEvent>(10.6, b2), At<JackpotEvent>(10.9, a3));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(
            At<JackpotEvent>(10, a1), At<JackpotEvent>(10.2, b1), At<JackpotEvent>(11, a3), At<JackpotEvent>(11.2, b2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ThrottleValues_WinOfJackpot_DropsPendingValueAndResetsInterval(bool wonByPlayer)
    {
        var scheduler = new TestScheduler();
        var (v1, v2) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m));
        JackpotEvent win = wonByPlayer ? Won("a", "a_1", "a_2") : WonByOther("a", "a_1", "a_2");
        var (n1, n2) = (Value("a", "a_2", 0m), Value("a", "a_2", 0.5m));
        var source = scheduler.CreateHotObservable(
            At<JackpotEvent>(10, v1), At<JackpotEvent>(10.5, v2), At<JackpotEvent>(10.7, win),
            At<JackpotEvent>(10.8, n1), At<JackpotEvent>(11, n2));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(
            At<JackpotEvent>(10, v1), At(10.7, win), At<JackpotEvent>(10.8, n1), At<JackpotEvent>(11.8, n2));
    }

    [Fact]
    public void ThrottleValues_WinInSameTickAsIntervalEnd_PendingValueIsNotEmitted()
    {
        var scheduler = new TestScheduler();
        var (v1, v2) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m));
        var win = WonByOther("a", "a_1", "a_2");
        var source = scheduler.CreateHotObservable(At<JackpotEvent>(10, v1), At<JackpotEvent>(10.5, v2), At<JackpotEvent>(11, win));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, v1), At<JackpotEvent>(11, win));
    }

    [Fact]
    public void ThrottleValues_WinOfAnotherJackpot_KeepsPendingValue()
    {
        var scheduler = new TestScheduler();
        var (a1, a2) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m));
        var winB = WonByOther("b", "b_1", "b_2");
        var source = scheduler.CreateHotObservable(At<JackpotEvent>(10, a1), At<JackpotEvent>(10.5, a2), At<JackpotEvent>(10.6, winB));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, a1), At<JackpotEvent>(10.6, winB), At<JackpotEvent>(11, a2));
    }

    [Fact]
    public void ThrottleValues_UnknownReason_PassesAtOnceAndKeepsPendingValue()
    {
        var scheduler = new TestScheduler();
        var (a1, a2) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m));
        var unknown = Unknown("jackpot_paused", "a", "a_1");
        var source = scheduler.CreateHotObservable(At<JackpotEvent>(10, a1), At<JackpotEvent>(10.5, a2), At<JackpotEvent>(10.6, unknown));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, a1), At<JackpotEvent>(10.6, unknown), At<JackpotEvent>(11, a2));
    }

    [Fact]
    public void ThrottleValues_CompletionWithPendingValues_EmitsThemInArrivalOrderThenCompletes()
    {
        var scheduler = new TestScheduler();
        var (a1, a2, b1, b2) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m), Value("b", "b_1", 10m), Value("b", "b_1", 20m));
        var source = scheduler.CreateHotObservable(
            At<JackpotEvent>(10, a1), At<JackpotEvent>(10.1, b1), At<JackpotEvent>(10.3, b2), At<JackpotEvent>(10.4, a2),
            CompletedAt<JackpotEvent>(10.5));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(10.9));

        results.Messages.Should().Equal(
            At<JackpotEvent>(10, a1), At<JackpotEvent>(10.1, b1), At<JackpotEvent>(10.5, b2), At<JackpotEvent>(10.5, a2),
            CompletedAt<JackpotEvent>(10.5));
        source.Subscriptions.Should().Equal(SubscribedUntil(10.5));
        scheduler.Clock.Should().Be(Seconds(10.9), "no interval timer (due at 11 s and 11.1 s) outlives the completion");
    }

    [Fact]
    public void ThrottleValues_ColdSourceCompletesWithoutPendingValue_Completes()
    {
        var scheduler = new TestScheduler();
        var v1 = Value("a", "a_1", 1m);
        var source = scheduler.CreateColdObservable(At<JackpotEvent>(1, v1), CompletedAt<JackpotEvent>(3));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(
            ReactiveTest.OnNext<JackpotEvent>(Subscribed + Seconds(1), v1), ReactiveTest.OnCompleted<JackpotEvent>(Subscribed + Seconds(3)));
        source.Subscriptions.Should().Equal(ReactiveTest.Subscribe(Subscribed, Subscribed + Seconds(3)));
    }

    [Fact]
    public void ThrottleValues_Error_PassesAtOnceAndDropsPendingValues()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("connection failed");
        var (a1, a2) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m));
        var source = scheduler.CreateHotObservable(At<JackpotEvent>(10, a1), At<JackpotEvent>(10.4, a2), ErrorAt<JackpotEvent>(10.5, error));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(10.9));

        results.Messages.Should().Equal(At<JackpotEvent>(10, a1), ErrorAt<JackpotEvent>(10.5, error));
        source.Subscriptions.Should().Equal(SubscribedUntil(10.5));
        scheduler.Clock.Should().Be(Seconds(10.9), "the pending value's timer (due at 11 s) was cancelled");
    }

    [Fact]
    public void ThrottleValues_DisposedMidInterval_EmitsNothingMoreAndCancelsTimers()
    {
        var scheduler = new TestScheduler();
        var (a1, a2, b1, b2) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m), Value("b", "b_1", 10m), Value("b", "b_1", 20m));
        var source = scheduler.CreateHotObservable(
            At<JackpotEvent>(10, a1), At<JackpotEvent>(10.2, b1), At<JackpotEvent>(10.4, a2), At<JackpotEvent>(10.5, b2));

        var results = scheduler.Start(() => source.ThrottleValues(Interval, scheduler), Created, Subscribed, Seconds(10.7));

        results.Messages.Should().Equal(At<JackpotEvent>(10, a1), At<JackpotEvent>(10.2, b1));
        source.Subscriptions.Should().Equal(SubscribedUntil(10.7));
        scheduler.Clock.Should().Be(Seconds(10.7), "the timers due at 11 s and 11.2 s were cancelled");
    }

    [Fact]
    public void ThrottleValues_DisposedFromObserverOnFirstValue_SchedulesNothing()
    {
        var scheduler = new TestScheduler();
        var source = new Subject<JackpotEvent>();
        var received = new List<JackpotEvent>();
        IDisposable? subscription = null;
        subscription = source.ThrottleValues(Interval, scheduler).Subscribe(e =>
        {
            received.Add(e);
            subscription?.Dispose();
        });

        source.OnNext(Value("a", "a_1", 1m));
        source.OnNext(Value("a", "a_1", 2m));
        scheduler.Start();

        received.Should().ContainSingle();
        source.HasObservers.Should().BeFalse();
        scheduler.Clock.Should().Be(0, "the interval timer was cancelled");
    }
}
