using System.Diagnostics;
using System.Reactive.Linq;
using Jackpot.Reactive.Orleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jackpot.Reactive.Orleans.Tests.Channels;

/// <summary>A cluster of its own (a silo dies in it) whose subscribers renew only every 20 seconds: a failover faster
/// than that is the work of the death notice or the leaving notice, not of a renewal.</summary>
public sealed class SlowRenewCluster : ChannelCluster
{
    public override TimeSpan LeaseDuration => TimeSpan.FromSeconds(60);

    public override TimeSpan RenewInterval => TimeSpan.FromSeconds(20);
}

/// <summary>
/// Failover bounded by the cluster's detection, not by the renewal: a subscriber re-subscribes as soon as the silo
/// holding its channel is declared dead, or as soon as the grain says it is leaving its silo.
/// </summary>
public sealed class DetectionBoundFailoverTests(SlowRenewCluster cluster) : IClassFixture<SlowRenewCluster>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Grain_DeactivatedWhileLive_SubscribersReSubscribeAtOnceAndGetEveryEventOnce()
    {
        var group = cluster.NewGroup();
        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var (reference, direct) = Reference(channel);
        var events = new EventRecorder<JackpotEvent>();
        var statuses = new EventRecorder<ChannelStatus>();
        using var statusSubscription = cluster.ClientChannels.Status(channel).Subscribe(statuses);
        using var subscription = cluster.ClientChannels.Broadcast(group).Subscribe(events);
        using (direct)
        {
            // Long enough for the grain to have checkpointed an event id (one checkpoint interval behind).
            await events.WaitForCountAsync(60);
            int statusesBefore = statuses.Items.Count;
            int eventsBefore = events.Items.Count;
            var clock = Stopwatch.StartNew();

            await cluster.Cluster.DeactivateAsync(cluster.Grain(channel));
            await statuses.WaitUntilAsync(s => s.Skip(statusesBefore).Any(x => x.State == ChannelState.Open), "the channel is open again");
            var openAgain = clock.Elapsed;
            await events.WaitForCountAsync(eventsBefore + 40);

            var sinceDeactivation = statuses.Items.Skip(statusesBefore).ToList();
            TestContext.Current.TestOutputHelper?.WriteLine($"open again {openAgain.TotalMilliseconds:F0} ms after the deactivation; statuses: {Describe(sinceDeactivation)}");
            openAgain.Should().BeLessThan(cluster.RenewInterval / 4, "the leaving notice, not the 20 s renewal, brings the subscriber back");
            sinceDeactivation[0].State.Should().Be(ChannelState.Reconnecting);
            sinceDeactivation[0].Cause.Should().BeOfType<ChannelMovedException>();
            sinceDeactivation[0].Continuity.Should().Be(StreamContinuity.Resumed, "the subscriber has a position to resume from");
            sinceDeactivation.First(s => s.State == ChannelState.Open).Continuity.Should().Be(StreamContinuity.Resumed);
            sinceDeactivation.Where(s => s.State is ChannelState.Connecting or ChannelState.Reconnecting)
                .Should().NotContain(s => s.Continuity == StreamContinuity.Initial, "a resumed life never says Initial");
            ExactlyOnce(reference, events);
            events.Items.Select(e => e.EventId).Should().OnlyContain(id => id != null, "every delivered event carries its SSE id")
                .And.OnlyHaveUniqueItems("each event was delivered once");
        }
    }

    [Fact]
    public async Task Silo_HoldingTheChannelDeclaredDead_SiloSubscriberReconnectingWithinOneSecondThenResumed()
    {
        var primary = cluster.Silos[0];
        var group = cluster.NewGroup();
        while ((await cluster.ClientChannels.GetInfoAsync(ChannelName.Broadcast(cluster.Workspace, group))).Silo == primary.SiloAddress.ToString())
        {
            group = cluster.NewGroup();
        }

        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var holder = (await cluster.ClientChannels.GetInfoAsync(channel)).Silo;
        var doomed = cluster.Silos.Single(s => s.SiloAddress.ToString() == holder);
        var (reference, direct) = Reference(channel);

        // A subscriber on the primary silo (it survives and watches membership), with the time of each status.
        var clock = Stopwatch.StartNew();
        var onSilo = cluster.ChannelsOn(primary);
        var events = new EventRecorder<JackpotEvent>();
        var statuses = new EventRecorder<(TimeSpan At, ChannelStatus Status)>();
        using var statusSubscription = onSilo.Status(channel).Select(s => (clock.Elapsed, s)).Subscribe(statuses);
        using var subscription = onSilo.Broadcast(group).Subscribe(events);
        using var declared = new CancellationTokenSource();
        var deadAt = WhenDeclaredDeadAsync(primary, doomed.SiloAddress, clock, declared.Token);
        using (direct)
        {
            // Long enough for the grain to have checkpointed an event id (one checkpoint interval behind).
            await events.WaitForCountAsync(60);
            int statusesBefore = statuses.Items.Count;

            await cluster.Cluster.KillSiloAsync(doomed, TestContext.Current.CancellationToken);
            var dead = await deadAt.WaitAsync(EventRecorder<object>.Timeout, TestContext.Current.CancellationToken);
            await statuses.WaitUntilAsync(s => s.Skip(statusesBefore).Any(x => x.Status.State == ChannelState.Open), "the channel is open again");
            int eventsAfter = events.Items.Count;
            await events.WaitForCountAsync(eventsAfter + 40);

            var sinceKill = statuses.Items.Skip(statusesBefore).ToList();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"requests: {string.Join(", ", cluster.Requests.For(channel).Select(r => r.LastEventId ?? "-"))}; declared dead at {dead.TotalMilliseconds:F0} ms; statuses: {string.Join(", ", sinceKill.Select(s => $"{s.At.TotalMilliseconds:F0} ms {Describe([s.Status])}"))}");
            sinceKill.Should().Contain(s => s.Status.State == ChannelState.Reconnecting, "the death notice shows at once");
            var reconnecting = sinceKill.First(s => s.Status.State == ChannelState.Reconnecting);
            reconnecting.At.Should().BeLessThan(dead + Bound, "Reconnecting within a second of the silo being declared dead");
            reconnecting.Status.Cause.Should().NotBeNull();
            reconnecting.Status.Continuity.Should().Be(StreamContinuity.Resumed);
            var open = sinceKill.First(s => s.Status.State == ChannelState.Open);
            open.Status.Continuity.Should().Be(StreamContinuity.Resumed);
            open.At.Should().BeLessThan(dead + cluster.RenewInterval / 4, "re-subscribed at once, not at the 20 s renewal");
            ExactlyOnce(reference, events);
        }
    }

    private (List<JackpotEvent> Reference, IDisposable Subscription) Reference(ChannelName channel)
    {
        var reference = new List<JackpotEvent>();
        var client = new JackpotPushClient(new JackpotPushClientOptions { Workspace = cluster.Workspace, Endpoint = cluster.Simulator.SubscribeUri });
        var subscription = client.CreateConnection(channel, null).Subscribe(e =>
        {
            lock (reference)
            {
                reference.Add(JackpotEvent.Parse(e.Data.Span));
            }
        });
        return (reference, new CompositeDisposableOf(subscription, client));
    }

    private static void ExactlyOnce(List<JackpotEvent> reference, EventRecorder<JackpotEvent> events)
    {
        List<JackpotEvent> expected;
        lock (reference)
        {
            expected = [.. reference];
        }

        // The first few events may predate the reference's connection; the rest must be a run of it: each once, in order.
        var window = events.Items.Skip(10).ToList();
        window.Should().HaveCountGreaterThan(40);
        Sequences.ContainsRun(expected, window).Should().BeTrue("every event exactly once, in order, across the move");
    }

    private async Task<TimeSpan> WhenDeclaredDeadAsync(global::Orleans.TestingHost.InProcessSiloHandle watcher, SiloAddress doomed, Stopwatch clock, CancellationToken cancellationToken)
    {
        var membership = cluster.Cluster.GetSiloServiceProvider(watcher.SiloAddress).GetRequiredService<IClusterMembershipService>();
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
        {
            if (snapshot.Members.TryGetValue(doomed, out var member) && member.Status == SiloStatus.Dead)
            {
                return clock.Elapsed;
            }
        }

        throw new OperationCanceledException();
    }

    private static string Describe(IEnumerable<ChannelStatus> statuses) =>
        string.Join(", ", statuses.Select(s => s.State is ChannelState.Open or ChannelState.Connecting or ChannelState.Reconnecting ? $"{s.State} ({s.Continuity})" : s.State.ToString()));

    private sealed class CompositeDisposableOf(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
