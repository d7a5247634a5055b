using System.Diagnostics;
using System.Globalization;
using Jackpot.Reactive.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Jackpot.Reactive.Benchmarks.Cluster;

/// <summary>
/// <c>dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- cluster</c>: channels as grains on a 3-silo
/// in-process cluster (in-memory transport between silos: no network hop, so the figures are a floor for a real cluster).
/// Fan-out latency (server write to subscriber <c>OnNext</c>) at 1,000 events/s on the silo holding the grain, on
/// another silo and on a client, against a plain <see cref="JackpotPushClient"/> on the same server as the baseline;
/// managed heap per idle channel activation and per live channel (upstream open, one subscriber).
/// </summary>
internal static class ClusterBenchmark
{
    private const int EventsPerSecond = 1000;
    private const int Warmup = 1000;
    private const int Measured = 5000;
    private const int IdleChannels = 2000;
    private const int LiveChannels = 1000;

    /// <summary>A secret for this run's grain keys (every silo and the client share it).</summary>
    private static readonly string GrainKeySecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static void SetSecret(JackpotChannelOptions options) => options.GrainKeySecret = GrainKeySecret;

    public static async Task<int> RunAsync()
    {
        Console.WriteLine($"cluster benchmark, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores");
        await using var server = await PacedSseServer.StartAsync(EventsPerSecond).ConfigureAwait(false);
        var workspace = new WorkspaceId("bench");
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage(JackpotChannelOptions.StorageName)
            .AddJackpotChannels(push => { push.Workspace = workspace.Value; push.Endpoint = server.SubscribeUri.ToString(); }, SetSecret));
        builder.ConfigureClient(client => client.AddJackpotChannels(SetSecret));
        await using var cluster = builder.Build();
        await cluster.DeployAsync().ConfigureAwait(false);
        var silos = cluster.GetActiveSilos().ToList();
        JackpotClusterChannels On(InProcessSiloHandle silo) =>
            cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IClusterClient>().JackpotChannels(workspace);

        // Latency: one broadcast channel, subscribers on the grain's silo, another silo and the client; the baseline a
        // direct client on its own channel of the same server.
        var channel = ChannelName.Broadcast(workspace, new JackpotGroupId("latency"));
        var holder = (await cluster.Client.JackpotChannels(workspace).GetInfoAsync(channel).ConfigureAwait(false)).Silo;
        var local = silos.Single(s => s.SiloAddress.ToString() == holder);
        var remote = silos.First(s => s != local);
        var probes = new (string Name, IObservable<JackpotEvent> Source)[]
        {
            ("direct JackpotPushClient (baseline)", new JackpotPushClient(new JackpotPushClientOptions { Workspace = workspace, Endpoint = server.SubscribeUri })
                .Broadcast(new JackpotGroupId("baseline"))),
            ("cluster, subscriber on the grain's silo", On(local).Broadcast(channel.Group)),
            ("cluster, subscriber on another silo", On(remote).Broadcast(channel.Group)),
            ("cluster, subscriber on a client", cluster.Client.JackpotChannels(workspace).Broadcast(channel.Group)),
        };
        var recorders = probes.Select(p => new LatencyRecorder(server)).ToList();
        var subscriptions = probes.Zip(recorders, (p, r) => p.Source.Subscribe(r.OnNext)).ToList();
        await Task.WhenAll(recorders.Select(r => r.Done)).WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        subscriptions.ForEach(s => s.Dispose());
        Console.WriteLine($"fan-out latency at {EventsPerSecond} events/s, {Measured} events after {Warmup} warm-up (ms):");
        for (int i = 0; i < probes.Length; i++)
        {
            var (p50, p99) = recorders[i].Percentiles();
            var (b50, b99) = recorders[0].Percentiles();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {probes[i].Name,-42} p50 {p50,7:F3}  p99 {p99,7:F3}  (x{p50 / b50:F1} / x{p99 / b99:F1} of baseline)"));
        }

        // Memory: idle activations (GetInfo activates a grain without opening its upstream), then live channels.
        long before = SettledHeap();
        var idle = Enumerable.Range(0, IdleChannels).Select(i => ChannelName.Player(workspace, new PlayerId($"idle-{i}"))).ToList();
        foreach (var batch in idle.Chunk(200))
        {
            await Task.WhenAll(batch.Select(c => cluster.Client.JackpotChannels(workspace).GetInfoAsync(c))).ConfigureAwait(false);
        }

        long afterIdle = SettledHeap();
        var live = Enumerable.Range(0, LiveChannels).Select(i => ChannelName.Player(workspace, new PlayerId($"live-{i}"))).ToList();
        var clock = Stopwatch.StartNew();
        var liveSubscriptions = live.Select(c => cluster.Client.JackpotChannels(workspace).Channel(c).Subscribe(_ => { })).ToList();
        foreach (var c in live)
        {
            while (!(await cluster.Client.JackpotChannels(workspace).GetInfoAsync(c).ConfigureAwait(false)).IsUpstreamOpen)
            {
                await Task.Yield();
            }
        }

        var openIn = clock.Elapsed;
        long afterLive = SettledHeap();
        var spread = (await Task.WhenAll(live.Select(c => cluster.Client.JackpotChannels(workspace).GetInfoAsync(c))).ConfigureAwait(false))
            .GroupBy(i => i.Silo).Select(g => g.Count());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed heap per idle channel activation: {(afterIdle - before) / 1024.0 / IdleChannels:F2} KiB ({IdleChannels} activations; whole process: 3 silos + client)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed heap per live channel (grain + upstream + one client subscriber): {(afterLive - afterIdle) / 1024.0 / LiveChannels:F2} KiB; {LiveChannels} channels open in {openIn.TotalSeconds:F1} s, per silo {string.Join("/", spread)}"));
        liveSubscriptions.ForEach(s => s.Dispose());
        return 0;
    }

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Latencies of one subscriber: the event's number is its value.</summary>
    private sealed class LatencyRecorder(PacedSseServer server)
    {
        private readonly List<double> _millis = [];
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _seen;

        public Task Done => _done.Task;

        public void OnNext(JackpotEvent e)
        {
            long now = Stopwatch.GetTimestamp();
            if (++_seen <= Warmup || _millis.Count >= Measured || server.WrittenAt((long)e.Amount) is not { } written)
            {
                return;
            }

            _millis.Add(Stopwatch.GetElapsedTime(written, now).TotalMilliseconds);
            if (_millis.Count == Measured)
            {
                _done.TrySetResult();
            }
        }

        public (double P50, double P99) Percentiles()
        {
            var sorted = _millis.Order().ToList();
            return (sorted[sorted.Count / 2], sorted[(int)(sorted.Count * 0.99)]);
        }
    }
}
