using System.Net.ServerSentEvents;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// <see cref="SseEventParser"/> against <see cref="SseParser"/> on the same bytes. Both read every event's type, id and
/// data length, so neither can skip work; ours is fed the bytes in 4 KiB chunks, as a network read would deliver them,
/// while SseParser reads them from a <see cref="MemoryStream"/>. Figures are per event (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ParserBenchmarks
{
    private const int Frames = 1000;
    private const int ChunkSize = 4096;
    private const string DataOnly = "DataOnly";
    private const string WithIdAndEvent = "WithIdAndEvent";
    private const string SampleJson =
        "{\"reason\":\"jackpot_value\",\"jackpotInstance\":\"f8f21i6__12\",\"jackpot\":\"f8f21i6\","
        + "\"channel\":\"8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15-9fc1-42bb-8d96-e65c1d17feac\","
        + "\"currency\":\"EUR\",\"value\":\"1,408.20\"}";

    private readonly SseEventParser _longLivedParser = new();
    private readonly SummingHandler _longLivedHandler = new();
    private byte[] _dataOnlyStream = [];
    private byte[] _withIdAndEventStream = [];

    [GlobalSetup]
    public void Setup()
    {
        var dataOnly = new StringBuilder();
        var withIdAndEvent = new StringBuilder();
        for (var i = 1; i <= Frames; i++)
        {
            dataOnly.Append("data: ").Append(SampleJson).Append("\n\n");
            withIdAndEvent
                .Append("id: ").Append(i).Append('\n')
                .Append("event: ").Append(i % 10 == 0 ? "jackpot_won_other" : "jackpot_value").Append('\n')
                .Append("data: ").Append(SampleJson).Append("\n\n");
        }

        _dataOnlyStream = Encoding.UTF8.GetBytes(dataOnly.ToString());
        _withIdAndEventStream = Encoding.UTF8.GetBytes(withIdAndEvent.ToString());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    [BenchmarkCategory(DataOnly)]
    public long SseParser_DataOnly() => RunSseParser(_dataOnlyStream);

    [Benchmark(OperationsPerInvoke = Frames)]
    [BenchmarkCategory(DataOnly)]
    public long SseEventParser_DataOnly() => RunSseEventParser(new SseEventParser(), new SummingHandler(), _dataOnlyStream);

    [Benchmark(OperationsPerInvoke = Frames)]
    [BenchmarkCategory(DataOnly)]
    public long SseEventParser_LongLived_DataOnly() => RunSseEventParser(_longLivedParser, _longLivedHandler, _dataOnlyStream);

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    [BenchmarkCategory(WithIdAndEvent)]
    public long SseParser_WithIdAndEvent() => RunSseParser(_withIdAndEventStream);

    [Benchmark(OperationsPerInvoke = Frames)]
    [BenchmarkCategory(WithIdAndEvent)]
    public long SseEventParser_WithIdAndEvent() => RunSseEventParser(new SseEventParser(), new SummingHandler(), _withIdAndEventStream);

    private static long RunSseParser(byte[] stream)
    {
        using var input = new MemoryStream(stream, writable: false);
        long total = 0;
        foreach (var item in SseParser.Create(input, static (_, data) => data.Length).Enumerate())
        {
            total += 1 + item.Data + item.EventType.Length + (item.EventId?.Length ?? 0);
        }

        return total;
    }

    private static long RunSseEventParser(SseEventParser parser, SummingHandler handler, byte[] stream)
    {
        handler.Total = 0;
        for (var offset = 0; offset < stream.Length; offset += ChunkSize)
        {
            parser.Parse(stream.AsSpan(offset, Math.Min(ChunkSize, stream.Length - offset)), handler);
        }

        parser.EndOfStream();
        return handler.Total;
    }

    private sealed class SummingHandler : ISseEventHandler
    {
        public long Total { get; set; }

        public void OnEvent(in SseEvent sseEvent) =>
            Total += 1 + sseEvent.Data.Length + sseEvent.EventType.Length + sseEvent.LastEventId.Length;

        public void OnComment(ReadOnlySpan<byte> comment) => Total += comment.Length;

        public void OnRetry(TimeSpan reconnectionTime) => Total++;
    }
}
