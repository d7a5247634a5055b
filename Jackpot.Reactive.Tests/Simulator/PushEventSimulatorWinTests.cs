using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Simulator;

public sealed class PushEventSimulatorWinTests : IDisposable
{
    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task MakePlayerWin_NamedPlayer_SendsWonToPlayerAndWonOtherToBroadcastWithSameInstances()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        var player = new PlayerId("a@b.com");
        await using var broadcast = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        await using var playerStream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.PlayerChannel(player)), cancellationToken: TestContext.Current.CancellationToken);
        await broadcast.ReadRequiredEventAsync();
        var jackpot = simulator.GetJackpots()[1];

        var win = simulator.MakePlayerWin(player, jackpot.Jackpot);

        var won = await playerStream.ReadRequiredEventAsync();
        var wonOther = await broadcast.ReadUntilAsync(e => e.Field("reason") == JackpotReasons.WonByOther);
        var nextValue = await broadcast.ReadUntilAsync(e => e.Field("jackpot") == jackpot.Jackpot.Value);

        win.WonInstance.Should().Be(jackpot.Instance);
        won.Json.EnumerateObject().Select(p => p.Name).Should().Equal(
            "reason", "jackpotInstance", "jackpot", "channel", "currency", "value", "jackpotNewInstance");
        won.Field("reason").Should().Be(JackpotReasons.Won);
        won.Field("channel").Should().Be(simulator.Options.Workspace.Value + "_user_a@b.com");
        won.NumericId.Should().Be(win.PlayerEventId);
        wonOther.NumericId.Should().Be(win.BroadcastEventId);
        foreach (var e in new[] { won, wonOther })
        {
            e.Field("jackpot").Should().Be(jackpot.Jackpot.Value);
            e.Field("jackpotInstance").Should().Be(win.WonInstance.Value);
            e.Field("jackpotNewInstance").Should().Be(win.NewInstance.Value);
            e.Field("value").Should().Be(win.Value).And.MatchRegex(PushEventSimulatorTests.ServiceAmountPattern());
        }

        wonOther.Field("channel").Should().Be(simulator.BroadcastChannel.RawValue);
        nextValue.Field("jackpotInstance").Should().Be(win.NewInstance.Value);
        win.NewInstance.Value.Should().Be(jackpot.Jackpot.Value + "_" + (int.Parse(jackpot.Instance.Value.Split('_')[^1], System.Globalization.CultureInfo.InvariantCulture) + 1));
    }

    [Fact]
    public async Task MakePlayerWin_Twice_IncrementsInstanceAndRestartsAtSeed()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        var player = new PlayerId("lucky");

        var first = simulator.MakePlayerWin(player);
        var second = simulator.MakePlayerWin(player);

        second.WonInstance.Should().Be(first.NewInstance);
        second.Amount.Should().Be(simulator.Options.SeedAmount);
        second.PlayerEventId.Should().Be(first.PlayerEventId + 1);
    }

    [Fact]
    public async Task MakePlayerWin_JackpotNotInGroup_Throws()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);

        var act = () => simulator.MakePlayerWin(new PlayerId("p1"), new JackpotId("missing"));

        act.Should().Throw<ArgumentException>().WithParameterName("jackpot");
    }

    [Fact]
    public async Task MakePlayerWin_AfterDispose_Throws()
    {
        var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        await simulator.DisposeAsync();

        var act = () => simulator.MakePlayerWin(new PlayerId("p1"));

        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Tick_SimulatedPlayerWins_SendsWonToThatPlayerAndWonOtherToBroadcast()
    {
        var options = new PushEventSimulatorOptions
        {
            ValueInterval = TimeSpan.FromMilliseconds(20),
            WinProbabilityPerSpin = 1,
            SimulatedPlayers = 1,
        };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        await using var broadcast = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        var wonOther = await broadcast.ReadUntilAsync(e => e.Field("reason") == JackpotReasons.WonByOther);

        // Replay from the start of the winner's channel: the win is there even though nobody was connected.
        var winner = simulator.PlayerChannel(new PlayerId(PushEventSimulatorOptions.SimulatedPlayerIdPrefix + "1"));
        await using var playerStream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(winner), lastEventId: "0", cancellationToken: TestContext.Current.CancellationToken);
        var won = await playerStream.ReadUntilAsync(e => e.Field("jackpotInstance") == wonOther.Field("jackpotInstance"));

        won.Field("reason").Should().Be(JackpotReasons.Won);
        won.Field("jackpotNewInstance").Should().Be(wonOther.Field("jackpotNewInstance"));
        won.Field("value").Should().Be(wonOther.Field("value"));
        won.Field("channel").Should().Be(winner.RawValue);
    }

    [Fact]
    public async Task Subscribe_FloodMode_DeliversManyConsecutiveEvents()
    {
        var options = new PushEventSimulatorOptions { FloodMode = true };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), lastEventId: "41", cancellationToken: TestContext.Current.CancellationToken);

        var events = await stream.ReadEventsAsync(20_000);

        events.Select(e => e.NumericId).Should().Equal(Enumerable.Range(42, 20_000).Select(i => (long)i));
        events[^1].Field("reason").Should().Be(JackpotReasons.Value);
        events[^1].Field("value").Should().MatchRegex(PushEventSimulatorTests.ServiceAmountPattern());
        simulator.EventsSent.Should().BeGreaterThanOrEqualTo(20_000);
    }

    [Fact]
    public async Task DisposeAsync_OpenStreams_EndsThemAndCountsNoOpenConnection()
    {
        var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        await using var broadcast = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        await using var player = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.PlayerChannel(new PlayerId("p1"))), cancellationToken: TestContext.Current.CancellationToken);
        simulator.OpenConnections.Should().Be(2);

        await simulator.DisposeAsync();

        simulator.OpenConnections.Should().Be(0);
        await broadcast.ReadToEndAsync();
        (await player.ReadEventAsync()).Should().BeNull();
        simulator.ConnectionsAccepted.Should().Be(2);
    }

    [Fact]
    public async Task GetChannelUri_PlayerWithReservedCharacters_EscapesTheChannel()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        var channel = simulator.PlayerChannel(new PlayerId("a+b@c.com&x=1"));

        var uri = simulator.GetChannelUri(channel);
        var win = simulator.MakePlayerWin(new PlayerId("a+b@c.com&x=1"));
        await using var stream = await SseTestReader.OpenAsync(_client, uri, lastEventId: "0", cancellationToken: TestContext.Current.CancellationToken);

        uri.Query.Should().Be("?channel=sim-workspace_user_a%2Bb%40c.com%26x%3D1");
        (await stream.ReadRequiredEventAsync()).Field("jackpotInstance").Should().Be(win.WonInstance.Value);
    }
}
