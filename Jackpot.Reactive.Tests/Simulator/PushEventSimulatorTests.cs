using System.Net;
using System.Text.RegularExpressions;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Simulator;

public sealed partial class PushEventSimulatorTests : IDisposable
{
    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    internal static PushEventSimulatorOptions FastOptions(int randomSeed = 7) => new()
    {
        ValueInterval = TimeSpan.FromMilliseconds(20),
        WinProbabilityPerSpin = 0,
        RandomSeed = randomSeed,
    };

    [Fact]
    public async Task StartAsync_Defaults_ListensOnLoopbackWithFreePort()
    {
        await using var simulator = await PushEventSimulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        simulator.SubscribeUri.Host.Should().Be("127.0.0.1");
        simulator.SubscribeUri.Port.Should().BePositive();
        simulator.SubscribeUri.AbsolutePath.Should().Be("/subscribe");
        simulator.BaseAddress.Should().Be(new Uri($"http://127.0.0.1:{simulator.SubscribeUri.Port}/"));
        simulator.BroadcastChannel.RawValue.Should().Be("sim-workspace_broadcast_sim-group");
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsIOException()
    {
        await using var first = await PushEventSimulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var options = new PushEventSimulatorOptions { Urls = [first.BaseAddress.ToString()] };

        var start = () => PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);

        await start.Should().ThrowAsync<IOException>();
    }

    [Fact]
    public async Task Subscribe_BroadcastChannel_AnswersWithEventStreamHeaders()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastOptions(), TestContext.Current.CancellationToken);

        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);

        stream.Response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        stream.Response.Headers.CacheControl!.NoCache.Should().BeTrue();
        simulator.OpenConnections.Should().Be(1);
        simulator.ConnectionsAccepted.Should().Be(1);
    }

    [Fact]
    public async Task Subscribe_BroadcastChannel_SendsValueOfEveryJackpotInServiceShape()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastOptions(), TestContext.Current.CancellationToken);
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);

        var events = await stream.ReadEventsAsync(3);

        var jackpots = simulator.GetJackpots();
        jackpots.Should().HaveCount(PushEventSimulatorOptions.DefaultJackpotsPerGroup);
        events.Select(e => e.Field("jackpot")).Should().Equal(jackpots.Select(j => j.Jackpot.Value));
        foreach (var e in events)
        {
            e.Json.EnumerateObject().Select(p => p.Name).Should().Equal("reason", "jackpotInstance", "jackpot", "channel", "currency", "value");
            e.Field("reason").Should().Be(JackpotReasons.Value);
            e.Field("jackpotInstance").Should().MatchRegex("^" + Regex.Escape(e.Field("jackpot")) + "_[0-9]+$");
            e.Field("channel").Should().Be(simulator.BroadcastChannel.RawValue);
            e.Field("currency").Should().Be("EUR");
            e.Field("value").Should().MatchRegex(ServiceAmountPattern());
        }
    }

    [Fact]
    public async Task Subscribe_Events_HaveIdsIncreasingByOne()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastOptions(), TestContext.Current.CancellationToken);
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);

        var events = await stream.ReadEventsAsync(12);

        events.Select(e => e.NumericId).Should().Equal(Enumerable.Range(1, 12).Select(i => (long)i));
        simulator.EventsSent.Should().BeGreaterThanOrEqualTo(12);
    }

    [Fact]
    public async Task Subscribe_TwoClients_SeeTheSameIdsAndValues()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastOptions(), TestContext.Current.CancellationToken);
        await using var first = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        await first.ReadRequiredEventAsync();
        await using var second = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);

        var fromSecond = await second.ReadEventsAsync(6);
        var fromFirst = await first.ReadUntilAsync(e => e.Id == fromSecond[0].Id);
        var moreFromFirst = await first.ReadEventsAsync(5);

        new[] { fromFirst }.Concat(moreFromFirst).Should().Equal(fromSecond);
    }

    [Fact]
    public async Task Subscribe_SameSeed_SameEventsOnEveryRun()
    {
        var runs = new List<List<string>>();
        foreach (int seed in new[] { 3, 3, 4 })
        {
            await using var simulator = await PushEventSimulator.StartAsync(FastOptions(seed), TestContext.Current.CancellationToken);
            await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
            runs.Add([.. (await stream.ReadEventsAsync(9)).Select(e => e.Id + " " + e.Data)]);
        }

        runs[1].Should().Equal(runs[0]);
        runs[2].Should().NotEqual(runs[0]);
    }

    [Fact]
    public async Task Subscribe_LastEventIdAfterDroppedConnection_ResumesWithoutLossOrDuplicate()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastOptions(), TestContext.Current.CancellationToken);
        var received = new List<SseTestEvent>();
        await using (var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken))
        {
            received.AddRange(await stream.ReadEventsAsync(5));
            simulator.DropConnections().Should().Be(1);
            received.AddRange(await stream.ReadToEndAsync());
        }

        // Events keep coming while nobody is connected; the replay must bring them back.
        await using var resumed = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), received[^1].Id, cancellationToken: TestContext.Current.CancellationToken);
        received.AddRange(await resumed.ReadEventsAsync(10));

        received.Select(e => e.NumericId).Should().Equal(Enumerable.Range(1, received.Count).Select(i => (long)i));
        resumed.Comments.Should().NotContain("history-gap");
    }

    [Fact]
    public async Task Subscribe_LastEventIdOlderThanHistory_ReplaysWhatIsKeptAfterGapComment()
    {
        var options = new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(20), HistorySize = 5 };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        await using var live = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        var newest = (await live.ReadEventsAsync(20))[^1];

        await using var replay = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), "1", cancellationToken: TestContext.Current.CancellationToken);
        var first = await replay.ReadRequiredEventAsync();

        var next = await replay.ReadEventsAsync(3);

        replay.Comments.Should().Equal("history-gap");
        first.NumericId.Should().BeGreaterThan(newest.NumericId - 5);
        next.Select(e => e.NumericId).Should().Equal(first.NumericId + 1, first.NumericId + 2, first.NumericId + 3);
    }

    [Fact]
    public async Task Subscribe_UnusableLastEventId_SendsLiveEventsOnly()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastOptions(), TestContext.Current.CancellationToken);
        await using var live = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        var seen = (await live.ReadEventsAsync(4))[^1];

        await using var other = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), "not-a-number", cancellationToken: TestContext.Current.CancellationToken);

        (await other.ReadRequiredEventAsync()).NumericId.Should().BeGreaterThan(seen.NumericId);
        other.Comments.Should().BeEmpty();
    }

    [Fact]
    public async Task Subscribe_QuietChannel_SendsHeartbeatComments()
    {
        var options = new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromHours(1), HeartbeatInterval = TimeSpan.FromMilliseconds(30) };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.PlayerChannel(new PlayerId("quiet-player"))), cancellationToken: TestContext.Current.CancellationToken);

        (await stream.ReadCommentAsync()).Should().Be("heartbeat");
        (await stream.ReadCommentAsync()).Should().Be("heartbeat");
        simulator.EventsSent.Should().Be(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?channel=")]
    [InlineData("?channel=no-kind-marker")]
    [InlineData("?channel=ws_broadcast_")]
    [InlineData("?channel=ws_user_a&channel=ws_user_b")]
    public async Task Subscribe_MissingOrInvalidChannel_Answers400(string query)
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastOptions(), TestContext.Current.CancellationToken);

        using var response = await SseTestReader.SendAsync(_client, new Uri(simulator.SubscribeUri + query), cancellationToken: TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        simulator.ConnectionsAccepted.Should().Be(0);
    }

    [Fact]
    public async Task Subscribe_WorkspaceNotAllowed_Answers404()
    {
        var options = new PushEventSimulatorOptions { AllowedWorkspaces = [new WorkspaceId("allowed")] };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);

        using var denied = await SseTestReader.SendAsync(_client, simulator.GetChannelUri(ChannelName.Parse("other_broadcast_g")), cancellationToken: TestContext.Current.CancellationToken);
        using var allowed = await SseTestReader.SendAsync(_client, simulator.GetChannelUri(ChannelName.Parse("allowed_broadcast_g")), cancellationToken: TestContext.Current.CancellationToken);

        denied.StatusCode.Should().Be(HttpStatusCode.NotFound);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Moved_AnyChannel_Redirects307ToSubscribeWithSameQuery()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastOptions(), TestContext.Current.CancellationToken);
        using var noRedirects = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        string query = new UriBuilder(simulator.GetChannelUri(simulator.BroadcastChannel)).Query;

        using var redirect = await SseTestReader.SendAsync(noRedirects, new Uri(simulator.RedirectUri + query), cancellationToken: TestContext.Current.CancellationToken);
        await using var followed = await SseTestReader.OpenAsync(_client, new Uri(simulator.RedirectUri + query), cancellationToken: TestContext.Current.CancellationToken);

        redirect.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        redirect.Headers.Location!.OriginalString.Should().Be("/subscribe" + query);
        (await followed.ReadRequiredEventAsync()).Field("channel").Should().Be(simulator.BroadcastChannel.RawValue);
    }

    [GeneratedRegex("^[0-9]{1,3}(,[0-9]{3})*\\.[0-9]{2}$")]
    internal static partial Regex ServiceAmountPattern();
}
