using System.Reactive.Linq;
using System.Reactive.Subjects;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Operators;

public sealed class HoldDuringRoundsTests
{
    /// <summary>The longest hold in these tests: five one-second frames.</summary>
    private static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<char, bool> Round = new() { ['t'] = true, ['f'] = false };

    private static MarbleTest SecondFrames() => new(new MarbleTestOptions { FrameLength = TimeSpan.FromSeconds(1) });

    /// <summary>J1 and J2 value updates, wins that move them to their next instance, and the values that follow.</summary>
    private static JackpotMarbleValues Values() => new JackpotMarbleValues()
        .Value('a', "J1", 10m).Value('b', "J1", 11m).Value('x', "J2", 50m)
        .WonByOther('W', "J1", 12m).Value('c', "J1", 1m).Value('d', "J1", 2m)
        .Won('Y', "J2", 51m).Value('e', "J2", 5m)
        .Add('u', Jackpots.Unknown("jackpot_boosted", "J1", instance: "J1_2"))
        .Add('v', Jackpots.Unknown("jackpot_boosted", "J2", instance: "J2_1"));

    [Fact]
    public void HoldDuringRounds_NullArguments_Throw()
    {
        IObservable<JackpotEvent> source = new Subject<JackpotEvent>();
        IObservable<bool> round = new Subject<bool>();

        FluentActions.Invoking(() => ((IObservable<JackpotEvent>)null!).HoldDuringRounds(round, MaxHold))
            .Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => ((IObservable<JackpotEvent>)null!).HoldDuringRounds(round, MaxHold, new TestScheduler()))
            .Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => source.HoldDuringRounds(null!, MaxHold))
            .Should().Throw<ArgumentNullException>().WithParameterName("roundInProgress");
        FluentActions.Invoking(() => source.HoldDuringRounds(null!, MaxHold, new TestScheduler()))
            .Should().Throw<ArgumentNullException>().WithParameterName("roundInProgress");
        FluentActions.Invoking(() => source.HoldDuringRounds(round, MaxHold, null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("scheduler");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void HoldDuringRounds_MaxHoldNotPositive_Throws(long ticks)
    {
        IObservable<JackpotEvent> source = new Subject<JackpotEvent>();
        IObservable<bool> round = new Subject<bool>();

        FluentActions.Invoking(() => source.HoldDuringRounds(round, TimeSpan.FromTicks(ticks)))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxHold");
        FluentActions.Invoking(() => source.HoldDuringRounds(round, TimeSpan.FromTicks(ticks), new TestScheduler()))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxHold");
    }

    [Fact]
    public void HoldDuringRounds_NoRound_EverythingPassesAtOnce()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("-a-W-c-Y-u-", values);
        var round = test.Hot("-f---f-----", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("-a-W-c-Y-u-", values);

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_DuringRound_HoldsWinsAndTheirJackpotsEventsAndReleasesThemInOrderAtTheEnd()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("a-bWcxdYue--", values);
        var round = test.Hot("-t---------f", Round);

        // c and d conflate to d, emitted where d arrived: after W, before Y.
        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold.Multiply(3), test.Scheduler))
            .ToBe("a-b--x-----(WdYue)", values);
        test.ExpectSubscriptions(round.Subscriptions).ToBe("^");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^");

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_OtherJackpotsUnknownEventsDuringRound_PassAtOnce()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("--Wvu", values);
        var round = test.Hot("-t---f", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("---v-(Wu)", values);

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_RoundOutlastsMaxHold_ReleasesAtMaxHoldAndPassesTheRestOfThatRound()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("--W-c--Y----d---e", values);
        var round = test.Hot("-t--------f-t", Round);

        // The round starts at 1: held news is released at 1 + 5 s = 6; Y passes at once until the next round starts at 12.
        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("------(Wc)Y----d---e", values);

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_NextRoundAfterMaxHold_HoldsAgainWithItsOwnMaxHold()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("-------------Y-e", values);
        var round = test.Hot("-t--------f-t", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("-----------------(Ye)", values);

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_RepeatedValues_ChangeNothingAndDoNotRestartMaxHold()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("--W--Y------c-", values);
        var round = test.Hot("-tft-t-t-f-f", Round);

        // The round of 1 ends at 2 (W released); the round from 3 is not restarted by t at 5 and 7: its max hold ends at 8.
        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("--W-----Y---c-", values);

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_SignalStartsInRound_HoldsTheSourcesFirstEvents()
    {
        var test = SecondFrames();
        var values = Values();
        var round = new BehaviorSubject<bool>(true);
        var source = test.Cold("(Wc)", values);
        test.Scheduler.ScheduleAbsolute(round, test.FrameLength.Multiply(2).Ticks, static (_, signal) =>
        {
            signal.OnNext(false);
            return System.Reactive.Disposables.Disposable.Empty;
        });

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("--(Wc)", values);

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_SourceCompletesDuringRound_ReleasesAndCompletesWhenTheRoundEnds()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("--Wx|", values);
        var round = test.Hot("-t-----f", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold.Multiply(3), test.Scheduler)).ToBe("---x---(W|)", values);
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^---!");
        test.ExpectSubscriptions(round.Subscriptions).ToBe("^------!");

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_SourceCompletesDuringEndlessRound_CompletesAtMaxHold()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("--W|", values);
        var round = test.Hot("-t", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("------(W|)", values);

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_SourceCompletesOutsideRound_CompletesAtOnce()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("-a-|", values);
        var round = test.Hot("-t-f", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("-a-|", values);
        test.ExpectSubscriptions(round.Subscriptions).ToBe("^--!");

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_SignalCompletesDuringRound_ReleasesAtOnceAndHoldsNothingMore()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("--W--Y-c|", values);
        var round = test.Hot("-t--|", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("----WY-c|", values);
        test.ExpectSubscriptions(round.Subscriptions).ToBe("^---!");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^-------!");

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_SourceErrorsDuringRound_PassesItAtOnceDropsHeldAndUnsubscribesSignal()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("--Wx#", values);
        var round = test.Hot("-t", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("---x#", values);
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^---!");
        test.ExpectSubscriptions(round.Subscriptions).ToBe("^---!");

        test.Flush();
        test.Scheduler.Clock.Should().BeLessThan(MaxHold.Ticks, "the max-hold timer (due at 6 s) is cancelled");
    }

    [Fact]
    public void HoldDuringRounds_SignalErrors_PassesItAtOnceDropsHeldAndUnsubscribesSource()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("--Wx--c", values);
        var round = test.Hot("-t--#", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler)).ToBe("---x#", values);
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^---!");
        test.ExpectSubscriptions(round.Subscriptions).ToBe("^---!");

        test.Flush();
    }

    [Fact]
    public void HoldDuringRounds_DisposedDuringRound_UnsubscribesBothEmitsNothingMoreAndCancelsTimer()
    {
        var test = SecondFrames();
        var values = Values();
        var source = test.Hot("--Wx", values);
        var round = test.Hot("-t", Round);

        test.ExpectObservable(source.HoldDuringRounds(round, MaxHold, test.Scheduler), "^---!").ToBe("---x", values);
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^---!");
        test.ExpectSubscriptions(round.Subscriptions).ToBe("^---!");

        test.Flush();
        test.Scheduler.Clock.Should().BeLessThan(MaxHold.Ticks, "the max-hold timer (due at 6 s) is cancelled");
    }

    [Fact]
    public void HoldDuringRounds_ObserverDisposesDuringRelease_EmitsNothingMore()
    {
        var source = new Subject<JackpotEvent>();
        var round = new Subject<bool>();
        var values = Values();
        var received = new List<JackpotEvent>();
        IDisposable? subscription = null;
        subscription = source.HoldDuringRounds(round, MaxHold, new TestScheduler()).Subscribe(e =>
        {
            received.Add(e);
            subscription!.Dispose();
        });

        round.OnNext(true);
        source.OnNext(values['W']);
        source.OnNext(values['Y']);
        round.OnNext(false);

        received.Should().Equal(values['W']);
        source.HasObservers.Should().BeFalse();
        round.HasObservers.Should().BeFalse();
    }

    [Fact]
    public void HoldDuringRounds_DefaultScheduler_HoldsUntilTheRoundEnds()
    {
        var source = new Subject<JackpotEvent>();
        var round = new BehaviorSubject<bool>(false);
        var values = Values();
        var received = new List<JackpotEvent>();

        using var subscription = source.HoldDuringRounds(round, TimeSpan.FromHours(1)).Subscribe(received.Add);
        round.OnNext(true);
        source.OnNext(values['W']);
        source.OnNext(values['x']);
        received.Should().Equal(values['x']);

        round.OnNext(false);
        received.Should().Equal(values['x'], values['W']);
    }

    [Fact]
    public async Task HoldDuringRounds_SignalOnAnotherThread_NeverOverlapsCallsAndLosesNoWin()
    {
        const int wins = 2000;
        var source = new Subject<JackpotEvent>();
        var round = new Subject<bool>();
        var received = new List<JackpotEvent>();
        int inside = 0, overlaps = 0;
        var events = Enumerable.Range(0, wins)
            .Select(i => (JackpotEvent)Jackpots.WonByOther("J" + (i % 3), 1m, $"J{i % 3}_{i}", $"J{i % 3}_{i + 1}"))
            .ToArray();

        using (source.HoldDuringRounds(round, TimeSpan.FromHours(1), new TestScheduler()).Subscribe(e =>
        {
            if (Interlocked.Increment(ref inside) > 1)
                Interlocked.Increment(ref overlaps);
            received.Add(e);
            Interlocked.Decrement(ref inside);
        }))
        {
            var toggling = Task.Run(() =>
            {
                for (int i = 0; i < wins; i++)
                    round.OnNext(i % 2 == 0);
            }, TestContext.Current.CancellationToken);
            var publishing = Task.Run(() =>
            {
                foreach (var e in events)
                    source.OnNext(e);
            }, TestContext.Current.CancellationToken);
            await Task.WhenAll(toggling, publishing).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            round.OnNext(false);
        }

        overlaps.Should().Be(0);
        received.Should().Equal(events, "wins are released in arrival order, none lost or repeated");
    }
}
