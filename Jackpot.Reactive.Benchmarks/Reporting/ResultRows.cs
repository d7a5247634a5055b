namespace Jackpot.Reactive.Benchmarks;

/// <summary>Turns the measurements into the rows of the goals table (the goals are those of the benchmarks issue).</summary>
internal static class ResultRows
{
    private const double GoalPipelineEventsPerSecond = 3e6;
    private const double GoalLoopbackEventsPerSecond = 1.3e6;
    private const double GoalOperatorNanoseconds = 150;
    private const double GoalDecodeBytes = 128;
    private const double GoalLatencyP99Microseconds = 1000;
    private const double GoalIdleChannelKilobytes = 16;

    public static IEnumerable<GoalRow> Micro(MicroResults results)
    {
        foreach (var (label, ours, theirs) in new[]
        {
            ("Parser, data-only", nameof(ParserBenchmarks.SseEventParser_DataOnly), nameof(ParserBenchmarks.SseParser_DataOnly)),
            ("Parser, id: + event: lines", nameof(ParserBenchmarks.SseEventParser_WithIdAndEvent), nameof(ParserBenchmarks.SseParser_WithIdAndEvent)),
        })
        {
            double our = PerSecond(results.Get<ParserBenchmarks>(ours).Nanoseconds);
            double their = PerSecond(results.Get<ParserBenchmarks>(theirs).Nanoseconds);
            yield return new GoalRow(label, "events/s", our, their, "SseParser", "≥ 1.0× SseParser", our / their >= 1.0);
        }

        var decode = results.Get<DecodeBenchmarks>(nameof(DecodeBenchmarks.JackpotEventParse));
        var stj = results.Get<DecodeBenchmarks>(nameof(DecodeBenchmarks.SystemTextJson));
        yield return new GoalRow("Decode (JackpotEvent.Parse)", "events/s", PerSecond(decode.Nanoseconds), PerSecond(stj.Nanoseconds), "STJ source-gen DTO", "faster than STJ", stj.Nanoseconds / decode.Nanoseconds > 1.0);
        yield return new GoalRow("Decode (JackpotEvent.Parse)", "B/event", decode.Bytes, stj.Bytes, "STJ source-gen DTO", "≤ 128 B", decode.Bytes <= GoalDecodeBytes);
        var distinct = results.Get<DecodeBenchmarks>(nameof(DecodeBenchmarks.JackpotEventParseDistinctValues));
        yield return new GoalRow("Decode, a new value every event", "B/event", distinct.Bytes, stj.Bytes, "STJ source-gen DTO", "≤ 128 B", distinct.Bytes <= GoalDecodeBytes);

        foreach (var (label, ours, theirs, theirName) in new[]
        {
            ("ThrottleValues (steady)", nameof(OperatorBenchmarks.SteadyThrottleValues), nameof(OperatorBenchmarks.SteadyRxGroupBySample), "Rx GroupBy+Sample"),
            ("DetectInstanceChanges (steady)", nameof(OperatorBenchmarks.SteadyDetectInstanceChanges), nameof(OperatorBenchmarks.SteadyNaiveScanInstanceChanges), "Rx Scan, immutable map"),
        })
        {
            var our = results.Get<OperatorBenchmarks>(ours);
            var their = results.Get<OperatorBenchmarks>(theirs);
            yield return new GoalRow(label, "ns/event", our.Nanoseconds, their.Nanoseconds, theirName, "≤ 150 ns", our.Nanoseconds <= GoalOperatorNanoseconds);
            yield return new GoalRow(label, "B/event", our.Bytes, their.Bytes, theirName, "0 B", our.Bytes == 0);
        }

        double pipeline = PerSecond(results.Get<PipelineBenchmarks>(nameof(PipelineBenchmarks.JackpotReactive)).Nanoseconds);
        double straightforward = PerSecond(results.Get<PipelineBenchmarks>(nameof(PipelineBenchmarks.Straightforward)).Nanoseconds);
        yield return new GoalRow(
            "In-memory pipeline (one core)", "events/s", pipeline, straightforward, "SseParser+STJ+Subject+GroupBy/Sample",
            "≥ 3 M/s and ≥ 1.2×", pipeline >= GoalPipelineEventsPerSecond && pipeline / straightforward >= 1.2);
        double floor = PerSecond(results.Get<PipelineBenchmarks>(nameof(PipelineBenchmarks.SseEventParserAndJackpotEventParse)).Nanoseconds);
        double floorBaseline = PerSecond(results.Get<PipelineBenchmarks>(nameof(PipelineBenchmarks.SseParserAndSystemTextJson)).Nanoseconds);
        yield return new GoalRow("Parse + decode only (one core)", "events/s", floor, floorBaseline, "SseParser+STJ", "—", null);

        foreach (int existing in new[] { 1, 10_000 })
        {
            var our = results.Get<SubscribeBenchmarks>(nameof(SubscribeBenchmarks.JackpotPushClientBroadcast), existing);
            var their = results.Get<SubscribeBenchmarks>(nameof(SubscribeBenchmarks.SubjectPublishRefCount), existing);
            yield return new GoalRow($"Subscribe + dispose, {existing:N0} existing", "ns", our.Nanoseconds, their.Nanoseconds, "Subject.Publish().RefCount()", "—", null);
        }
    }

    public static IEnumerable<GoalRow> Loopback(FloodResult flood, LatencyResult latency)
    {
        double ratio = flood.Ours.EventsPerSecond / flood.Naive.EventsPerSecond;
        yield return new GoalRow(
            "Loopback flood → JackpotPushClient", "events/s", flood.Ours.EventsPerSecond, flood.Naive.EventsPerSecond, "naive HttpClient+StreamReader+STJ+Subject",
            "≥ 1.3 M/s and ≥ 2×", flood.Ours.EventsPerSecond >= GoalLoopbackEventsPerSecond && ratio >= 2.0);
        yield return new GoalRow("Loopback flood, client CPU", "ns CPU/event", flood.Ours.ClientCpuNsPerEvent, flood.Naive.ClientCpuNsPerEvent, "naive", "—", null);
        yield return new GoalRow(
            "Loopback flood, per client CPU-second", "events/CPU-s", 1e9 / flood.Ours.ClientCpuNsPerEvent, 1e9 / flood.Naive.ClientCpuNsPerEvent, "naive", "—", null);
        yield return new GoalRow("Loopback flood, server CPU", "ns CPU/event", flood.Ours.ServerCpuNsPerEvent, flood.Naive.ServerCpuNsPerEvent, "same server, naive's run", "—", null);
        yield return new GoalRow("Latency write → OnNext, 1,000 events/s", "p50 µs", latency.Ours.P50Microseconds, latency.Naive.P50Microseconds, "naive", "—", null);
        yield return new GoalRow("Latency write → OnNext, 1,000 events/s", "p99 µs", latency.Ours.P99Microseconds, latency.Naive.P99Microseconds, "naive", "≤ 1,000 µs", latency.Ours.P99Microseconds <= GoalLatencyP99Microseconds);
    }

    public static IEnumerable<GoalRow> Scale(IReadOnlyList<IdleChannelSample> idle) =>
        idle.Select(sample => new GoalRow(
            $"Idle channel, {sample.Channels:N0} open", "KB/channel", sample.OurBytesPerChannel / 1024, sample.NaiveBytesPerChannel / 1024,
            "naive idle HttpClient+StreamReader", "≤ 16 KB", sample.OurBytesPerChannel / 1024 <= GoalIdleChannelKilobytes));

    private static double PerSecond(double nanoseconds) => 1e9 / nanoseconds;
}
