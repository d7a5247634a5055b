using System.Globalization;
using System.Reactive.Linq;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Operators.TweenTests;
using static Microsoft.Reactive.Testing.ReactiveTest;

namespace Jackpot.Reactive.Tests.Operators;

public sealed class MergePlayerWinsTests
{
    private static readonly ChannelName Broadcast = ChannelName.Broadcast(new WorkspaceId("ws"), new JackpotGroupId("group"));
    private static readonly ChannelName Player = ChannelName.Player(new WorkspaceId("ws"), new PlayerId("a@b.com"));
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private static MarbleTest SecondFrames() => new(new MarbleTestOptions { FrameLength = TimeSpan.FromSeconds(1) });

    [Fact]
    public void MergePlayerWins_PlayerWinFirst_ReportsItOnceAndDropsLaterOtherWinAtOnce()
    {
        var test = SecondFrames();
        var values = new JackpotMarbleValues().Won('m', "J1", 1000m).Value('v', "J1", 10m).Add('o', Jackpots.WonByOther("J1", 1000m));
        var broadcast = test.Hot("---ov", values);
        var player = test.Hot("--m", values);

        test.ExpectObservable(broadcast.MergePlayerWins(player, Window, test.Scheduler), "-^").ToBe("--m-v", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("-^");
        test.ExpectSubscriptions(player.Subscriptions).ToBe("-^");

        test.Flush();
    }

    [Fact]
    public void MergePlayerWins_OtherWinFirst_HoldsItAndReportsOnlyPlayerWinThenQueuedEvents()
    {
        var test = SecondFrames();
        var values = new JackpotMarbleValues()
            .WonByOther('o', "J1", 1000m).Value('v', "J1", 10m).Value('x', "J2", 50m).Add('m', Jackpots.Won("J1", 1000m));
        var broadcast = test.Hot("--o(vx)", values);
        var player = test.Hot("----m", values);

        test.ExpectObservable(broadcast.MergePlayerWins(player, Window, test.Scheduler), "-^").ToBe("---x(mv)", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("-^");
        test.ExpectSubscriptions(player.Subscriptions).ToBe("-^");

        test.Flush();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MergePlayerWins_BothWinsInOneTick_ReportsPlayerWinOnceInEitherOrder(bool broadcastFirst)
    {
        var scheduler = new TestScheduler();
        ITestableObservable<JackpotEvent> broadcast, player;
        if (broadcastFirst)
        {
            broadcast = scheduler.CreateHotObservable(OnNext(S(2), Other("a", 1)));
            player = scheduler.CreateHotObservable(OnNext(S(2), Won("a", 1)));
        }
        else
        {
            player = scheduler.CreateHotObservable(OnNext(S(2), Won("a", 1)));
            broadcast = scheduler.CreateHotObservable(OnNext(S(2), Other("a", 1)));
        }

        var observer = scheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(OnNext(S(2), Won("a", 1)));
        broadcast.Subscriptions.Should().Equal(Subscribe(S(1), S(100)));
        player.Subscriptions.Should().Equal(Subscribe(S(1), S(100)));
    }

    [Fact]
    public void MergePlayerWins_WindowEnds_EmitsOtherWinThenQueuedEventsOfThatJackpotInOrder()
    {
        var test = SecondFrames();
        var values = new JackpotMarbleValues()
            .WonByOther('o', "J1", 1000m).Value('v', "J1", 10m).Value('x', "J2", 50m)
            .Add('u', Jackpots.Unknown("jackpot_boosted", "J1", instance: "J1_2")).Value('w', "J1", 11m).Value('y', "J1", 12m);
        var broadcast = test.Hot("--o(vx)u-w-y", values);
        var player = test.Hot<JackpotEvent>("");

        test.ExpectObservable(broadcast.MergePlayerWins(player, Window, test.Scheduler), "-^").ToBe("---x---(ovuw)y", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("-^");
        test.ExpectSubscriptions(player.Subscriptions).ToBe("-^");

        test.Flush();
    }

    [Fact]
    public void MergePlayerWins_PlayerWinAfterWindow_IsStillReportedAndLaterRepeatsDropped()
    {
        var scheduler = new TestScheduler();
        var broadcast = scheduler.CreateHotObservable(
            OnNext(S(2), Other("a", 1)),
            OnNext(S(11), Other("a", 1)));
        var player = scheduler.CreateHotObservable(
            OnNext(S(10), Won("a", 1)),
            OnNext(S(12), Won("a", 1)));

        var observer = scheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(7), Other("a", 1)),
            OnNext(S(10), Won("a", 1)));
    }

    [Fact]
    public void MergePlayerWins_RepeatedWinsWhileHeld_ReportedOnce()
    {
        var scheduler = new TestScheduler();
        var broadcast = scheduler.CreateHotObservable(
            OnNext(S(2), Other("a", 1)),
            OnNext(S(3), Other("a", 1)));
        var player = scheduler.CreateHotObservable(
            OnNext(S(4), Won("a", 1)),
            OnNext(S(5), Won("a", 1)));

        var observer = scheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(OnNext(S(4), Won("a", 1)));
    }

    [Fact]
    public void MergePlayerWins_NextInstanceWonWhileHeld_QueuedWinsReconciledInOrder()
    {
        var scheduler = new TestScheduler();
        var broadcast = scheduler.CreateHotObservable(
            OnNext(S(2), Other("a", 1)),
            OnNext(S(3), Other("a", 2)),
            OnNext(S(4), Other("a", 3)));
        var player = scheduler.CreateHotObservable(OnNext(S(3.5), Won("a", 2)));

        var observer = scheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(100));

        // a_2's broadcast win is dropped for the player's; a_3's is held for its own window (4 + 5 s).
        observer.Messages.Should().Equal(
            OnNext(S(7), Other("a", 1)),
            OnNext(S(7), Won("a", 2)),
            OnNext(S(9), Other("a", 3)));
    }

    [Fact]
    public void MergePlayerWins_ManyInstances_RemembersOnlyTheLatestPerJackpot()
    {
        var scheduler = new TestScheduler();
        var remembered = MergePlayerWinsSink.ReconciledInstancesPerJackpot;
        var wins = Enumerable.Range(0, remembered + 1).Select(i => OnNext(S(2 + i), Won("a", i))).ToArray();
        var player = scheduler.CreateHotObservable(wins);
        var broadcast = scheduler.CreateHotObservable(
            OnNext(S(50), Other("a", remembered)),
            OnNext(S(51), Other("a", 1)),
            OnNext(S(52), Other("a", 0)));

        var observer = scheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(100));

        // The oldest instance (a_0) has been forgotten, so its late broadcast win is held and reported.
        observer.Messages.Should().Equal(wins.Append(OnNext(S(57), Other("a", 0))));
    }

    [Fact]
    public void MergePlayerWins_ZeroWindow_HoldsNothing()
    {
        var scheduler = new TestScheduler();
        var broadcast = scheduler.CreateHotObservable(
            OnNext(S(2), Other("a", 1)),
            OnNext(S(2), Value("a", 2, 10m)),
            OnNext(S(5), Other("a", 2)));
        var player = scheduler.CreateHotObservable(OnNext(S(4), Won("a", 2)));

        var observer = scheduler.Start(() => broadcast.MergePlayerWins(player, TimeSpan.Zero, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Other("a", 1)),
            OnNext(S(2), Value("a", 2, 10m)),
            OnNext(S(4), Won("a", 2)));
    }

    [Fact]
    public void MergePlayerWins_PlayerCompletes_ReleasesHeldAtOnceHoldsNoMoreAndCompletesWithBroadcast()
    {
        var scheduler = new TestScheduler();
        var broadcast = scheduler.CreateHotObservable(
            OnNext(S(2), Other("a", 1)),
            OnNext(S(3), Value("a", 2, 10m)),
            OnNext(S(5), Other("a", 2)),
            OnCompleted<JackpotEvent>(S(6)));
        var player = scheduler.CreateHotObservable(OnCompleted<JackpotEvent>(S(4)));

        var observer = scheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(4), Other("a", 1)),
            OnNext(S(4), Value("a", 2, 10m)),
            OnNext(S(5), Other("a", 2)),
            OnCompleted<JackpotEvent>(S(6)));
        broadcast.Subscriptions.Should().Equal(Subscribe(S(1), S(6)));
        player.Subscriptions.Should().Equal(Subscribe(S(1), S(4)));
    }

    [Fact]
    public void MergePlayerWins_BroadcastCompletes_KeepsHoldingAndCompletesWithPlayer()
    {
        var scheduler = new TestScheduler();
        var broadcast = scheduler.CreateHotObservable(
            OnNext(S(2), Other("a", 1)),
            OnCompleted<JackpotEvent>(S(3)));
        var player = scheduler.CreateHotObservable(
            OnNext(S(4), Won("a", 1)),
            OnCompleted<JackpotEvent>(S(8)));

        var observer = scheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(4), Won("a", 1)),
            OnCompleted<JackpotEvent>(S(8)));
        broadcast.Subscriptions.Should().Equal(Subscribe(S(1), S(3)));
        player.Subscriptions.Should().Equal(Subscribe(S(1), S(8)));
    }

    [Fact]
    public void MergePlayerWins_BroadcastErrorsWhileHolding_ErrorsAtOnceAndCancelsWindow()
    {
        var testScheduler = new TestScheduler();
        var scheduler = new PendingWorkScheduler(testScheduler);
        var error = new InvalidOperationException("broadcast failed");
        var broadcast = testScheduler.CreateHotObservable(
            OnNext(S(2), Other("a", 1)),
            OnNext(S(2.5), Value("a", 2, 10m)),
            OnError<JackpotEvent>(S(3), error));
        var player = testScheduler.CreateHotObservable(OnNext(S(4), Won("a", 1)));

        var observer = testScheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(OnError<JackpotEvent>(S(3), error));
        broadcast.Subscriptions.Should().Equal(Subscribe(S(1), S(3)));
        player.Subscriptions.Should().Equal(Subscribe(S(1), S(3)));
        scheduler.Cancelled.Should().Be(1);
        scheduler.Pending.Should().Be(0);
    }

    [Fact]
    public void MergePlayerWins_PlayerErrors_ErrorsAtOnceAndUnsubscribesBroadcast()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("player failed");
        var broadcast = scheduler.CreateHotObservable(
            OnNext(S(2), Value("a", 1, 10m)),
            OnNext(S(5), Value("a", 1, 11m)));
        var player = scheduler.CreateHotObservable(OnError<JackpotEvent>(S(3), error));

        var observer = scheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(100));

        observer.Messages.Should().Equal(
            OnNext(S(2), Value("a", 1, 10m)),
            OnError<JackpotEvent>(S(3), error));
        broadcast.Subscriptions.Should().Equal(Subscribe(S(1), S(3)));
        player.Subscriptions.Should().Equal(Subscribe(S(1), S(3)));
    }

    [Fact]
    public void MergePlayerWins_DisposedMidWindow_UnsubscribesBothAndCancelsWindow()
    {
        var testScheduler = new TestScheduler();
        var scheduler = new PendingWorkScheduler(testScheduler);
        var broadcast = testScheduler.CreateHotObservable(
            OnNext(S(2), Other("a", 1)),
            OnNext(S(2), Value("b", 1, 50m)));
        var player = testScheduler.CreateHotObservable(OnNext(S(5), Won("a", 1)));

        var observer = testScheduler.Start(() => broadcast.MergePlayerWins(player, Window, scheduler), 0, S(1), S(4));

        observer.Messages.Should().Equal(OnNext(S(2), Value("b", 1, 50m)));
        broadcast.Subscriptions.Should().Equal(Subscribe(S(1), S(4)));
        player.Subscriptions.Should().Equal(Subscribe(S(1), S(4)));
        scheduler.Scheduled.Should().Be(1);
        scheduler.Cancelled.Should().Be(1);
    }

    [Fact]
    public void MergePlayerWins_InvalidArguments_Throw()
    {
        var events = Observable.Never<JackpotEvent>();
        var scheduler = new TestScheduler();

        FluentActions.Invoking(() => JackpotObservable.MergePlayerWins(null!, events, Window)).Should().Throw<ArgumentNullException>().WithParameterName("broadcast");
        FluentActions.Invoking(() => JackpotObservable.MergePlayerWins(null!, events, Window, scheduler)).Should().Throw<ArgumentNullException>().WithParameterName("broadcast");
        FluentActions.Invoking(() => events.MergePlayerWins(null!, Window)).Should().Throw<ArgumentNullException>().WithParameterName("player");
        FluentActions.Invoking(() => events.MergePlayerWins(null!, Window, scheduler)).Should().Throw<ArgumentNullException>().WithParameterName("player");
        FluentActions.Invoking(() => events.MergePlayerWins(events, Window, null!)).Should().Throw<ArgumentNullException>().WithParameterName("scheduler");
        FluentActions.Invoking(() => events.MergePlayerWins(events, TimeSpan.FromTicks(-1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("reconcileWindow");
        FluentActions.Invoking(() => events.MergePlayerWins(events, TimeSpan.FromTicks(-1), scheduler)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("reconcileWindow");
    }

    [Fact]
    public void MergePlayerWins_DefaultSchedulerOverload_ReleasesHeldWinWhenBothComplete()
    {
        var merged = Observable.Return(Other("a", 1))
            .MergePlayerWins(Observable.Empty<JackpotEvent>(), TimeSpan.FromHours(1))
            .ToList()
            .Wait();

        merged.Should().Equal(Other("a", 1));
    }

    private static JackpotInstanceId Instance(string jackpot, int ordinal) => new($"{jackpot}_{ordinal}");

#pragma warning disable CA1859 // The builders return JackpotEvent so that hot observables are of JackpotEvent.
    private static JackpotEvent Value(string jackpot, int instance, decimal amount) =>
        new JackpotValueUpdated(new JackpotId(jackpot), Instance(jackpot, instance), Broadcast, "EUR", amount,
            amount.ToString(CultureInfo.InvariantCulture));

    private static JackpotEvent Won(string jackpot, int instance) =>
        new JackpotWon(new JackpotId(jackpot), Instance(jackpot, instance), Player, "EUR", 1000m, "1000",
            Instance(jackpot, instance + 1));

    private static JackpotEvent Other(string jackpot, int instance) =>
        new JackpotWonByOther(new JackpotId(jackpot), Instance(jackpot, instance), Broadcast, "EUR", 1000m, "1000",
            Instance(jackpot, instance + 1));

    private static JackpotEvent Unknown(string jackpot) =>
        new UnknownJackpotEvent("jackpot_boosted", new JackpotId(jackpot), Instance(jackpot, 2), Broadcast, "EUR", 0m, string.Empty, "{}");
#pragma warning restore CA1859
}
