using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// <c>channels</c>: many channels in this process, the simulator in another, over HTTP/1.1 and HTTP/2 (h2c) in the
/// same run. For each channel count and protocol: managed heap and RSS per idle channel, sockets, the time to open them
/// all, and CPU per idle channel-minute (the simulator's keep-alive comments are all that arrives); then fan-in: N
/// broadcast channels at 1 event/s each, CPU per event, share of one core and publish-to-<c>OnNext</c> latency.
/// </summary>
internal static class ManyChannelsBenchmark
{
    public const string Command = "channels";

    public const string Usage = """
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- channels [--counts 1000,10000,100000]
              [--protocols http1.1,h2] [--idle-seconds 60] [--fanin-channels 10000] [--fanin-seconds 30]
              [--max-streams 100] [--heartbeat-ms 15000] [--batch 1000] [--alloc-types]
              many idle channels in one process (server in another) over HTTP/1.1 and HTTP/2 (h2c): heap, RSS and sockets
              per channel, time to open, CPU per idle channel-minute; then fan-in (--fanin-channels 0 skips it; --alloc-types
              also prints which types the fan-in allocates, sampled)
        """;

    private const int ChannelsPerPort = 20_000;
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = ManyChannelsSettings.Parse(args);
        var output = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            output.AppendLine(text);
        }

        Line($"channels benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        string raised = FileDescriptorLimit.RaiseSoftToHard();
        Line($"load average at the start: {ProcessProbe.LoadAverage()}; file descriptors: {raised}; ephemeral ports {ProcessProbe.EphemeralPortRange()}");
        Line($"simulator: --max-streams {settings.MaxStreams}, keep-alive comment every {settings.HeartbeatMs} ms; idle window {settings.IdleSeconds} s");
        Line(string.Empty);
        Line("| protocol | channels | open in s | heap KB/channel | RSS KB/channel | sockets | CPU µs per idle channel-minute | reconnects | simulator RSS KB/channel |");
        Line("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (int count in settings.Counts)
        {
            foreach (var protocol in settings.Protocols)
            {
                Line(await IdleRowAsync(settings, protocol, count).ConfigureAwait(false));
                Line(await BareRowAsync(settings, protocol, count).ConfigureAwait(false));
            }
        }

        if (settings.FanInChannels > 0)
        {
            Line(string.Empty);
            Line($"fan-in: {settings.FanInChannels:N0} broadcast channels at 1 event/s each, {settings.FanInSeconds} s measured after 10 s warm-up");
            Line(string.Empty);
            Line("| protocol | events/s | CPU µs/event | % of one core | allocated B/event | p50 µs | p99 µs | reconnects |");
            Line("|---|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var protocol in settings.Protocols)
            {
                Line(await FanInRowAsync(settings, protocol).ConfigureAwait(false));
            }
        }

        Line(string.Empty);
        Line($"load average at the end: {ProcessProbe.LoadAverage()}");
        string path = Path.Combine("BenchmarkDotNet.Artifacts", "results", "channels.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, output.ToString()).ConfigureAwait(false);
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        return 0;
    }

    private static async Task<string> IdleRowAsync(ManyChannelsSettings settings, JackpotPushProtocol protocol, int count)
    {
        string name = ProtocolName(protocol);
        int ports = PortsFor(protocol, count);
        if (FileDescriptorLimit.SkipReason(protocol, count, settings.MaxStreams) is { } skipped)
        {
            Console.WriteLine($"note: {name} at {count:N0} channels {skipped}.");
            return $"| {name} | {count:N0} | {skipped} | | | | | | |";
        }

        using var simulator = await SimulatorProcess.StartOnPortsAsync(ports, SimulatorArguments(settings, protocol)).ConfigureAwait(false);
        await using var fleet = new ChannelFleet(simulator, protocol);
        long heapBefore = ProcessProbe.SettledHeap();
        long rssBefore = ProcessProbe.ResidentBytes();
        long serverRssBefore = simulator.ResidentBytes;
        int socketsBefore = ProcessProbe.Sockets();
        var opening = Stopwatch.StartNew();
        await fleet.OpenAsync(count, i => ChannelName.Player(SimulatorProcess.Workspace, new PlayerId("idle-" + i.ToString(CultureInfo.InvariantCulture))), settings.Batch, static _ => { }).ConfigureAwait(false);
        double openSeconds = opening.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        long heap = ProcessProbe.SettledHeap() - heapBefore;
        long rss = ProcessProbe.ResidentBytes() - rssBefore;
        long serverRss = simulator.ResidentBytes - serverRssBefore;
        int sockets = ProcessProbe.Sockets() - socketsBefore;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(settings.IdleSeconds)).ConfigureAwait(false);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        double channelMinutes = count * settings.IdleSeconds / 60.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {count:N0} | {openSeconds:F1} | {heap / 1024.0 / count:F2} | {rss / 1024.0 / count:F2} | {sockets:N0} | {cpu.TotalMicroseconds / channelMinutes:F1} | {fleet.Reconnects} | {serverRss / 1024.0 / count:F2} |");
    }

    /// <summary>The baseline row: the same count of bare <see cref="HttpClient"/> streams (see <see cref="BareStreams"/>).</summary>
    private static async Task<string> BareRowAsync(ManyChannelsSettings settings, JackpotPushProtocol protocol, int count)
    {
        string name = ProtocolName(protocol) + ", bare HttpClient (baseline)";
        if (FileDescriptorLimit.SkipReason(protocol, count, settings.MaxStreams) is not null)
        {
            return $"| {name} | {count:N0} | skipped (file descriptors, as above) | | | | | | |";
        }

        using var simulator = await SimulatorProcess.StartOnPortsAsync(PortsFor(protocol, count), SimulatorArguments(settings, protocol)).ConfigureAwait(false);
        long heapBefore = ProcessProbe.SettledHeap();
        long rssBefore = ProcessProbe.ResidentBytes();
        int socketsBefore = ProcessProbe.Sockets();
        var bare = new BareStreams(protocol);
        try
        {
            var opening = Stopwatch.StartNew();
            await bare.OpenAsync(simulator, count, settings.Batch).ConfigureAwait(false);
            double openSeconds = opening.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            long heap = ProcessProbe.SettledHeap() - heapBefore;
            long rss = ProcessProbe.ResidentBytes() - rssBefore;
            int sockets = ProcessProbe.Sockets() - socketsBefore;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {count:N0} | {openSeconds:F1} | {heap / 1024.0 / count:F2} | {rss / 1024.0 / count:F2} | {sockets:N0} | — | — | |");
        }
        finally
        {
            await bare.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<string> FanInRowAsync(ManyChannelsSettings settings, JackpotPushProtocol protocol)
    {
        int count = settings.FanInChannels;
        if (FileDescriptorLimit.SkipReason(protocol, count, settings.MaxStreams) is { } skipped)
        {
            Console.WriteLine($"note: fan-in over {ProtocolName(protocol)} at {count:N0} channels {skipped}.");
            return $"| {ProtocolName(protocol)} | {skipped} | | | | | | |";
        }

        using var simulator = await SimulatorProcess.StartOnPortsAsync(
            PortsFor(protocol, count),
            [.. SimulatorArguments(settings, protocol), "--stamp-amounts", "--jackpots", "1", "--interval-ms", "1000", "--spins", "0"]).ConfigureAwait(false);
        await using var fleet = new ChannelFleet(simulator, protocol);
        var latency = new LatencyHistogram();
        await fleet.OpenAsync(count, i => ChannelName.Broadcast(SimulatorProcess.Workspace, new JackpotGroupId("fan-" + i.ToString(CultureInfo.InvariantCulture))), settings.Batch, latency.Record).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        latency.Reset();
        using var sampler = settings.AllocationTypes ? new AllocationSampler() : null;
        sampler?.Start();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(settings.FanInSeconds)).ConfigureAwait(false);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        double seconds = wall.Elapsed.TotalSeconds;
        long events = latency.Count;
        if (sampler is not null)
        {
            sampler.Stop();
            Console.WriteLine($"allocations during fan-in over {ProtocolName(protocol)}, sampled by type (runtime allocation ticks):");
            Console.WriteLine("| type | share | ≈ B/event |");
            Console.WriteLine("|---|--:|--:|");
            foreach (string line in sampler.Top(15, events))
            {
                Console.WriteLine(line);
            }
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"| {ProtocolName(protocol)} | {events / seconds:N0} | {cpu.TotalMicroseconds / Math.Max(1, events):F1} | {100 * cpu.TotalSeconds / seconds:F1} | {allocated / (double)Math.Max(1, events):N0} | {latency.Percentile(0.50):N0} | {latency.Percentile(0.99):N0} | {fleet.Reconnects} |");
    }

    private static string[] SimulatorArguments(ManyChannelsSettings settings, JackpotPushProtocol protocol) =>
    [
        "--protocols", protocol == JackpotPushProtocol.Http2 ? "http2" : "http1",
        "--max-streams", settings.MaxStreams.ToString(CultureInfo.InvariantCulture),
        "--heartbeat-ms", settings.HeartbeatMs.ToString(CultureInfo.InvariantCulture),
        "--win-probability", "0",
    ];

    private static int PortsFor(JackpotPushProtocol protocol, int count) =>
        protocol == JackpotPushProtocol.Http11 ? Math.Max(1, (count + ChannelsPerPort - 1) / ChannelsPerPort) : 1;

    private static string ProtocolName(JackpotPushProtocol protocol) => protocol == JackpotPushProtocol.Http2 ? "HTTP/2 (h2c)" : "HTTP/1.1";

    /// <summary>The clients of one run: one <see cref="JackpotPushClient"/> per simulator port, all on one
    /// <see cref="HttpClient"/> built on the library's default handler. Each channel holds one event subscription and
    /// nothing else (its status is watched only until it opens): reconnects are counted on the library's meter
    /// (<c>jackpot.connection.reconnects</c>), so the heap per channel is what an idle subscription costs.</summary>
    private sealed class ChannelFleet : IAsyncDisposable
    {
        private readonly HttpClient _http = new(HttpSseTransport.CreateDefaultHandler());
        private readonly List<JackpotPushClient> _clients;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly MeterListener _reconnectListener = new();
        private long _reconnects;

        public ChannelFleet(SimulatorProcess simulator, JackpotPushProtocol protocol)
        {
            _clients = [.. simulator.SubscribeUris.Select(uri => new JackpotPushClient(
                new JackpotPushClientOptions { Endpoint = uri, Workspace = SimulatorProcess.Workspace, Linger = TimeSpan.Zero, Protocol = protocol },
                _http,
                scheduler: null,
                loggerFactory: null))];
            _reconnectListener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == JackpotMetrics.MeterName && instrument.Name == "jackpot.connection.reconnects")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _reconnectListener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _reconnects, value));
            _reconnectListener.Start();
        }

        public long Reconnects => Interlocked.Read(ref _reconnects);

        public async Task OpenAsync(int count, Func<int, ChannelName> channelOf, int batch, Action<JackpotEvent> onNext)
        {
            for (int first = 0; first < count; first += batch)
            {
                var opened = new List<Task>(batch);
                for (int i = first; i < Math.Min(count, first + batch); i++)
                {
                    var client = _clients[i % _clients.Count];
                    var channel = channelOf(i);
                    opened.Add(client.Status(channel).FirstAsync(status => status.State == ChannelState.Open).ToTask());
                    _subscriptions.Add(client.Channel(channel).Subscribe(onNext));
                }

                await Task.WhenAll(opened).WaitAsync(OpenTimeout).ConfigureAwait(false);
            }
        }

        public ValueTask DisposeAsync()
        {
            _subscriptions.ForEach(subscription => subscription.Dispose());
            _clients.ForEach(client => client.Dispose());
            _http.Dispose();
            _reconnectListener.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
