using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Operators.JackpotSamples;

namespace Jackpot.Reactive.Tests.Operators;

public sealed class WhereCurrentInstanceTests
{
    [Fact]
    public void WhereCurrentInstance_NullSource_Throws() =>
        FluentActions.Invoking(() => ((IObservable<JackpotEvent>)null!).WhereCurrentInstance())
            .Should().Throw<ArgumentNullException>().WithParameterName("source");

    [Fact]
    public void WhereCurrentInstance_StaleValueAfterWin_IsDropped()
    {
        var scheduler = new TestScheduler();
        var (v1, win, v2) = (Value("a", "a_1", 1m), WonByOther("a", "a_1", "a_2"), Value("a", "a_2", 0m));
        var source = scheduler.CreateHotObservable(
            At<JackpotEvent>(10, v1), At<JackpotEvent>(11, win), At<JackpotEvent>(11.1, Value("a", "a_1", 2m)), At<JackpotEvent>(12, v2));

        var results = scheduler.Start(() => source.WhereCurrentInstance(), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, v1), At<JackpotEvent>(11, win), At<JackpotEvent>(12, v2));
        source.Subscriptions.Should().Equal(SubscribedUntil(100));
    }

    [Fact]
    public void WhereCurrentInstance_OutOfOrderOrdinals_DropsOlderAndPassesNewer()
    {
        var scheduler = new TestScheduler();
        var (v12, v14, v15) = (Value("a", "a_12", 1m), Value("a", "a_14", 2m), Value("a", "a_15", 3m));
        var source = scheduler.CreateHotObservable(
            At<JackpotEvent>(10, v12), At<JackpotEvent>(11, v14), At<JackpotEvent>(11, Value("a", "a_13", 9m)),
            At<JackpotEvent>(12, Value("a", "a_12", 9m)), At<JackpotEvent>(13, v15));

        var results = scheduler.Start(() => source.WhereCurrentInstance(), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, v12), At<JackpotEvent>(11, v14), At<JackpotEvent>(13, v15));
    }

    [Fact]
    public void WhereCurrentInstance_NonOrdinalIds_DropsRememberedSupersededInstances()
    {
        var scheduler = new TestScheduler();
        var (alpha, beta, gamma) = (Value("a", "alpha", 1m), Value("a", "beta", 2m), Value("a", "gamma", 3m));
        var source = scheduler.CreateHotObservable(
            At<JackpotEvent>(10, alpha), At<JackpotEvent>(11, beta), At<JackpotEvent>(12, Value("a", "alpha", 9m)), At<JackpotEvent>(13, gamma),
            At<JackpotEvent>(14, Value("a", "beta", 9m)));

        var results = scheduler.Start(() => source.WhereCurrentInstance(), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, alpha), At<JackpotEvent>(11, beta), At<JackpotEvent>(13, gamma));
    }

    [Fact]
    public void WhereCurrentInstance_DuplicateAndLateWins_AllPass()
    {
        var scheduler = new TestScheduler();
        var (wonByOther, won, lateWin) = (WonByOther("a", "a_1", "a_2"), Won("a", "a_1", "a_2"), WonByOther("a", "a_0", "a_1"));
        var source = scheduler.CreateHotObservable(At<JackpotEvent>(10, wonByOther), At<JackpotEvent>(10, won), At<JackpotEvent>(11, lateWin));

        var results = scheduler.Start(() => source.WhereCurrentInstance(), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, wonByOther), At<JackpotEvent>(10, won), At<JackpotEvent>(11, lateWin));
    }

    [Fact]
    public void WhereCurrentInstance_UnknownReasonAndOtherJackpots_Pass()
    {
        var scheduler = new TestScheduler();
        var (a2, unknown, b1) = (Value("a", "a_2", 1m), Unknown("jackpot_paused", "a", "a_1"), Value("b", "b_1", 1m));
        var source = scheduler.CreateHotObservable(At<JackpotEvent>(10, a2), At<JackpotEvent>(11, unknown), At<JackpotEvent>(12, b1));

        var results = scheduler.Start(() => source.WhereCurrentInstance(), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, a2), At<JackpotEvent>(11, unknown), At<JackpotEvent>(12, b1));
    }

    [Fact]
    public void WhereCurrentInstance_SourceCompletes_Completes()
    {
        var scheduler = new TestScheduler();
        var v1 = Value("a", "a_1", 1m);
        var source = scheduler.CreateHotObservable(At<JackpotEvent>(10, v1), CompletedAt<JackpotEvent>(11));

        var results = scheduler.Start(() => source.WhereCurrentInstance(), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(At<JackpotEvent>(10, v1), CompletedAt<JackpotEvent>(11));
        source.Subscriptions.Should().Equal(SubscribedUntil(11));
    }

    [Fact]
    public void WhereCurrentInstance_SourceErrors_PassesError()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("boom");
        var source = scheduler.CreateHotObservable(ErrorAt<JackpotEvent>(11, error));

        var results = scheduler.Start(() => source.WhereCurrentInstance(), Created, Subscribed, Seconds(100));

        results.Messages.Should().Equal(ErrorAt<JackpotEvent>(11, error));
        source.Subscriptions.Should().Equal(SubscribedUntil(11));
    }

    [Fact]
    public void WhereCurrentInstance_Disposed_StopsAndUnsubscribes()
    {
        var scheduler = new TestScheduler();
        var v1 = Value("a", "a_1", 1m);
        var cold = scheduler.CreateColdObservable(At<JackpotEvent>(1, v1), At<JackpotEvent>(5, Value("a", "a_1", 2m)));

        var results = scheduler.Start(() => cold.WhereCurrentInstance(), Created, Subscribed, Subscribed + Seconds(3));

        results.Messages.Should().Equal(ReactiveTest.OnNext<JackpotEvent>(Subscribed + Seconds(1), v1));
        cold.Subscriptions.Should().Equal(ReactiveTest.Subscribe(Subscribed, Subscribed + Seconds(3)));
    }
}
