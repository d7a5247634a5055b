using System.Diagnostics;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>One flood measurement: events per second and CPU time per event, client and server.</summary>
internal sealed record ThroughputSample(double EventsPerSecond, double ClientCpuNsPerEvent, double ServerCpuNsPerEvent);

/// <summary>Throughput of ours against the naive consumer, each in turn on the same flood-mode simulator.</summary>
internal sealed record FloodResult(ThroughputSample Ours, ThroughputSample Naive, IReadOnlyList<ThroughputSample> OurRuns, IReadOnlyList<ThroughputSample> NaiveRuns);

/// <summary>
/// End to end over loopback: the simulator in flood mode (its own process, a fresh one per run) → a consumer in this
/// process. Ours and the naive consumer take turns, each run warms up and then counts events for a fixed time; medians
/// are reported.
/// </summary>
internal static class FloodThroughput
{
    public static async Task<FloodResult> RunAsync(HarnessSettings settings, TextWriter log)
    {
        var ours = new List<ThroughputSample>();
        var naive = new List<ThroughputSample>();
        for (int run = 0; run < settings.Runs; run++)
        {
            var our = await MeasureOnFreshServerAsync(
                uri => new JackpotClientConsumer(uri, SimulatorProcess.Workspace, SimulatorProcess.Group), settings).ConfigureAwait(false);
            var their = await MeasureOnFreshServerAsync(
                uri => new NaiveConsumer(JackpotPushEndpoint.BuildSubscribeUri(ChannelName.Broadcast(SimulatorProcess.Workspace, SimulatorProcess.Group), uri)),
                settings).ConfigureAwait(false);
            ours.Add(our);
            naive.Add(their);
            log.WriteLine(
                $"  flood run {run + 1}: JackpotPushClient {our.EventsPerSecond / 1e6:F2} M/s ({our.ClientCpuNsPerEvent:F0} ns CPU/event, server {our.ServerCpuNsPerEvent:F0}), "
                + $"naive {their.EventsPerSecond / 1e6:F2} M/s ({their.ClientCpuNsPerEvent:F0} ns CPU/event, server {their.ServerCpuNsPerEvent:F0})");
        }

        return new FloodResult(Median(ours), Median(naive), ours, naive);
    }

    /// <summary>Each run gets a server process of its own, so nothing a previous connection left behind (on either side)
    /// competes with it; the warm-up covers both processes' JIT.</summary>
    private static async Task<ThroughputSample> MeasureOnFreshServerAsync(Func<Uri, IStreamConsumer> createConsumer, HarnessSettings settings)
    {
        using var simulator = await SimulatorProcess.StartAsync("--flood", "--heartbeat-ms", "600000").ConfigureAwait(false);
        return await MeasureAsync(createConsumer(simulator.SubscribeUri), simulator, settings).ConfigureAwait(false);
    }

    private static async Task<ThroughputSample> MeasureAsync(IStreamConsumer consumer, SimulatorProcess simulator, HarnessSettings settings)
    {
        await using (consumer.ConfigureAwait(false))
        {
            await consumer.StartAsync(HarnessSettings.StartTimeout).ConfigureAwait(false);
            await Task.Delay(settings.Warmup).ConfigureAwait(false);
            var self = Process.GetCurrentProcess();
            long startEvents = consumer.Received;
            var startCpu = self.TotalProcessorTime;
            var startServerCpu = simulator.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            await Task.Delay(settings.Duration).ConfigureAwait(false);
            long events = consumer.Received - startEvents;
            var elapsed = Stopwatch.GetElapsedTime(start);
            self.Refresh();
            var cpu = self.TotalProcessorTime - startCpu;
            var serverCpu = simulator.TotalProcessorTime - startServerCpu;
            return new ThroughputSample(
                events / elapsed.TotalSeconds,
                cpu.TotalNanoseconds / Math.Max(1, events),
                serverCpu.TotalNanoseconds / Math.Max(1, events));
        }
    }

    /// <summary>The median of each figure on its own.</summary>
    private static ThroughputSample Median(List<ThroughputSample> samples) => new(
        Median(samples, sample => sample.EventsPerSecond),
        Median(samples, sample => sample.ClientCpuNsPerEvent),
        Median(samples, sample => sample.ServerCpuNsPerEvent));

    private static double Median(List<ThroughputSample> samples, Func<ThroughputSample, double> figure) =>
        samples.Select(figure).Order().ElementAt(samples.Count / 2);
}
