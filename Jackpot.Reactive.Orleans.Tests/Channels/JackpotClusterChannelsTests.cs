using Jackpot.Reactive.Orleans.Tests.Infrastructure;

namespace Jackpot.Reactive.Orleans.Tests.Channels;

/// <summary>The channels served by three silos: subscribers on every silo and on a client, against the simulator. The
/// linger and lease expiry are tested in virtual time (<see cref="ChannelTimeTests"/>).</summary>
[Collection(SharedClusterDefinition.Name)]
public sealed class JackpotClusterChannelsTests(SharedChannelCluster cluster)
{
    [Fact]
    public async Task Broadcast_SubscribersOnEverySiloAndAClient_OneUpstreamConnectionAndTheSameEvents()
    {
        var group = cluster.NewGroup();
        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var recorders = new List<EventRecorder<JackpotEvent>>();
        var subscriptions = new List<IDisposable>();
        foreach (var channels in cluster.Silos.Select(cluster.ChannelsOn).Append(cluster.ClientChannels))
        {
            var recorder = new EventRecorder<JackpotEvent>();
            recorders.Add(recorder);
            subscriptions.Add(channels.Broadcast(group).Subscribe(recorder));
        }

        var last = recorders[^1];
        await last.WaitForCountAsync(20);
        var marker = last.Items[^1];
        foreach (var recorder in recorders)
        {
            await recorder.WaitUntilAsync(items => items.Contains(marker), "every subscriber has the client's 20th event");
        }

        var info = await cluster.ClientChannels.GetInfoAsync(channel);
        subscriptions.ForEach(s => s.Dispose());

        cluster.Requests.For(channel).Should().ContainSingle("one upstream connection serves every silo and the client");
        info.Subscribers.Should().Be(4, "each process holds one lease however many local subscribers it has");
        info.IsUpstreamOpen.Should().BeTrue();
        // The run ends at the marker: events after it reach the client only if they arrive before its subscription ends.
        var items = last.Items.ToList();
        var run = items.Take(items.IndexOf(marker) + 1).TakeLast(11).ToList();
        foreach (var recorder in recorders)
        {
            Sequences.ContainsRun(recorder.Items, run).Should().BeTrue("every process sees the same stream, with no gap or duplicate");
        }
    }

    [Fact]
    public async Task Broadcast_LateSubscriber_GetsTheSnapshotThenTheLiveStreamWithNoGapOrDuplicate()
    {
        var group = cluster.NewGroup();
        var early = new EventRecorder<JackpotEvent>();
        var late = new EventRecorder<JackpotEvent>();
        using var earlySubscription = cluster.ChannelsOn(cluster.Silos[0]).Broadcast(group).Subscribe(early);
        await early.WaitForCountAsync(15);

        using var lateSubscription = cluster.ClientChannels.Broadcast(group).Subscribe(late);
        await late.WaitForCountAsync(3 + 15);
        var marker = late.Items[^1];
        await early.WaitUntilAsync(items => items.Contains(marker), "the early subscriber has the late one's last event");

        var snapshot = late.Items.Take(3).ToList();
        var live = late.Items.Skip(3).ToList();
        snapshot.Should().AllBeOfType<JackpotValueUpdated>().And.OnlyHaveUniqueItems(e => e.Jackpot, "one latest value per jackpot");
        var earlyItems = early.Items.ToList();
        Sequences.ContainsRun(earlyItems, live).Should().BeTrue("the live stream continues without gap or duplicate");
        earlyItems.Should().Contain(snapshot, "the snapshot holds values the channel sent");
    }

    [Fact]
    public async Task Channel_TerminalFailure_ReachesEverySubscriberOnEverySiloAndTheClient()
    {
        var group = cluster.NewGroup();
        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var recorders = new List<EventRecorder<JackpotEvent>>();
        var subscriptions = new List<IDisposable>();
        foreach (var channels in cluster.Silos.Select(cluster.ChannelsOn).Append(cluster.ClientChannels))
        {
            var recorder = new EventRecorder<JackpotEvent>();
            recorders.Add(recorder);
            subscriptions.Add(channels.Broadcast(group).Subscribe(recorder));
        }

        await Task.WhenAll(recorders.Select(r => r.WaitForCountAsync(5)));
        cluster.Simulator.Faults.RejectChannel(channel);
        try
        {
            cluster.Simulator.DropConnections();
            foreach (var recorder in recorders)
            {
                var error = await recorder.Ended.WaitAsync(EventRecorder<object>.Timeout, TestContext.Current.CancellationToken);
                error.Should().BeOfType<SseHttpException>().Which.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
            }
        }
        finally
        {
            cluster.Simulator.Faults.AllowChannel(channel);
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Player_1000Channels_SpreadOverTheSilosWithOneUpstreamEach()
    {
        var players = Enumerable.Range(0, 1000).Select(i => new PlayerId($"many-{i}@example.com")).ToList();
        var statuses = players.ToDictionary(p => p, _ => new EventRecorder<ChannelStatus>());
        var winner = new EventRecorder<JackpotEvent>();
        var subscriptions = players.Select(p => cluster.ClientChannels.Player(p).Subscribe(_ => { })).ToList();
        subscriptions.Add(cluster.ClientChannels.Player(players[500]).Subscribe(winner));
        subscriptions.AddRange(players.Select(p => cluster.ClientChannels.Status(ChannelName.Player(cluster.Workspace, p)).Subscribe(statuses[p])));
        try
        {
            foreach (var recorder in statuses.Values)
            {
                await recorder.WaitUntilAsync(s => s.Any(x => x.State == ChannelState.Open), "the channel's upstream is open");
            }

            var infos = await Task.WhenAll(players.Select(p => cluster.ClientChannels.GetInfoAsync(ChannelName.Player(cluster.Workspace, p))));
            var won = cluster.Simulator.MakePlayerWin(players[500]);
            await winner.WaitForCountAsync(1);

            infos.Should().OnlyContain(i => i.IsUpstreamOpen && i.Subscribers == 1);
            // One upstream per channel at any time: the silos hold exactly 1,000 connections, the service sees 1,000.
            // (A grain Orleans re-activates elsewhere meanwhile closes its connection and opens one on the new silo.)
            await Eventually.HoldsAsync(
                () => Task.FromResult(cluster.OpenUpstreams() == players.Count && cluster.Simulator.OpenConnections == players.Count),
                "the silos hold one upstream per channel and nothing else");
            players.Should().OnlyContain(p => cluster.Requests.For(ChannelName.Player(cluster.Workspace, p)).Count >= 1);
            int moved = infos.Count(i => i.Epoch > 1);
            TestContext.Current.TestOutputHelper?.WriteLine($"channels re-activated during the test: {moved}");
            var spread = infos.GroupBy(i => i.Silo).ToDictionary(g => g.Key, g => g.Count());
            TestContext.Current.TestOutputHelper?.WriteLine($"1,000 channels per silo: {string.Join(", ", spread.Values)}");
            spread.Keys.Should().BeSubsetOf(cluster.Silos.Select(s => s.SiloAddress.ToString()));
            winner.Items.Should().ContainSingle().Which.Should().BeOfType<JackpotWon>().Which.Instance.Should().Be(won.WonInstance);
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void JackpotChannels_BadArguments_Throw()
    {
        FluentActions.Invoking(() => JackpotClusterChannelsExtensions.JackpotChannels(null!, cluster.Workspace)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => cluster.Client.JackpotChannels(default)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => cluster.ClientChannels.Channel(default)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => cluster.ClientChannels.Channel(ChannelName.Broadcast(new WorkspaceId("elsewhere"), new JackpotGroupId("g"))))
            .Should().Throw<ArgumentException>().WithMessage("*workspace*");
    }
}
