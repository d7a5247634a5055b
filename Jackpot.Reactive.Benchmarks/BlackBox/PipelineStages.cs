using System.Net.ServerSentEvents;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text.Json;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>
/// Where the client's time per event goes, without a socket: the black-box stream's bytes (in memory, fed in
/// <see cref="ChunkBytes"/> chunks, as reads return them) through each stage on one thread, timed by that thread's CPU
/// clock, with the bytes allocated: the parser alone, parser + decoder, the whole <see cref="JackpotPushClient"/> over
/// an in-memory transport, and the bcl baseline (<see cref="SseParser"/> + STJ source-gen). Run it with
/// <c>profile stages [seconds]</c>; the difference between "client" and "parse + decode" is the channel's own
/// bookkeeping, and the black-box CPU per event minus "client" is the socket and HTTP path.
/// </summary>
internal static class PipelineStages
{
    private const int Events = 50_000;
    private const int ChunkBytes = 16 * 1024;

    public static void Run(TimeSpan duration)
    {
        byte[] stream = CreateStream();
        Console.WriteLine($"stages: {Events:N0} events, {stream.Length / (double)Events:F0} B each, {ChunkBytes / 1024} KiB chunks; load {LoadAverage.Read()}");
        var stages = new (string Name, Func<byte[], long> Run)[]
        {
            ("parse", ParseOnly),
            ("parse + decode", ParseAndDecode),
            ("client (JackpotPushClient, in-memory transport)", Client),
            ("bcl: SseParser + STJ source-gen", Bcl),
        };
        foreach (var (name, run) in stages)
        {
            run(stream);
        }

        foreach (int _ in Enumerable.Range(0, 3))
        {
            foreach (var (name, run) in stages)
            {
                long events = 0;
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                long cpu = ThreadCpuClock.Instance.GetTimestamp();
                var until = DateTime.UtcNow + (duration / (3 * stages.Length));
                while (DateTime.UtcNow < until)
                {
                    events += run(stream);
                }

                double nanoseconds = ThreadCpuClock.Instance.GetTimestamp() - cpu;
                Console.WriteLine($"  {name,-50} {nanoseconds / events,7:F0} ns CPU/event {(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)events,7:F0} B/event");
            }
        }
    }

    private static byte[] CreateStream()
    {
        var generator = new BlackBoxStream(ChannelName.Broadcast(new WorkspaceId(BlackBoxConsumers.Workspace), new JackpotGroupId(BlackBoxConsumers.Group)).RawValue);
        var bytes = new MemoryStream();
        var frame = new byte[BlackBoxStream.MaxFrameBytes];
        for (int i = 0; i < Events; i++)
        {
            bytes.Write(frame, 0, generator.WriteNext(frame, stamp: null));
        }

        return bytes.ToArray();
    }

    private static long ParseOnly(byte[] stream)
    {
        var handler = new CountingHandler(decode: false);
        Feed(stream, handler);
        return handler.Count;
    }

    private static long ParseAndDecode(byte[] stream)
    {
        var handler = new CountingHandler(decode: true);
        Feed(stream, handler);
        return handler.Count;
    }

    private static void Feed(byte[] stream, CountingHandler handler)
    {
        var parser = new SseEventParser();
        for (int offset = 0; offset < stream.Length; offset += ChunkBytes)
        {
            parser.Parse(stream.AsSpan(offset, Math.Min(ChunkBytes, stream.Length - offset)), handler);
        }
    }

    private static long Client(byte[] stream)
    {
        long count = 0;
        using var client = new JackpotPushClient(
            new JackpotPushClientOptions { Workspace = new WorkspaceId(BlackBoxConsumers.Workspace) },
            new MemoryTransport(stream),
            scheduler: null,
            loggerFactory: null);
        using var subscription = client.Broadcast(new JackpotGroupId(BlackBoxConsumers.Group)).Subscribe(_ => count++);
        return count;
    }

    private static long Bcl(byte[] stream)
    {
        long count = 0;
        var parser = SseParser.Create(new MemoryStream(stream), static (_, data) => JsonSerializer.Deserialize(data, JackpotEventDtoJsonContext.Default.JackpotEventDto));
        foreach (var item in parser.Enumerate())
        {
            if (item.Data is not null)
            {
                count++;
            }
        }

        return count;
    }

    private sealed class CountingHandler(bool decode) : ISseEventHandler
    {
        public long Count { get; private set; }

        public void OnEvent(in SseEvent sseEvent)
        {
            if (!decode || JackpotEvent.TryParse(sseEvent.Data.Span, out _, out _))
            {
                Count++;
            }
        }

        public void OnComment(ReadOnlySpan<byte> comment)
        {
        }

        public void OnRetry(TimeSpan reconnectionTime)
        {
        }
    }

    /// <summary>Opens, then delivers the whole stream synchronously in chunks, then stays open.</summary>
    private sealed class MemoryTransport(byte[] stream) : ISseTransport
    {
        public IObservable<SseTransportChunk> Connect(SseRequest request) => Observable.Create<SseTransportChunk>(observer =>
        {
            observer.OnNext(SseTransportChunk.Opened);
            for (int offset = 0; offset < stream.Length; offset += ChunkBytes)
            {
                observer.OnNext(SseTransportChunk.FromData(stream.AsMemory(offset, Math.Min(ChunkBytes, stream.Length - offset))));
            }

            return Disposable.Empty;
        });
    }
}
