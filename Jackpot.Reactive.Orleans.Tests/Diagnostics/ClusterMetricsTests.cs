using Jackpot.Reactive.Orleans.Tests.Infrastructure;

namespace Jackpot.Reactive.Orleans.Tests.Diagnostics;

/// <summary>A cluster of its own, so no other test's channel moves its instruments.</summary>
public sealed class MetricsCluster : ChannelCluster
{
}

/// <summary>The cluster instruments as the silos and the client report one channel's life.</summary>
public sealed class ClusterMetricsTests(MetricsCluster cluster) : IClassFixture<MetricsCluster>
{
    [Fact]
    public async Task Channel_Life_SilosReportGrainUpstreamAndLeasesAndTheClientReportsFanOut()
    {
        var silos = cluster.Silos.ToDictionary(s => s.SiloAddress.ToString(), s => new MeasurementRecorder(cluster.MeterOn(s).Meter));
        using var client = new MeasurementRecorder(cluster.ClientMeter.Meter);
        var group = cluster.NewGroup();
        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var onClient = new EventRecorder<JackpotEvent>();
        var onSilo = new EventRecorder<JackpotEvent>();
        var subscriptions = new List<IDisposable>
        {
            cluster.ClientChannels.Broadcast(group).Subscribe(onClient),
            cluster.ChannelsOn(cluster.Silos[0]).Broadcast(group).Subscribe(onSilo),
        };
        try
        {
            await Task.WhenAll(onClient.WaitForCountAsync(20), onSilo.WaitForCountAsync(20));
            var holder = silos[(await cluster.ClientChannels.GetInfoAsync(channel)).Silo];
            await Eventually.HoldsAsync(
                () => Task.FromResult(silos.Values.Sum(r => r.Sum(JackpotClusterMeter.SubscribersName)) == 2),
                "the silos count the two subscribing processes' leases");

            holder.Sum(JackpotClusterMeter.ChannelsActiveName).Should().Be(1, "the channel's grain is active on its silo");
            holder.Sum(JackpotClusterMeter.UpstreamActiveName).Should().Be(1, "its silo holds the channel's one upstream");
            holder.Of(JackpotClusterMeter.UpstreamActiveName).Should().OnlyContain(m => (string?)m.Tags["jackpot.channel.kind"] == "broadcast");
            holder.Sum(JackpotClusterMeter.SubscribersName).Should().Be(2);
            silos.Values.Where(r => r != holder).Should().OnlyContain(r => r.Sum(JackpotClusterMeter.UpstreamActiveName) == 0);

            var fanOut = client.Of(JackpotClusterMeter.FanOutDurationName);
            fanOut.Count.Should().BeGreaterThanOrEqualTo(onClient.Items.Count - 3, "one measurement per live event (a snapshot is not fanned out)");
            fanOut.Should().OnlyContain(m => m.Value >= 0 && m.Value < 10 && (string?)m.Tags["jackpot.channel.kind"] == "broadcast");
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
        }

        try
        {
            await Eventually.HoldsAsync(
                () => Task.FromResult(silos.Values.All(r =>
                    r.Sum(JackpotClusterMeter.SubscribersName) == 0 &&
                    r.Sum(JackpotClusterMeter.UpstreamActiveName) == 0 &&
                    r.Sum(JackpotClusterMeter.ChannelsActiveName) == 0)),
                "the leases end, the linger ends the upstream and the idle grain deactivates");
        }
        finally
        {
            foreach (var recorder in silos.Values)
            {
                recorder.Dispose();
            }
        }
    }
}
