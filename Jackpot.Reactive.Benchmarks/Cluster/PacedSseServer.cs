using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Benchmarks.Cluster;

/// <summary>
/// An SSE server on loopback that writes <c>jackpot_value</c> events at a fixed rate to every stream, the event's number
/// as its value and id, and remembers when it wrote each (<see cref="Stopwatch"/> ticks): the start of the fan-out latency.
/// Channels whose name contains <c>_user_</c> get an open stream and no events (idle channels).
/// </summary>
internal sealed class PacedSseServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, long> _writtenAt = new();

    private PacedSseServer(int eventsPerSecond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/subscribe", (HttpContext context) => StreamAsync(context, eventsPerSecond));
    }

    public Uri SubscribeUri { get; private set; } = null!;

    public static async Task<PacedSseServer> StartAsync(int eventsPerSecond)
    {
        var server = new PacedSseServer(eventsPerSecond);
        await server._app.StartAsync().ConfigureAwait(false);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.SubscribeUri = new Uri(new Uri(address), "/subscribe");
        return server;
    }

    /// <summary>Returns when event <paramref name="number"/> was written, in <see cref="Stopwatch"/> ticks, or null.</summary>
    public long? WrittenAt(long number) => _writtenAt.TryGetValue(number, out long at) ? at : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, int eventsPerSecond)
    {
        string channel = context.Request.Query["channel"].ToString();
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            if (channel.Contains("_user_", StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
            }

            long number = long.TryParse(context.Request.Headers["Last-Event-ID"], CultureInfo.InvariantCulture, out long last) ? last : 0;
            var started = Stopwatch.GetTimestamp();
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
            while (await tick.WaitForNextTickAsync(context.RequestAborted).ConfigureAwait(false))
            {
                long due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * eventsPerSecond);
                for (long written = 0; number < due && written < 10; written++)
                {
                    number++;
                    string value = number.ToString(CultureInfo.InvariantCulture);
                    _writtenAt[number] = Stopwatch.GetTimestamp();
                    await context.Response.WriteAsync(
                        $"id: {value}\ndata: {{\"reason\":\"jackpot_value\",\"jackpotInstance\":\"J1_1\",\"jackpot\":\"J1\",\"channel\":\"{channel}\",\"currency\":\"EUR\",\"value\":\"{value}\"}}\n\n",
                        context.RequestAborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }
}
