using System.Buffers.Text;
using System.Diagnostics;
using System.Text;
using Jackpot.Reactive.TestServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// The SSE stream for latency, on the shared <see cref="SseTestServer"/>: each stream receives <c>jackpot_value</c>
/// events at a fixed rate (<see cref="SsePacer"/>), each written and flushed on its own, its <c>value</c> the
/// <see cref="Stopwatch.GetTimestamp"/> taken just before the write.
/// </summary>
/// <remarks>
/// The simulator has no timestamped mode, hence this stream. It runs in the benchmark process so that both ends read the
/// same monotonic clock; each event's timestamp is its own write time, so the pacer's catching up does not bias the latency.
/// </remarks>
internal sealed class LatencyServer : IAsyncDisposable
{
    private readonly SseTestServer _server;

    private LatencyServer(SseTestServer server) => _server = server;

    public Uri SubscribeUri => _server.SubscribeUri;

    public static async Task<LatencyServer> StartAsync(int eventsPerSecond)
    {
        var server = await SseTestServer.StartAsync(app => app.MapGet("/subscribe", context => StreamAsync(context, eventsPerSecond))).ConfigureAwait(false);
        return new LatencyServer(server);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static async Task StreamAsync(HttpContext context, int eventsPerSecond)
    {
        string channel = context.Request.Query["channel"].ToString();
        await SseResponse.StartEventStreamAsync(context).ConfigureAwait(false);
        byte[] head = Encoding.UTF8.GetBytes(
            "{\"reason\":\"jackpot_value\",\"jackpotInstance\":\"lat_1\",\"jackpot\":\"lat\",\"channel\":\"" + channel
            + "\",\"currency\":\"EUR\",\"value\":\"");
        byte[] tail = "\"}\n\n"u8.ToArray();
        long id = 0;
        var writer = context.Response.BodyWriter;
        await SsePacer.RunAsync(eventsPerSecond, async cancellationToken =>
        {
            var span = writer.GetSpan(64 + head.Length + tail.Length);
            int length = Write("id: "u8, span);
            Utf8Formatter.TryFormat(++id, span[length..], out int written);
            length += written;
            length += Write("\ndata: "u8, span[length..]);
            length += Write(head, span[length..]);
            Utf8Formatter.TryFormat(Stopwatch.GetTimestamp(), span[length..], out written);
            length += written;
            length += Write(tail, span[length..]);
            writer.Advance(length);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }, context.RequestAborted).ConfigureAwait(false);
    }

    private static int Write(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
