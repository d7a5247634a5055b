using System.Net.ServerSentEvents;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// The in-memory pipeline a jackpot front end runs, from the bytes of a broadcast channel to a board: SSE parsing,
/// decoding, per-jackpot throttling, instance-change detection (consumed beside the board), merging with a player stream
/// and folding into a board; against the straightforward composition a good developer would write with
/// <see cref="SseParser"/>, System.Text.Json, a <see cref="Subject{T}"/> and Rx <c>GroupBy</c>/<c>Sample</c>.
/// </summary>
/// <remarks>
/// Each invocation builds a fresh pipeline and pushes <see cref="Events"/> events (about 0.9 MB, small enough to stay in
/// the caches of a shared machine) through it on one thread; the timers run
/// on a <see cref="HistoricalScheduler"/> advanced by <see cref="Tick"/> every <see cref="EventsPerTick"/> events, so
/// throttled values, samples and board updates really happen. The "floor" category is parsing and decoding alone.
/// Figures are per event (OperationsPerInvoke): events/s on one core is 1 s divided by the time per event.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PipelineBenchmarks
{
    internal const string PipelineCategory = "Pipeline";
    internal const string FloorCategory = "Parse+decode";
    internal const int Events = 4_000;
    private const int Jackpots = 3;
    private const int EventsPerWin = 1_000;
    private const int ChunkSize = 16 * 1024;
    private const int EventsPerTick = 16;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ReconcileWindow = TimeSpan.FromSeconds(2);

    private byte[] _stream = [];

    [GlobalSetup]
    public void Setup() => _stream = FeedStream.Create(Events, Jackpots, EventsPerWin);

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    [BenchmarkCategory(PipelineCategory)]
    public int Straightforward()
    {
        var scheduler = new HistoricalScheduler();
        var source = new Subject<JackpotEventDto>();
        var player = new Subject<JackpotEventDto>();
        var result = new PipelineResult();
        var throttled = StraightforwardPipeline.Throttle(source, Interval, scheduler).Publish();
        using (StraightforwardPipeline.InstanceChanges(throttled).Subscribe(_ => result.Changes++))
        using (StraightforwardPipeline.Board(throttled.Merge(player)).Subscribe(board => result.BoardSize = board.Count))
        using (throttled.Connect())
        {
            using var input = new MemoryStream(_stream, writable: false);
            int count = 0;
            foreach (var item in SseParser.Create(input, static (_, data) => JsonSerializer.Deserialize(data, JackpotEventDtoJsonContext.Default.JackpotEventDto)).Enumerate())
            {
                if (item.Data is { } dto)
                {
                    source.OnNext(dto);
                }

                if (++count % EventsPerTick == 0)
                {
                    scheduler.AdvanceBy(Tick);
                }
            }
        }

        return result.Changes + result.BoardSize;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    [BenchmarkCategory(PipelineCategory)]
    public int JackpotReactive()
    {
        var scheduler = new HistoricalScheduler();
        var source = new Subject<JackpotEvent>();
        var player = new Subject<JackpotEvent>();
        var result = new PipelineResult();
        var throttled = source.ThrottleValues(Interval, scheduler).Publish();
        using (throttled.DetectInstanceChanges().Subscribe(_ => result.Changes++))
        using (throttled.MergePlayerWins(player, ReconcileWindow, scheduler).ToBoard().Subscribe(board => result.BoardSize = board.Count))
        using (throttled.Connect())
        {
            Feed(new DecodingHandler(source, scheduler));
        }

        return result.Changes + result.BoardSize;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    [BenchmarkCategory(FloorCategory)]
    public int SseParserAndSystemTextJson()
    {
        using var input = new MemoryStream(_stream, writable: false);
        int total = 0;
        foreach (var item in SseParser.Create(input, static (_, data) => JsonSerializer.Deserialize(data, JackpotEventDtoJsonContext.Default.JackpotEventDto)).Enumerate())
        {
            total += item.Data?.Value?.Length ?? 0;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    [BenchmarkCategory(FloorCategory)]
    public int SseEventParserAndJackpotEventParse()
    {
        var handler = new CountingDecoder();
        Feed(handler);
        return handler.Total;
    }

    private void Feed(ISseEventHandler handler)
    {
        var parser = new SseEventParser();
        for (int offset = 0; offset < _stream.Length; offset += ChunkSize)
        {
            parser.Parse(_stream.AsSpan(offset, Math.Min(ChunkSize, _stream.Length - offset)), handler);
        }

        parser.EndOfStream();
    }

    private sealed class PipelineResult
    {
        public int Changes { get; set; }

        public int BoardSize { get; set; }
    }

    /// <summary>Decodes each event into the pipeline's subject and advances virtual time as the baseline does.</summary>
    private sealed class DecodingHandler(Subject<JackpotEvent> source, HistoricalScheduler scheduler) : ISseEventHandler
    {
        private int _count;

        public void OnEvent(in SseEvent sseEvent)
        {
            if (JackpotEvent.TryParse(sseEvent.Data.Span, out var jackpotEvent))
            {
                source.OnNext(jackpotEvent);
            }

            if (++_count % EventsPerTick == 0)
            {
                scheduler.AdvanceBy(Tick);
            }
        }

        public void OnComment(ReadOnlySpan<byte> comment)
        {
        }

        public void OnRetry(TimeSpan reconnectionTime)
        {
        }
    }

    private sealed class CountingDecoder : ISseEventHandler
    {
        public int Total { get; private set; }

        public void OnEvent(in SseEvent sseEvent)
        {
            if (JackpotEvent.TryParse(sseEvent.Data.Span, out var jackpotEvent))
            {
                Total += jackpotEvent.RawValue.Length;
            }
        }

        public void OnComment(ReadOnlySpan<byte> comment)
        {
        }

        public void OnRetry(TimeSpan reconnectionTime)
        {
        }
    }
}
