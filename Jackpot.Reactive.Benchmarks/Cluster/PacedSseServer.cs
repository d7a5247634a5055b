using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Jackpot.Reactive.TestServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jackpot.Reactive.Benchmarks.Cluster;

/// <summary>
/// The cluster benchmark's SSE stream, on the shared <see cref="SseTestServer"/>: <c>jackpot_value</c> events at a
/// fixed rate (<see cref="SsePacer"/>) to every stream, the event's number as its value and id (resuming after
/// <c>Last-Event-ID</c>), remembering when it wrote each (<see cref="Stopwatch"/> ticks): the start of the fan-out
/// latency. Channels whose name contains <c>_user_</c> get an open stream and no events (idle channels).
/// </summary>
internal sealed class PacedSseServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, long> _writtenAt = new();
    private SseTestServer _server = null!;

    public Uri SubscribeUri => _server.SubscribeUri;

    public static async Task<PacedSseServer> StartAsync(int eventsPerSecond)
    {
        var paced = new PacedSseServer();
        paced._server = await SseTestServer.StartAsync(app => app.MapGet("/subscribe", context => paced.StreamAsync(context, eventsPerSecond))).ConfigureAwait(false);
        return paced;
    }

    /// <summary>Returns when event <paramref name="number"/> was written, in <see cref="Stopwatch"/> ticks, or null.</summary>
    public long? WrittenAt(long number) => _writtenAt.TryGetValue(number, out long at) ? at : null;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task StreamAsync(HttpContext context, int eventsPerSecond)
    {
        string channel = context.Request.Query["channel"].ToString();
        await SseResponse.StartEventStreamAsync(context).ConfigureAwait(false);
        if (channel.Contains("_user_", StringComparison.Ordinal))
        {
            await SseResponse.HoldUntilClientLeavesAsync(context).ConfigureAwait(false);
            return;
        }

        long number = long.TryParse(context.Request.Headers["Last-Event-ID"], CultureInfo.InvariantCulture, out long last) ? last : 0;
        await SsePacer.RunAsync(eventsPerSecond, async cancellationToken =>
        {
            number++;
            string value = number.ToString(CultureInfo.InvariantCulture);
            _writtenAt[number] = Stopwatch.GetTimestamp();
            await context.Response.WriteAsync(
                $"id: {value}\ndata: {{\"reason\":\"jackpot_value\",\"jackpotInstance\":\"J1_1\",\"jackpot\":\"J1\",\"channel\":\"{channel}\",\"currency\":\"EUR\",\"value\":\"{value}\"}}\n\n",
                cancellationToken).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }, context.RequestAborted).ConfigureAwait(false);
    }
}
