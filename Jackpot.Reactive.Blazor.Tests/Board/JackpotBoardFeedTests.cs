using System.Reactive.Linq;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Blazor.Tests.Board;

public sealed class JackpotBoardFeedTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(100);

    private readonly TestScheduler _scheduler = new();
    private readonly VirtualPushService _service;

    public JackpotBoardFeedTests() => _service = new VirtualPushService(_scheduler, Frame);

    [Fact]
    public void Events_PlayerWinsAndTheBroadcastReportsIt_ReportsTheWinOnceAsThePlayers()
    {
        var won = Jackpots.Won("J1", 120m);
        var reported = Jackpots.WonByOther("J1", 120m);
        _service.Channel(Jackpots.DefaultPlayerChannel).Attempt("--w", new Dictionary<char, JackpotEvent> { ['w'] = won });
        _service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("-v--o", new Dictionary<char, JackpotEvent>
        {
            ['v'] = Jackpots.Value("J1", 100m),
            ['o'] = reported,
        });
        using var client = _service.CreateClient();
        var feed = new JackpotBoardFeed(client, Jackpots.DefaultGroup, Jackpots.DefaultPlayer, scheduler: _scheduler);
        var events = new List<JackpotEvent>();

        using (feed.Events.Subscribe(events.Add))
            _scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);

        events.Should().HaveCount(2);
        events[0].Should().BeOfType<JackpotValueUpdated>();
        events[1].Should().BeOfType<JackpotWon>().Which.Jackpot.Value.Should().Be("J1");
    }

    [Fact]
    public void Events_ValuesFasterThanTheInterval_ShowsAtMostOnePerInterval()
    {
        var values = new Dictionary<char, JackpotEvent>
        {
            ['a'] = Jackpots.Value("J1", 1m),
            ['b'] = Jackpots.Value("J1", 2m),
            ['c'] = Jackpots.Value("J1", 3m),
        };
        _service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("-abc", values);
        using var client = _service.CreateClient();
        var feed = new JackpotBoardFeed(client, Jackpots.DefaultGroup, scheduler: _scheduler);
        var amounts = new List<decimal>();

        using (feed.Events.OfType<JackpotValueUpdated>().Subscribe(e => amounts.Add(e.Amount)))
            _scheduler.AdvanceBy((JackpotBoardFeed.ValueInterval + TimeSpan.FromSeconds(1)).Ticks);

        amounts.Should().Equal(1m, 3m);
    }

    [Fact]
    public void Statuses_WithAPlayer_FollowBothChannels()
    {
        _service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("-");
        _service.Channel(Jackpots.DefaultPlayerChannel).Attempt("-");
        using var client = _service.CreateClient();
        var controls = new FakeJackpotBoardFeed();
        var feed = new JackpotBoardFeed(client, Jackpots.DefaultGroup, Jackpots.DefaultPlayer, controls, _scheduler);
        var broadcast = new List<ChannelState>();
        var player = new List<ChannelState>();

        using (feed.Events.Subscribe(_ => { }))
        using (feed.BroadcastStatus.Subscribe(s => broadcast.Add(s.State)))
        using (feed.PlayerStatus!.Subscribe(s => player.Add(s.State)))
            _scheduler.AdvanceBy(Frame.Ticks);

        broadcast.Should().EndWith(ChannelState.Open);
        player.Should().EndWith(ChannelState.Open);
        feed.Player.Should().Be(Jackpots.DefaultPlayer);
        feed.Controls.Should().BeSameAs(controls);
    }

    [Fact]
    public void Constructor_WithoutPlayer_FollowsTheBroadcastOnly()
    {
        using var client = _service.CreateClient();

        var feed = new JackpotBoardFeed(client, Jackpots.DefaultGroup);

        feed.Player.Should().BeNull();
        feed.PlayerStatus.Should().BeNull();
        feed.Controls.Should().BeNull();
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        using var client = _service.CreateClient();

        FluentActions.Invoking(() => new JackpotBoardFeed(null!, Jackpots.DefaultGroup))
            .Should().Throw<ArgumentNullException>().WithParameterName("client");
        FluentActions.Invoking(() => new JackpotBoardFeed(client, default))
            .Should().Throw<ArgumentException>();
    }
}
