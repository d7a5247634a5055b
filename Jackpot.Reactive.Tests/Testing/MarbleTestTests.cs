using System.Reactive.Linq;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

public sealed partial class MarbleTestTests
{
    [Fact]
    public void Hot_ThroughIdentityOperator_MatchesItsOwnMarbles()
    {
        var test = new MarbleTest();
        var source = test.Hot("--a--|");

        test.ExpectObservable(source.Select(x => x)).ToBe("--a--|");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^----!");

        test.Flush();
    }

    [Fact]
    public void Hot_NotificationsAtFrames_HappenOneMillisecondPerFrameAfterTimeZero()
    {
        var test = new MarbleTest();
        var source = test.Hot("-a-(bc)-|");

        source.Messages.Select(m => m.Time / TimeSpan.TicksPerMillisecond).Should().Equal(1, 3, 3, 5);
        test.ExpectObservable(source).ToBe("-a-(bc)-|");
        test.Flush();
    }

    [Fact]
    public void Hot_WithSubscriptionPoint_LateSubscriberMissesEarlierValues()
    {
        var test = new MarbleTest();
        var source = test.Hot("a-b-^-c-d-|");

        test.ExpectObservable(source).ToBe("--c-d-|");
        test.ExpectObservable(source, "----^").ToBe("----d-|");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^-----!", "----^-!");

        test.Flush();
    }

    [Fact]
    public void Hot_ValuesBeforeSubscriptionPoint_ReachAConnectedReplayBeforeTimeZero()
    {
        var test = new MarbleTest();
        var source = test.Hot("a-b-^-c-|");
        var latest = source.Replay(1);
        using var connection = latest.Connect();

        test.ExpectObservable(latest).ToBe("b-c-|");

        test.Flush();
    }

    [Fact]
    public void Hot_SubscriptionInTheFrameOfAValue_SeesThatValue()
    {
        var test = new MarbleTest();
        var source = test.Hot("--a-b-|");

        test.ExpectObservable(source, "--^").ToBe("--a-b-|");

        test.Flush();
    }

    [Fact]
    public void ExpectObservable_UnsubscribedInTheFrameOfAValue_DoesNotSeeThatValue()
    {
        var test = new MarbleTest();
        var source = test.Hot("--a-b-|");

        test.ExpectObservable(source, "^---!").ToBe("--a");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^---!");

        test.Flush();
    }

    [Fact]
    public void Cold_EverySubscription_GetsTheMarblesFromItsOwnStart()
    {
        var test = new MarbleTest();
        var source = test.Cold("-a-|");

        test.ExpectObservable(source).ToBe("-a-|");
        test.ExpectObservable(source, "---^").ToBe("----a-|");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^--!", "---^--!");

        test.Flush();
    }

    [Fact]
    public void Cold_ValueInFirstFrame_IsEmittedInTheFrameOfTheSubscription()
    {
        var test = new MarbleTest();
        var inner = test.Cold("(a|)");
        var outer = test.Hot("--x----y|");

        test.ExpectObservable(outer.SelectMany(_ => inner)).ToBe("--a----a|");
        test.ExpectSubscriptions(inner.Subscriptions).ToBe("--(^!)", "-------(^!)");

        test.Flush();
    }

    [Fact]
    public void Group_TakesExactlyOneFrame()
    {
        var test = new MarbleTest();
        var source = test.Cold("(abc)-d|");

        source.Messages.Select(m => m.Time).Should().Equal(0, 0, 0, 2 * TimeSpan.TicksPerMillisecond, 3 * TimeSpan.TicksPerMillisecond);
        test.ExpectObservable(source).ToBe("(abc)-d|");

        test.Flush();
    }

    [Fact]
    public void TimeProgression_AdvancesByItsSpan()
    {
        var test = new MarbleTest();
        var source = test.Hot("a 9ms b 1s |");

        test.ExpectObservable(source).ToBe("a---------b 999ms -|");

        test.Flush();
    }

    [Fact]
    public void Delay_OnTheTestScheduler_ShiftsByTheFramesOfItsSpan()
    {
        var test = new MarbleTest();
        var source = test.Hot("-a--b-|");

        test.ExpectObservable(source.Delay(test.Time("---|"), test.Scheduler)).ToBe("----a--b-|");

        test.Flush();
    }

    [Fact]
    public void Throw_WithDefaultError_MatchesHashWithoutError()
    {
        var test = new MarbleTest();
        var source = test.Cold<char>("-a-#");

        test.ExpectObservable(source).ToBe("-a-#");

        test.Flush();
    }

    [Fact]
    public void ToBe_WithCustomError_MatchesSameTypeAndMessage()
    {
        var test = new MarbleTest();
        var source = test.Cold<char>("-#", error: new TimeoutException("late"));

        test.ExpectObservable(source).ToBe("-#", error: new TimeoutException("late"));

        test.Flush();
    }

    [Fact]
    public void ToBe_WithValues_ComparesWithRecordEquality()
    {
        var test = new MarbleTest();
        var values = new Dictionary<char, Point> { ['a'] = new(1, 2), ['b'] = new(3, 4) };
        var source = test.Hot("-a-b-|", values);

        test.ExpectObservable(source.Select(p => p with { })).ToBe("-a-b-|", new Dictionary<char, Point> { ['a'] = new(1, 2), ['b'] = new(3, 4) });

        test.Flush();
    }

    [Fact]
    public void ToBe_WithComparer_UsesIt()
    {
        var test = new MarbleTest();
        var source = test.Hot<string>("-a-|", new Dictionary<char, string> { ['a'] = "JACKPOT" });

        test.ExpectObservable(source).ToBe("-a-|", new Dictionary<char, string> { ['a'] = "jackpot" }, comparer: StringComparer.OrdinalIgnoreCase);

        test.Flush();
    }

    [Fact]
    public void Hot_StringWithoutValues_SymbolsStandForThemselves()
    {
        var test = new MarbleTest();
        var source = test.Hot<string>("-a-1-|");

        test.ExpectObservable(source.Select(s => s + "!")).ToBe("-a-b-|", new Dictionary<char, string> { ['a'] = "a!", ['b'] = "1!" });

        test.Flush();
    }

    [Fact]
    public void Flush_EndlessTimer_StopsAtMaxFrames()
    {
        var test = new MarbleTest(new MarbleTestOptions { MaxFrames = 45 });
        var ticks = Observable.Interval(TimeSpan.FromMilliseconds(10), test.Scheduler).Select(i => (char)('a' + i));

        test.ExpectObservable(ticks).ToBe("10ms a 9ms b 9ms c 9ms d");

        test.Flush();
        test.Scheduler.Clock.Should().BeInRange(TimeSpan.FromMilliseconds(40).Ticks, TimeSpan.FromMilliseconds(41).Ticks);
    }

    [Fact]
    public void Flush_CalledTwice_ChecksOnlyNewExpectations()
    {
        var test = new MarbleTest();
        var source = test.Hot("-a-|");
        test.ExpectObservable(source).ToBe("-a-|");
        test.Flush();

        test.ExpectSubscriptions(source.Subscriptions).ToBe("^--!");
        test.Flush();
    }

    [Fact]
    public void FrameLength_Configured_ScalesFramesAndTimeProgressions()
    {
        var test = new MarbleTest(new MarbleTestOptions { FrameLength = TimeSpan.FromSeconds(1) });
        var source = test.Hot("-a 3s b|");

        test.Time("--|").Should().Be(TimeSpan.FromSeconds(2));
        test.ExpectObservable(source.Delay(TimeSpan.FromSeconds(2), test.Scheduler)).ToBe("---a---b|");

        test.Flush();
    }

    [Fact]
    public void Hot_CreatedAfterFlushWithPastFrames_Throws()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("-----|")).ToBe("-----|");
        test.Flush();

        var act = () => test.Hot("--a");

        act.Should().Throw<InvalidOperationException>().WithMessage("*Frame 2 of the hot notification is in the past*frame 5*");
    }

    [Fact]
    public void ExpectObservable_WithoutToBe_FlushThrows()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("-a"));

        var act = test.Flush;

        act.Should().Throw<InvalidOperationException>().WithMessage("ExpectObservable was called without ToBe.");
    }

    [Fact]
    public void ToBe_CalledTwice_Throws()
    {
        var test = new MarbleTest();
        var expectation = test.ExpectObservable(test.Hot("-a"));
        expectation.ToBe("-a");

        var act = () => expectation.ToBe("-a");

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Arguments_Null_Throw()
    {
        var test = new MarbleTest();

        FluentActions.Invoking(() => test.Hot(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => test.Cold<int>(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => test.ExpectObservable<int>(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => test.ExpectSubscriptions(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => test.Time(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new MarbleTest(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => test.ExpectSubscriptions([]).ToBe(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        FluentActions.Invoking(() => new MarbleTestOptions { FrameLength = TimeSpan.FromTicks(99) }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new MarbleTestOptions { MaxFrames = 0 }).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Scheduler_IsTheVirtualClockOfTheTest()
    {
        var test = new MarbleTest();
        ITestableObserver<long> observer = test.Scheduler.CreateObserver<long>();
        Observable.Timer(test.Time("--|"), test.Scheduler).Subscribe(observer);

        test.Flush();

        observer.Messages.Should().HaveCount(2);
        observer.Messages[0].Time.Should().Be(TimeSpan.FromMilliseconds(2).Ticks);
    }

    private sealed record Point(int X, int Y);
}
