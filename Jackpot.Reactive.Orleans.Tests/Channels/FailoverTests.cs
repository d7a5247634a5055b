using System.Diagnostics;
using Jackpot.Reactive.Orleans.Tests.Infrastructure;

namespace Jackpot.Reactive.Orleans.Tests.Channels;

/// <summary>A cluster of its own (a silo dies in it), renewing often so the failover is quick.</summary>
public sealed class FailoverCluster : ChannelCluster
{
    public override TimeSpan LeaseDuration => TimeSpan.FromSeconds(4);

    public override TimeSpan RenewInterval => TimeSpan.FromMilliseconds(250);
}

/// <summary>The silo holding a channel dies mid-stream: the grain resumes elsewhere with <c>Last-Event-ID</c>.</summary>
public sealed class FailoverTests(FailoverCluster cluster) : IClassFixture<FailoverCluster>
{
    [Fact]
    public async Task Broadcast_SiloHoldingTheChannelKilled_SubscribersElsewhereSeeEveryEventExactlyOnce()
    {
        // A channel whose grain lives on a secondary silo (the in-process cluster's first silo is kept alive).
        var primary = cluster.Silos[0].SiloAddress.ToString();
        var group = cluster.NewGroup();
        while ((await cluster.ClientChannels.GetInfoAsync(ChannelName.Broadcast(cluster.Workspace, group))).Silo == primary)
        {
            group = cluster.NewGroup();
        }

        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var holder = (await cluster.ClientChannels.GetInfoAsync(channel)).Silo;
        var doomed = cluster.Silos.Single(s => s.SiloAddress.ToString() == holder);
        var survivors = cluster.Silos.Where(s => s != doomed).ToList();

        // The reference: the channel read straight from the simulator, with the id of every event.
        var reference = new List<(string Id, JackpotEvent Event)>();
        using var direct = new JackpotPushClient(new JackpotPushClientOptions { Workspace = cluster.Workspace, Endpoint = cluster.Simulator.SubscribeUri });
        using var directSubscription = direct.CreateConnection(channel, null).Subscribe(e =>
        {
            lock (reference)
            {
                reference.Add((e.LastEventId, JackpotEvent.Parse(e.Data.Span)));
            }
        });

        // Each subscribing process's own meter: the replay after the failover shows up as duplicates dropped there.
        var meters = survivors.Select(s => new MeasurementRecorder(cluster.MeterOn(s).Meter)).Append(new MeasurementRecorder(cluster.ClientMeter.Meter)).ToList();
        var recorders = survivors.Select(cluster.ChannelsOn).Append(cluster.ClientChannels)
            .Select(channels => (Channels: channels, Events: new EventRecorder<JackpotEvent>(), Statuses: new EventRecorder<ChannelStatus>()))
            .ToList();
        var subscriptions = recorders.SelectMany(r => new[]
        {
            r.Channels.Status(channel).Subscribe(r.Statuses),
            r.Channels.Broadcast(group).Subscribe(r.Events),
        }).ToList();
        try
        {
            await Task.WhenAll(recorders.Select(r => r.Events.WaitForCountAsync(30)));
            var lastBeforeKill = recorders[^1].Events.Items[^1];

            var statusesAtKill = recorders.Select(r => r.Statuses.Items.Count).ToList();
            var clock = Stopwatch.StartNew();
            await cluster.Cluster.KillSiloAsync(doomed, TestContext.Current.CancellationToken);
            int seenAtKill = recorders[^1].Events.Items.Count;
            await recorders[^1].Events.WaitForCountAsync(seenAtKill + 1);
            var firstEventAfterKill = clock.Elapsed;
            await Task.WhenAll(recorders.Select(r => r.Events.WaitForCountAsync(r.Events.Items.Count + 60)));
            var marker = recorders[^1].Events.Items[^1];
            await Task.WhenAll(recorders.Select(r => r.Events.WaitUntilAsync(items => items.Contains(marker), "every subscriber has the marker")));

            List<(string Id, JackpotEvent Event)> expected;
            lock (reference)
            {
                expected = [.. reference];
            }

            var info = await cluster.ClientChannels.GetInfoAsync(channel);
            var requests = cluster.Requests.For(channel);
            string killedAtId = expected.Last(e => e.Event.Equals(lastBeforeKill)).Id;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"failover: first event on a surviving subscriber {firstEventAfterKill.TotalMilliseconds:F0} ms after the kill; " +
                $"resumed with Last-Event-ID {requests[^1].LastEventId} (client had {killedAtId}); now on {info.Silo}");

            info.Silo.Should().NotBe(doomed.SiloAddress.ToString());
            requests.Should().HaveCount(2, "one upstream before the kill, one after");
            expected.Should().Contain(x => x.Id == requests[1].LastEventId, "the grain resumes from an id the service sent");
            var expectedEvents = expected.Select(x => x.Event).ToList();
            foreach (var ((_, events, statuses), atKill) in recorders.Zip(statusesAtKill))
            {
                var items = events.Items;
                var window = items.Take(items.ToList().LastIndexOf(marker) + 1).Skip(10).ToList();
                window.Should().HaveCountGreaterThan(80);
                Sequences.ContainsRun(expectedEvents, window).Should().BeTrue("every event exactly once, in order, across the failover");

                // docs/scale-out.md, "what a subscriber sees meanwhile": Reconnecting (a renewal failed) and/or Connecting
                // (the new activation opens its upstream), then Open with Resumed; never Closed or Failed.
                var sinceKill = statuses.Items.Skip(atKill).ToList();
                TestContext.Current.TestOutputHelper?.WriteLine(
                    "statuses since the kill: " + string.Join(", ", sinceKill.Select(s => s.State == ChannelState.Open ? $"Open ({s.Continuity})" : s.State.ToString())));
                statuses.Items.Take(atKill).Last().Should().Match<ChannelStatus>(s => s.State == ChannelState.Open && s.Continuity == StreamContinuity.Initial);
                var meanwhile = sinceKill.TakeWhile(s => s.State != ChannelState.Open).ToList();
                meanwhile.All(s => s.State == ChannelState.Connecting || (s.State == ChannelState.Reconnecting && s.Attempt >= 1 && s.Cause != null))
                    .Should().BeTrue("meanwhile the status is Reconnecting (a renewal failed) or Connecting (the upstream reopens)");
                sinceKill.Should().HaveCountGreaterThan(meanwhile.Count, "the channel is open again");
                sinceKill[meanwhile.Count].Continuity.Should().Be(StreamContinuity.Resumed, "the grain resumed with Last-Event-ID");
                sinceKill.Should().NotContain(s => s.State == ChannelState.Closed || s.State == ChannelState.Failed, "the subscriber's stream goes on");
            }

            meters.Sum(m => m.Sum(JackpotClusterMeter.DuplicatesName)).Should().BeGreaterThan(
                0, "the service replays from the checkpoint, one interval behind what subscribers had, and they drop the replay");
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
            meters.ForEach(m => m.Dispose());
        }
    }
}
