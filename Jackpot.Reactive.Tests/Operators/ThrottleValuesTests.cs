using System.Reactive.Subjects;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Operators.JackpotSamples;

namespace Jackpot.Reactive.Tests.Operators;

public sealed class ThrottleValuesTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>A marble test whose frame is a tenth of <see cref="Interval"/>.</summary>
    private static MarbleTest TenthOfASecondFrames() => new(new MarbleTestOptions { FrameLength = TimeSpan.FromMilliseconds(100) });

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
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('c', "J1", 3m);
        var source = test.Hot("a--b--c", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler), "^ 10s !").ToBe("a---------c", values);
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^ 10s !");

        test.Flush();
    }

    [Fact]
    public void ThrottleValues_QuietInterval_NextValuePassesAtOnce()
    {
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('c', "J1", 3m);
        var source = test.Hot("a 2.4s b-c", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler)).ToBe("a 2.4s b---------c", values);

        test.Flush();
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
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('c', "J1", 3m).Value('x', "J2", 9m);
        var source = test.Hot("(abxc)", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler)).ToBe("(ax)---------c", values);

        test.Flush();
    }

    [Fact]
    public void ThrottleValues_InterleavedJackpots_AreThrottledIndependently()
    {
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues()
            .Value('a', "J1", 1m).Value('b', "J1", 2m).Value('c', "J1", 3m).Value('x', "J2", 10m).Value('y', "J2", 20m);
        var source = test.Hot("a-x--by--c", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler)).ToBe("a-x-------c-y", values);

        test.Flush();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ThrottleValues_WinOfJackpot_DropsPendingValueAndResetsInterval(bool wonByPlayer)
    {
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m);
        (wonByPlayer ? values.Won('w', "J1", 500m) : values.WonByOther('w', "J1", 500m)).Value('c', "J1", 0m).Value('d', "J1", 0.5m);
        var source = test.Hot("a----b-wc-d", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler)).ToBe("a------wc---------d", values);

        test.Flush();
    }

    [Fact]
    public void ThrottleValues_WinInSameTickAsIntervalEnd_PendingValueIsNotEmitted()
    {
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).WonByOther('w', "J1", 500m);
        var source = test.Hot("a----b----w", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler)).ToBe("a---------w", values);

        test.Flush();
    }

    [Fact]
    public void ThrottleValues_WinOfAnotherJackpot_KeepsPendingValue()
    {
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).WonByOther('w', "J2", 500m);
        var source = test.Hot("a----bw", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler)).ToBe("a-----w---b", values);

        test.Flush();
    }

    [Fact]
    public void ThrottleValues_UnknownReason_PassesAtOnceAndKeepsPendingValue()
    {
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Add('u', Jackpots.Unknown("jackpot_paused", "J1"));
        var source = test.Hot("a----bu", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler)).ToBe("a-----u---b", values);

        test.Flush();
    }

    [Fact]
    public void ThrottleValues_CompletionWithPendingValues_EmitsThemInArrivalOrderThenCompletes()
    {
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('x', "J2", 10m).Value('y', "J2", 20m);
        var source = test.Hot("ax-yb|", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler)).ToBe("ax---(yb|)", values);
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^----!");
        test.Flush();

        test.Scheduler.Clock.Should().BeLessThan(test.Time("------|").Ticks, "no interval timer (due at frames 10 and 11) outlives the completion");
    }

    [Fact]
    public void ThrottleValues_ColdSourceCompletesWithoutPendingValue_Completes()
    {
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m);
        var source = test.Cold("1s a 1.9s |", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler), "-^").ToBe("- 1s a 1.9s |", values);
        test.ExpectSubscriptions(source.Subscriptions).ToBe("-^ 2.9s !");

        test.Flush();
    }

    [Fact]
    public void ThrottleValues_Error_PassesAtOnceAndDropsPendingValues()
    {
        var test = TenthOfASecondFrames();
        var error = new InvalidOperationException("connection failed");
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m);
        var source = test.Hot("a---b#", values, error);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler)).ToBe("a----#", values, error);
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^----!");
        test.Flush();

        test.Scheduler.Clock.Should().BeLessThan(test.Time("------|").Ticks, "the pending value's timer (due at frame 10) was cancelled");
    }

    [Fact]
    public void ThrottleValues_DisposedMidInterval_EmitsNothingMoreAndCancelsTimers()
    {
        var test = TenthOfASecondFrames();
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('x', "J2", 10m).Value('y', "J2", 20m);
        var source = test.Hot("a-x-by", values);

        test.ExpectObservable(source.ThrottleValues(Interval, test.Scheduler), "^------!").ToBe("a-x", values);
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^------!");
        test.Flush();

        test.Scheduler.Clock.Should().BeLessThan(test.Time("--------|").Ticks, "the timers due at frames 10 and 12 were cancelled");
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
