using System.Globalization;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using static Microsoft.Reactive.Testing.ReactiveTest;

namespace Jackpot.Reactive.Tests.Operators;

public sealed class ToBoardTests
{
    private static readonly ChannelName Broadcast = ChannelName.Broadcast(new WorkspaceId("ws"), new JackpotGroupId("group"));
    private static readonly ChannelName Player = ChannelName.Player(new WorkspaceId("ws"), new PlayerId("a@b.com"));

    [Fact]
    public void ToBoard_ValueUpdates_EmitSnapshotPerChangeAndNothingForUnchangedOrUnknown()
    {
        var scheduler = new TestScheduler();
        var first = Value("a", 1, 100m);
        var second = Value("a", 1, 120m);
        var source = scheduler.CreateHotObservable(
            OnNext(250, first),
            OnNext(300, Value("a", 1, 100.00m)),
            OnNext(400, Unknown("a")),
            OnNext(500, second));

        var observer = scheduler.Start(source.ToBoard);

        observer.Messages.Select(m => m.Time).Should().Equal(250, 500);
        observer.Messages[0].Value.Value[Id("a")].Should().Be(Entry("a", 1, 100m, first, null, false));
        observer.Messages[1].Value.Value[Id("a")].Should().Be(Entry("a", 1, 120m, second, null, false));
        source.Subscriptions.Should().Equal(Subscribe(200, 1000));
    }

    [Fact]
    public void ToBoard_PlayerWin_MovesToNewInstanceKeepsAmountAndRecordsWin()
    {
        var won = Won("a", 1, 130m);
        var boards = Fold(Value("a", 1, 120m), won);

        boards.Should().HaveCount(2);
        boards[1][Id("a")].Should().Be(Entry("a", 2, 120m, won, won, true));
    }

    [Fact]
    public void ToBoard_OtherWinThenFirstValueOfNewInstance_RecordsWinOfOtherAndNewAmount()
    {
        var other = Other("a", 1, 130m);
        var seed = Value("a", 2, 10m);
        var boards = Fold(Value("a", 1, 120m), other, seed);

        boards[1][Id("a")].Should().Be(Entry("a", 2, 120m, other, other, false));
        boards[2][Id("a")].Should().Be(Entry("a", 2, 10m, seed, other, false));
    }

    [Fact]
    public void ToBoard_StaleValueOrRepeatedWinOfWonInstance_ChangesNothing()
    {
        var boards = Fold(Value("a", 1, 120m), Other("a", 1, 130m), Value("a", 1, 125m), Other("a", 1, 130m));

        boards.Should().HaveCount(2);
    }

    [Fact]
    public void ToBoard_PlayerWinAfterOtherWinOfSameInstance_CorrectsToPlayersWin()
    {
        var won = Won("a", 1, 130m);
        var boards = Fold(Value("a", 1, 120m), Other("a", 1, 130m), won, Won("a", 1, 130m));

        boards.Should().HaveCount(3);
        boards[2][Id("a")].Should().Be(Entry("a", 2, 120m, won, won, true));
    }

    [Fact]
    public void ToBoard_NewInstanceWithoutWin_IsAdoptedAndOldInstanceBecomesStale()
    {
        var newer = Value("a", 7, 15m);
        var boards = Fold(Value("a", 5, 120m), newer, Value("a", 5, 121m));

        boards.Should().HaveCount(2);
        boards[1][Id("a")].Should().Be(Entry("a", 7, 15m, newer, null, false));
    }

    [Fact]
    public void ToBoard_FirstSeenThroughWin_UsesWonAmount()
    {
        var won = Won("a", 3, 500m);
        var boards = Fold(won);

        boards.Single()[Id("a")].Should().Be(Entry("a", 4, 500m, won, won, true));
    }

    [Fact]
    public void ToBoard_ChangeToOneJackpot_SharesOtherEntriesByReference()
    {
        var boards = Fold(Value("a", 1, 1m), Value("b", 1, 2m), Value("c", 1, 3m), Value("b", 1, 4m));

        boards[3][Id("a")].Should().BeSameAs(boards[2][Id("a")]);
        boards[3][Id("c")].Should().BeSameAs(boards[2][Id("c")]);
        boards[3][Id("b")].Should().NotBeSameAs(boards[2][Id("b")]);
        boards[2][Id("b")].Amount.Should().Be(2m);
        boards[3][Id("b")].Amount.Should().Be(4m);
    }

    [Fact]
    public void ToBoard_Entries_EnumerateInOrdinalJackpotOrder()
    {
        var boards = Fold(Value("mega", 1, 1m), Value("Mini", 1, 2m), Value("grand", 1, 3m));

        boards[^1].Entries.Keys.Select(k => k.Value).Should().Equal("Mini", "grand", "mega");
        boards[^1].Count.Should().Be(3);
    }

    [Fact]
    public void JackpotBoard_LookupOfMissingJackpot_TryGetFailsAndIndexerThrows()
    {
        var board = JackpotBoard.Empty;

        board.Count.Should().Be(0);
        board.Entries.Should().BeEmpty();
        board.TryGetEntry(new JackpotId("a"), out var entry).Should().BeFalse();
        entry.Should().BeNull();
        FluentActions.Invoking(() => board[new JackpotId("a")]).Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void ToBoard_SourceCompletes_Completes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(300, Value("a", 1, 1m)), OnCompleted<JackpotEvent>(400));

        var observer = scheduler.Start(source.ToBoard);

        observer.Messages.Should().HaveCount(2);
        observer.Messages[1].Should().Be(OnCompleted<JackpotBoard>(400));
        source.Subscriptions.Should().Equal(Subscribe(200, 400));
    }

    [Fact]
    public void ToBoard_SourceErrors_ErrorsAtOnce()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("boom");
        var source = scheduler.CreateHotObservable(OnError<JackpotEvent>(400, error), OnNext(500, Value("a", 1, 1m)));

        var observer = scheduler.Start(source.ToBoard);

        observer.Messages.Should().Equal(OnError<JackpotBoard>(400, error));
        source.Subscriptions.Should().Equal(Subscribe(200, 400));
    }

    [Fact]
    public void ToBoard_Disposed_Unsubscribes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(300, Value("a", 1, 1m)), OnNext(700, Value("a", 1, 2m)));

        var observer = scheduler.Start(source.ToBoard, 100, 200, 500);

        observer.Messages.Select(m => m.Time).Should().Equal(300);
        source.Subscriptions.Should().Equal(Subscribe(200, 500));
    }

    [Fact]
    public void ToBoard_TwoSubscriptions_FoldIndependently()
    {
        var subject = new Subject<JackpotEvent>();
        var board = subject.ToBoard();
        var early = new List<JackpotBoard>();
        var late = new List<JackpotBoard>();

        using var first = board.Subscribe(early.Add);
        subject.OnNext(Value("a", 1, 1m));
        using var second = board.Subscribe(late.Add);
        subject.OnNext(Value("b", 1, 2m));

        early[^1].Count.Should().Be(2);
        late.Single().Count.Should().Be(1);
    }

    [Fact]
    public void ToBoard_NullSource_Throws() =>
        FluentActions.Invoking(() => JackpotObservable.ToBoard(null!)).Should().Throw<ArgumentNullException>().WithParameterName("source");

    private static List<JackpotBoard> Fold(params JackpotEvent[] events) => events.ToObservable().ToBoard().ToList().Wait().ToList();

    private static JackpotBoardEntry Entry(string jackpot, int instance, decimal amount, JackpotEvent lastUpdate, JackpotEvent? lastWin, bool wasPlayer) =>
        new(new JackpotId(jackpot), Instance(jackpot, instance), "EUR", amount, lastUpdate, lastWin, wasPlayer);

    private static JackpotId Id(string jackpot) => new(jackpot);

    private static JackpotInstanceId Instance(string jackpot, int ordinal) => new($"{jackpot}_{ordinal}");

#pragma warning disable CA1859 // The builders return JackpotEvent so that hot observables are of JackpotEvent.
    private static JackpotEvent Value(string jackpot, int instance, decimal amount) =>
        new JackpotValueUpdated(new JackpotId(jackpot), Instance(jackpot, instance), Broadcast, "EUR", amount,
            amount.ToString(CultureInfo.InvariantCulture));

    private static JackpotEvent Won(string jackpot, int instance, decimal amount) =>
        new JackpotWon(new JackpotId(jackpot), Instance(jackpot, instance), Player, "EUR", amount,
            amount.ToString(CultureInfo.InvariantCulture), Instance(jackpot, instance + 1));

    private static JackpotEvent Other(string jackpot, int instance, decimal amount) =>
        new JackpotWonByOther(new JackpotId(jackpot), Instance(jackpot, instance), Broadcast, "EUR", amount,
            amount.ToString(CultureInfo.InvariantCulture), Instance(jackpot, instance + 1));

    private static JackpotEvent Unknown(string jackpot) =>
        new UnknownJackpotEvent("jackpot_boosted", new JackpotId(jackpot), Instance(jackpot, 1), Broadcast, "EUR", 0m, string.Empty, "{}");
#pragma warning restore CA1859
}
