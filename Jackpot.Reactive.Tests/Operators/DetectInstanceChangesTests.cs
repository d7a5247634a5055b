using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Operators.JackpotSamples;

namespace Jackpot.Reactive.Tests.Operators;

public sealed class DetectInstanceChangesTests
{
    [Fact]
    public void DetectInstanceChanges_NullSource_Throws() =>
        FluentActions.Invoking(() => ((IObservable<JackpotEvent>)null!).DetectInstanceChanges())
            .Should().Throw<ArgumentNullException>().WithParameterName("source");

    [Fact]
    public void DetectInstanceChanges_FirstValueThenSameInstance_EmitsInitialOnce()
    {
        var (v1, v2) = (Value("a", "a_1", 1m), Value("a", "a_1", 2m));

        var (results, source) = Run(At<JackpotEvent>(10, v1), At<JackpotEvent>(11, v2));

        results.Messages.Should().Equal(At(10, Change("a", null, "a_1", InstanceChangeCause.Initial, v1)));
        source.Subscriptions.Should().Equal(SubscribedUntil(100));
    }

    [Fact]
    public void DetectInstanceChanges_WinByOther_EmitsWonByOtherFromWonToNewInstance()
    {
        var v1 = Value("f8f21i6_", "f8f21i6__12", 300m);
        var win = WonByOther("f8f21i6_", "f8f21i6__12", "f8f21i6__13");

        var (results, _) = Run(At<JackpotEvent>(10, v1), At<JackpotEvent>(11, win), At<JackpotEvent>(12, Value("f8f21i6_", "f8f21i6__13", 0m)));

        results.Messages.Should().Equal(
            At(10, Change("f8f21i6_", null, "f8f21i6__12", InstanceChangeCause.Initial, v1)),
            At(11, Change("f8f21i6_", "f8f21i6__12", "f8f21i6__13", InstanceChangeCause.WonByOther, win)));
    }

    [Fact]
    public void DetectInstanceChanges_PlayerWinThenBroadcastWinOfSameInstance_EmitsOnce()
    {
        var v1 = Value("a", "a_1", 1m);
        var (won, wonByOther) = (Won("a", "a_1", "a_2"), WonByOther("a", "a_1", "a_2"));

        var (results, _) = Run(At<JackpotEvent>(10, v1), At<JackpotEvent>(11, won), At<JackpotEvent>(11.1, wonByOther));

        results.Messages.Should().Equal(
            At(10, Change("a", null, "a_1", InstanceChangeCause.Initial, v1)),
            At(11, Change("a", "a_1", "a_2", InstanceChangeCause.WonByPlayer, won)));
    }

    [Fact]
    public void DetectInstanceChanges_BroadcastWinThenPlayerWinInSameTick_EmitsOnce()
    {
        var v1 = Value("a", "a_1", 1m);
        var (wonByOther, won) = (WonByOther("a", "a_1", "a_2"), Won("a", "a_1", "a_2"));

        var (results, _) = Run(At<JackpotEvent>(10, v1), At<JackpotEvent>(11, wonByOther), At<JackpotEvent>(11, won));

        results.Messages.Should().Equal(
            At(10, Change("a", null, "a_1", InstanceChangeCause.Initial, v1)),
            At(11, Change("a", "a_1", "a_2", InstanceChangeCause.WonByOther, wonByOther)));
    }

    [Fact]
    public void DetectInstanceChanges_WinAsFirstSight_EmitsWinFromWonInstance()
    {
        var won = Won("a", "a_7", "a_8");

        var (results, _) = Run(At<JackpotEvent>(10, won), At<JackpotEvent>(11, Value("a", "a_8", 0m)));

        results.Messages.Should().Equal(At(10, Change("a", "a_7", "a_8", InstanceChangeCause.WonByPlayer, won)));
    }

    [Fact]
    public void DetectInstanceChanges_NewerInstanceWithoutWin_EmitsObserved()
    {
        var (v1, v3) = (Value("a", "a_1", 1m), Value("a", "a_3", 0m));

        var (results, _) = Run(At<JackpotEvent>(10, v1), At<JackpotEvent>(11, v3));

        results.Messages.Should().Equal(
            At(10, Change("a", null, "a_1", InstanceChangeCause.Initial, v1)),
            At(11, Change("a", "a_1", "a_3", InstanceChangeCause.Observed, v3)));
    }

    [Fact]
    public void DetectInstanceChanges_ValueOfNewInstanceBeforeItsWin_EmitsObservedOnly()
    {
        var (v1, v2) = (Value("a", "a_1", 1m), Value("a", "a_2", 0m));
        var win = WonByOther("a", "a_1", "a_2");

        var (results, _) = Run(At<JackpotEvent>(10, v1), At<JackpotEvent>(11, v2), At<JackpotEvent>(11.5, win));

        results.Messages.Should().Equal(
            At(10, Change("a", null, "a_1", InstanceChangeCause.Initial, v1)),
            At(11, Change("a", "a_1", "a_2", InstanceChangeCause.Observed, v2)));
    }

    [Fact]
    public void DetectInstanceChanges_LateValueOfSupersededInstance_ChangesNothing()
    {
        var v1 = Value("a", "a_9", 1m);
        var win = WonByOther("a", "a_9", "a_10");

        var (results, _) = Run(
            At<JackpotEvent>(10, v1), At<JackpotEvent>(11, win), At<JackpotEvent>(11.1, Value("a", "a_9", 2m)),
            At<JackpotEvent>(12, Value("a", "a_10", 0m)));

        results.Messages.Should().Equal(
            At(10, Change("a", null, "a_9", InstanceChangeCause.Initial, v1)),
            At(11, Change("a", "a_9", "a_10", InstanceChangeCause.WonByOther, win)));
    }

    [Fact]
    public void DetectInstanceChanges_OutOfOrderOrdinals_OlderInstanceIsStale()
    {
        var v13 = Value("a", "a_13", 1m);

        var (results, _) = Run(At<JackpotEvent>(10, v13), At<JackpotEvent>(11, Value("a", "a_12", 2m)), At<JackpotEvent>(12, Value("a", "a_013", 3m)));

        results.Messages.Should().Equal(At(10, Change("a", null, "a_13", InstanceChangeCause.Initial, v13)));
    }

    [Fact]
    public void DetectInstanceChanges_LateWinOfOlderInstance_ChangesNothing()
    {
        var v5 = Value("a", "a_5", 1m);

        var (results, _) = Run(At<JackpotEvent>(10, v5), At<JackpotEvent>(11, WonByOther("a", "a_3", "a_4")));

        results.Messages.Should().Equal(At(10, Change("a", null, "a_5", InstanceChangeCause.Initial, v5)));
    }

    [Fact]
    public void DetectInstanceChanges_NonOrdinalIds_RemembersSupersededInstances()
    {
        var alpha = Value("a", "alpha", 1m);
        var beta = Value("a", "beta", 2m);
        var win = Won("a", "beta", "gamma");

        var (results, _) = Run(
            At<JackpotEvent>(10, alpha), At<JackpotEvent>(11, beta), At<JackpotEvent>(12, Value("a", "alpha", 3m)),
            At<JackpotEvent>(13, win), At<JackpotEvent>(14, Value("a", "beta", 4m)), At<JackpotEvent>(15, Value("a", "alpha", 5m)));

        results.Messages.Should().Equal(
            At(10, Change("a", null, "alpha", InstanceChangeCause.Initial, alpha)),
            At(11, Change("a", "alpha", "beta", InstanceChangeCause.Observed, beta)),
            At(13, Change("a", "beta", "gamma", InstanceChangeCause.WonByPlayer, win)));
    }

    [Fact]
    public void DetectInstanceChanges_JackpotIdWithoutUnderscore_DoesNotReadOrdinalOfLongerPrefix()
    {
        // "x__2" is not "x_<digits>", so ordinals do not apply: the older-looking id is a new instance.
        var (first, second) = (Value("x", "x__2", 1m), Value("x", "x__1", 2m));

        var (results, _) = Run(At<JackpotEvent>(10, first), At<JackpotEvent>(11, second));

        results.Messages.Should().Equal(
            At(10, Change("x", null, "x__2", InstanceChangeCause.Initial, first)),
            At(11, Change("x", "x__2", "x__1", InstanceChangeCause.Observed, second)));
    }

    [Fact]
    public void DetectInstanceChanges_InterleavedJackpotsInOneTick_TrackedIndependently()
    {
        var (a1, b1) = (Value("a", "a_1", 1m), Value("b", "b_1", 1m));
        var winA = WonByOther("a", "a_1", "a_2");
        var b2 = Value("b", "b_2", 0m);

        var (results, _) = Run(
            At<JackpotEvent>(10, a1), At<JackpotEvent>(10, b1), At<JackpotEvent>(11, winA), At<JackpotEvent>(11, Value("b", "b_1", 2m)),
            At<JackpotEvent>(11, b2), At<JackpotEvent>(11, Value("a", "a_1", 3m)));

        results.Messages.Should().Equal(
            At(10, Change("a", null, "a_1", InstanceChangeCause.Initial, a1)),
            At(10, Change("b", null, "b_1", InstanceChangeCause.Initial, b1)),
            At(11, Change("a", "a_1", "a_2", InstanceChangeCause.WonByOther, winA)),
            At(11, Change("b", "b_1", "b_2", InstanceChangeCause.Observed, b2)));
    }

    [Fact]
    public void DetectInstanceChanges_UnknownReason_IsIgnored()
    {
        var v1 = Value("a", "a_1", 1m);

        var (results, _) = Run(At<JackpotEvent>(10, Unknown("jackpot_reset", "a", "a_5")), At<JackpotEvent>(11, v1));

        results.Messages.Should().Equal(At(11, Change("a", null, "a_1", InstanceChangeCause.Initial, v1)));
    }

    [Fact]
    public void DetectInstanceChanges_SourceCompletes_Completes()
    {
        var v1 = Value("a", "a_1", 1m);

        var (results, source) = Run(At<JackpotEvent>(10, v1), CompletedAt<JackpotEvent>(11));

        results.Messages.Should().Equal(
            At(10, Change("a", null, "a_1", InstanceChangeCause.Initial, v1)), CompletedAt<JackpotInstanceChange>(11));
        source.Subscriptions.Should().Equal(SubscribedUntil(11));
    }

    [Fact]
    public void DetectInstanceChanges_SourceErrors_PassesError()
    {
        var error = new InvalidOperationException("boom");

        var (results, source) = Run(ErrorAt<JackpotEvent>(11, error));

        results.Messages.Should().Equal(ErrorAt<JackpotInstanceChange>(11, error));
        source.Subscriptions.Should().Equal(SubscribedUntil(11));
    }

    [Fact]
    public void DetectInstanceChanges_Disposed_StopsAndUnsubscribes()
    {
        var scheduler = new TestScheduler();
        var v1 = Value("a", "a_1", 1m);
        var cold = scheduler.CreateColdObservable(At<JackpotEvent>(1, v1), At<JackpotEvent>(5, Value("a", "a_2", 0m)));

        var results = scheduler.Start(() => cold.DetectInstanceChanges(), Created, Subscribed, Subscribed + Seconds(3));

        results.Messages.Should().Equal(
            ReactiveTest.OnNext(Subscribed + Seconds(1), Change("a", null, "a_1", InstanceChangeCause.Initial, v1)));
        cold.Subscriptions.Should().Equal(ReactiveTest.Subscribe(Subscribed, Subscribed + Seconds(3)));
    }

    [Fact]
    public void DetectInstanceChanges_Resubscribed_StartsFresh()
    {
        var scheduler = new TestScheduler();
        var v1 = Value("a", "a_1", 1m);
        var cold = scheduler.CreateColdObservable(At<JackpotEvent>(1, v1), CompletedAt<JackpotEvent>(2));
        var changes = cold.DetectInstanceChanges();

        var first = scheduler.CreateObserver<JackpotInstanceChange>();
        var second = scheduler.CreateObserver<JackpotInstanceChange>();
        changes.Subscribe(first);
        changes.Subscribe(second);
        scheduler.Start();

        second.Messages.Should().Equal(first.Messages);
        first.Messages.Should().HaveCount(2);
    }

    private static JackpotInstanceChange Change(string jackpot, string? previous, string current, InstanceChangeCause cause, JackpotEvent trigger) =>
        new(new JackpotId(jackpot), previous is null ? null : new JackpotInstanceId(previous), new JackpotInstanceId(current), cause, trigger);

    private static (ITestableObserver<JackpotInstanceChange> Results, ITestableObservable<JackpotEvent> Source) Run(
        params Recorded<System.Reactive.Notification<JackpotEvent>>[] messages)
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(messages);
        var results = scheduler.Start(() => source.DetectInstanceChanges(), Created, Subscribed, Seconds(100));
        return (results, source);
    }
}
