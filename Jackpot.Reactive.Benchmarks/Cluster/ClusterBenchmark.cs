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
/// managed heap per idle channel activation and per live channel (upstream open, one subscriber); then the heap per live
/// channel again with the grains' upstreams on the simulator in a process of its own, over HTTP/1.1 and over HTTP/2
/// (h2c, <see cref="JackpotPushSettings.Protocol"/>), each on a cluster of its own.
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

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
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
        await cluster.StopAllSilosAsync().ConfigureAwait(false);

        int liveChannels = Array.IndexOf(args, "--live-channels") is var at and >= 0 && at + 1 < args.Length
            ? int.Parse(args[at + 1], CultureInfo.InvariantCulture)
            : LiveChannels;
        foreach (var protocol in new[] { JackpotPushProtocol.Http11, JackpotPushProtocol.Http2 })
        {
            Console.WriteLine(await LiveChannelHeapAsync(protocol, liveChannels).ConfigureAwait(false));
        }

        return 0;
    }

    /// <summary>The managed heap per live channel of a 3-silo cluster whose grains' upstreams speak
    /// <paramref name="protocol"/> to the simulator in another process (player channels: keep-alive comments only).</summary>
    private static async Task<string> LiveChannelHeapAsync(JackpotPushProtocol protocol, int count)
    {
        string name = protocol == JackpotPushProtocol.Http2 ? "HTTP/2 (h2c)" : "HTTP/1.1";
        using var simulator = await SimulatorProcess.StartAsync(
            "--protocols", protocol == JackpotPushProtocol.Http2 ? "http2" : "http1", "--win-probability", "0").ConfigureAwait(false);
        var workspace = SimulatorProcess.Workspace;
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage(JackpotChannelOptions.StorageName)
            .AddJackpotChannels(
                push =>
                {
                    push.Workspace = workspace.Value;
                    push.Endpoint = simulator.SubscribeUris[0].ToString();
                    push.Protocol = protocol;
                },
                SetSecret));
        builder.ConfigureClient(client => client.AddJackpotChannels(SetSecret));
        await using var cluster = builder.Build();
        await cluster.DeployAsync().ConfigureAwait(false);
        var channels = cluster.Client.JackpotChannels(workspace);

        // Warm every silo's paths with a channel of its own first, so the figure is per channel, not first-use costs.
        var warm = Enumerable.Range(0, 30).Select(i => ChannelName.Player(workspace, new PlayerId($"warm-{i}"))).ToList();
        var warmSubscriptions = warm.Select(c => channels.Channel(c).Subscribe(_ => { })).ToList();
        await WaitOpenAsync(channels, warm).ConfigureAwait(false);
        long before = SettledHeap();
        var live = Enumerable.Range(0, count).Select(i => ChannelName.Player(workspace, new PlayerId($"live-{i}"))).ToList();
        var subscriptions = live.Select(c => channels.Channel(c).Subscribe(_ => { })).ToList();
        await WaitOpenAsync(channels, live).ConfigureAwait(false);
        long after = SettledHeap();
        subscriptions.ForEach(s => s.Dispose());
        warmSubscriptions.ForEach(s => s.Dispose());
        await cluster.StopAllSilosAsync().ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture,
            $"managed heap per live channel, upstreams over {name} to the simulator in another process: {(after - before) / 1024.0 / count:F2} KiB ({count} channels; grain + upstream + one client subscriber, whole process: 3 silos + client)");
    }

    private static async Task WaitOpenAsync(JackpotClusterChannels channels, IEnumerable<ChannelName> names)
    {
        foreach (var c in names)
        {
            var deadline = Stopwatch.StartNew();
            while (!(await channels.GetInfoAsync(c).ConfigureAwait(false)).IsUpstreamOpen)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException($"The upstream of {c} did not open within 2 minutes.");
                }

                await Task.Delay(10).ConfigureAwait(false);
            }
        }
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
