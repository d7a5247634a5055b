using System.Diagnostics;
using System.Globalization;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>Latency percentiles of one consumer, in microseconds.</summary>
internal sealed record LatencySample(double P50Microseconds, double P99Microseconds, double MaxMicroseconds, int Count);

/// <summary>Ours against the naive consumer, medians of the runs.</summary>
internal sealed record LatencyResult(LatencySample Ours, LatencySample Naive);

/// <summary>
/// Server write → <c>OnNext</c> latency at a fixed rate over loopback: <see cref="LatencyServer"/> stamps each event with
/// the time of its write; the consumer subtracts it from the time its <c>OnNext</c> runs. Ours and the naive consumer
/// are measured side by side, each on its own stream.
/// </summary>
internal static class LatencyMeasurement
{
    private static readonly JackpotGroupId Group = new("latency");

    public static async Task<LatencyResult> RunAsync(HarnessSettings settings, TextWriter log)
    {
        await using var server = await LatencyServer.StartAsync(settings.LatencyRate).ConfigureAwait(false);
        var workspace = new WorkspaceId("bench");
        var channelUri = JackpotPushEndpoint.BuildSubscribeUri(ChannelName.Broadcast(workspace, Group), server.SubscribeUri);
        var ours = new List<LatencySample>();
        var naive = new List<LatencySample>();
        int runs = Math.Max(1, settings.Runs - 1);
        for (int run = 0; run < runs; run++)
        {
            // Both consumers read their own stream of the same server at the same time, so a burst of load from
            // elsewhere on the machine hits both alike.
            var ourRecorder = new LatencyRecorder(settings);
            var naiveRecorder = new LatencyRecorder(settings);
            var our = new JackpotClientConsumer(server.SubscribeUri, workspace, Group, e => ourRecorder.Record(e.RawValue));
            var their = new NaiveConsumer(channelUri, dto => naiveRecorder.Record(dto.Value));
            await using (our.ConfigureAwait(false))
            await using (their.ConfigureAwait(false))
            {
                await Task.WhenAll(our.StartAsync(HarnessSettings.StartTimeout), their.StartAsync(HarnessSettings.StartTimeout)).ConfigureAwait(false);
                await Task.Delay(settings.Warmup).ConfigureAwait(false);
                ourRecorder.Start();
                naiveRecorder.Start();
                await Task.Delay(settings.LatencyDuration).ConfigureAwait(false);
                ours.Add(ourRecorder.Stop());
                naive.Add(naiveRecorder.Stop());
            }

            log.WriteLine(
                $"  latency run {run + 1}: JackpotPushClient p50 {ours[^1].P50Microseconds:F0} µs p99 {ours[^1].P99Microseconds:F0} µs ({ours[^1].Count} events), "
                + $"naive p50 {naive[^1].P50Microseconds:F0} µs p99 {naive[^1].P99Microseconds:F0} µs ({naive[^1].Count} events)");
        }

        return new LatencyResult(Median(ours), Median(naive));
    }

    private static LatencySample Median(List<LatencySample> samples) => new(
        samples.Select(s => s.P50Microseconds).Order().ElementAt(samples.Count / 2),
        samples.Select(s => s.P99Microseconds).Order().ElementAt(samples.Count / 2),
        samples.Max(s => s.MaxMicroseconds),
        samples.Sum(s => s.Count));

    /// <summary>Collects latencies into a preallocated array (no allocation on the measured path).</summary>
    private sealed class LatencyRecorder(HarnessSettings settings)
    {
        private readonly long[] _ticks = new long[(int)(settings.LatencyDuration.TotalSeconds * settings.LatencyRate * 2) + 1000];
        private volatile bool _recording;
        private int _count;

        public void Record(string? writtenAt)
        {
            long now = Stopwatch.GetTimestamp();
            if (_recording && _count < _ticks.Length && long.TryParse(writtenAt, NumberStyles.None, CultureInfo.InvariantCulture, out long written))
            {
                _ticks[_count++] = now - written;
            }
        }

        public void Start() => _recording = true;

        public LatencySample Stop()
        {
            _recording = false;
            Thread.MemoryBarrier();
            var ticks = _ticks.AsSpan(0, _count);
            ticks.Sort();
            if (ticks.Length == 0)
            {
                throw new InvalidOperationException("No event arrived during the latency measurement.");
            }

            return new LatencySample(
                Microseconds(ticks[(int)(ticks.Length * 0.50)]),
                Microseconds(ticks[Math.Min(ticks.Length - 1, (int)(ticks.Length * 0.99))]),
                Microseconds(ticks[^1]),
                ticks.Length);
        }

        private static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
    }
}
