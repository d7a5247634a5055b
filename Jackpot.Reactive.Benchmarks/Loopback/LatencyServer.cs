using System.Buffers.Text;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// A tiny SSE server on Kestrel for latency: each stream receives <c>jackpot_value</c> events at a fixed rate, each
/// written and flushed on its own, its <c>value</c> the <see cref="Stopwatch.GetTimestamp"/> taken just before the write.
/// </summary>
/// <remarks>
/// The simulator has no timestamped mode, hence this server. It runs in the benchmark process so that both ends read the
/// same monotonic clock. The pacing loop sleeps in 1 ms steps and catches up when a step overshoots, so the rate is kept
/// on average; each event's timestamp is its own write time, so catching up does not bias the latency.
/// </remarks>
internal sealed class LatencyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _eventsPerSecond;

    private LatencyServer(WebApplication app, int eventsPerSecond)
    {
        _app = app;
        _eventsPerSecond = eventsPerSecond;
    }

    public Uri SubscribeUri { get; private set; } = new("http://127.0.0.1/");

    public static async Task<LatencyServer> StartAsync(int eventsPerSecond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LatencyServer(app, eventsPerSecond);
        app.MapGet("/subscribe", server.StreamAsync);
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.SubscribeUri = new Uri(new Uri(address), "/subscribe");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context)
    {
        string channel = context.Request.Query["channel"].ToString();
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        byte[] head = Encoding.UTF8.GetBytes(
            "{\"reason\":\"jackpot_value\",\"jackpotInstance\":\"lat_1\",\"jackpot\":\"lat\",\"channel\":\"" + channel
            + "\",\"currency\":\"EUR\",\"value\":\"");
        byte[] tail = "\"}\n\n"u8.ToArray();
        long period = Stopwatch.Frequency / _eventsPerSecond;
        long due = Stopwatch.GetTimestamp();
        long id = 0;
        var writer = response.BodyWriter;
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                long now = Stopwatch.GetTimestamp();
                if (now < due)
                {
                    await Task.Delay(1, context.RequestAborted).ConfigureAwait(false);
                    continue;
                }

                // After a long stall (a GC, the machine busy elsewhere) start afresh instead of bursting.
                due = now - due > 50 * period ? now + period : due + period;
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
                await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static int Write(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
