using System.Text;
using Jackpot.Reactive.Orleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans.Tests.Channels;

/// <summary>A cluster of its own (a silo dies in it) whose silos and client log everything, Orleans included, at Debug.</summary>
public sealed class PrivacyCluster : ChannelCluster
{
    public LogCapture Logs { get; } = new();

    public override TimeSpan LeaseDuration => TimeSpan.FromSeconds(3);

    public override TimeSpan RenewInterval => TimeSpan.FromMilliseconds(250);

    protected override void ConfigureSilo(ISiloBuilder silo) => silo.Services.AddLogging(Debug);

    protected override void ConfigureClient(IClientBuilder client) => client.Services.AddLogging(Debug);

    private void Debug(ILoggingBuilder logging) => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug).AddFilter(level => level >= LogLevel.Debug);
}

/// <summary>
/// A player's id is a secret: across a player channel's whole life in the cluster — subscribers on a silo and on a
/// client, wins, the death of the silo holding it, a subscriber that dies, the lease's expiry and the end of the life —
/// no log line of Orleans or of the library (at Debug), no storage file name or content and no metric tag holds it.
/// </summary>
public sealed class PlayerPrivacyTests(PrivacyCluster cluster) : IClassFixture<PrivacyCluster>
{
    [Fact]
    public async Task PlayerChannel_WholeLifeWithFailoverAndExpiry_TheIdIsInNoLogLineStorageOrMetric()
    {
        // A player whose channel's grain lives on a silo that can be killed (the in-process cluster's first one is kept).
        var primary = cluster.Silos[0].SiloAddress.ToString();
        PlayerId player;
        ChannelName channel;
        string holder;
        do
        {
            player = new PlayerId($"secret-player-{Guid.NewGuid():N}");
            channel = ChannelName.Player(cluster.Workspace, player);
            holder = (await cluster.ClientChannels.GetInfoAsync(channel)).Silo;
        }
        while (holder == primary);

        string key = cluster.GrainKeys.For(channel);
        var doomed = cluster.Silos.Single(s => s.SiloAddress.ToString() == holder);
        var survivor = cluster.Silos.First(s => s != doomed);
        var meters = cluster.Silos.Select(s => new MeasurementRecorder(cluster.MeterOn(s).Meter)).Append(new MeasurementRecorder(cluster.ClientMeter.Meter)).ToList();
        var onClient = new EventRecorder<JackpotEvent>();
        var onSilo = new EventRecorder<JackpotEvent>();
        var status = new EventRecorder<ChannelStatus>();
        var observer = new SilentObserver();
        var deadSubscriber = cluster.Client.CreateObjectReference<IJackpotChannelObserver>(observer);
        var subscriptions = new List<IDisposable>
        {
            cluster.ClientChannels.Status(channel).Subscribe(status),
            cluster.ClientChannels.Player(player).Subscribe(onClient),
            cluster.ChannelsOn(survivor).Player(player).Subscribe(onSilo),
        };
        try
        {
            // Subscribe and win twice.
            await status.WaitUntilAsync(s => s.Any(x => x.State == ChannelState.Open), "the channel is open");
            cluster.Simulator.MakePlayerWin(player);
            cluster.Simulator.MakePlayerWin(player);
            await onClient.WaitForCountAsync(2);
            await onSilo.WaitForCountAsync(2);

            // The silo holding the channel dies; the channel resumes on another silo, and the player wins again.
            int statusesAtKill = status.Items.Count;
            await cluster.Cluster.KillSiloAsync(doomed, TestContext.Current.CancellationToken);
            await status.WaitUntilAsync(
                s => s.Skip(statusesAtKill).Any(x => x.State == ChannelState.Open && x.Continuity != StreamContinuity.Initial),
                "the channel is open again on another silo");
            cluster.Simulator.MakePlayerWin(player);
            await onClient.WaitForCountAsync(3);
            await onSilo.WaitForCountAsync(3);

            // A subscriber process that dies without unsubscribing; the live ones leave; its lease expires and the life ends.
            await cluster.Grain(channel).Subscribe(channel, deadSubscriber, after: null);
            subscriptions.ForEach(s => s.Dispose());
            await Eventually.HoldsAsync(async () => !(await cluster.ClientChannels.GetInfoAsync(channel)).IsUpstreamOpen, "the lease has expired and the life ended");
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
            cluster.Client.DeleteObjectReference<IJackpotChannelObserver>(deadSubscriber);
            meters.ForEach(m => m.Dispose());
        }

        var lines = cluster.Logs.Lines;
        var files = Directory.GetFiles(cluster.StorageDirectory, "*", SearchOption.AllDirectories);
        var stored = files.Select(f => (Name: Path.GetRelativePath(cluster.StorageDirectory, f), Content: Encoding.UTF8.GetString(File.ReadAllBytes(f)))).ToList();
        var tags = meters.SelectMany(m => m.Measurements).SelectMany(m => m.Tags).Select(t => $"{t.Key}={t.Value}").Distinct().ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"scanned {lines.Count} log lines ({lines.Count(l => l.StartsWith("Debug", StringComparison.Ordinal))} at Debug), {stored.Count} storage files, tags: {string.Join(", ", tags)}");

        // Control: the scans see the channel: Orleans logs its grain id (the pseudonym), the storage holds its checkpoint.
        lines.Should().Contain(l => l.Contains(key, StringComparison.Ordinal), "Orleans logs the grain id at Debug");
        lines.Should().Contain(l => l.StartsWith("Debug Orleans", StringComparison.Ordinal), "Orleans' own Debug lines are captured");
        lines.Should().Contain(l => l.Contains("Jackpot.Reactive", StringComparison.Ordinal), "the library's lines are captured");
        stored.Should().Contain(f => f.Content.Contains(nameof(ChannelCheckpoint), StringComparison.Ordinal), "the scan reads the grain's checkpoint");
        onClient.Items.OfType<JackpotWon>().Should().HaveCount(3).And.OnlyContain(w => w.Channel.RawValue.Contains(player.RawValue), "subscribers get the raw channel");

        string id = player.RawValue;
        lines.Where(l => l.Contains(id, StringComparison.Ordinal)).Should().BeEmpty("no log line may hold a player id");
        stored.Where(f => f.Name.Contains(id, StringComparison.Ordinal) || f.Content.Contains(id, StringComparison.Ordinal)).Select(f => f.Name)
            .Should().BeEmpty("no storage key or state may hold a player id");
        tags.Where(t => t.Contains(id, StringComparison.Ordinal)).Should().BeEmpty("no metric tag may hold a player id");
    }
}
