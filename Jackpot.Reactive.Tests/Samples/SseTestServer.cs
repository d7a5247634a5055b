using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Jackpot.Reactive.Tests.Loopback;

namespace Jackpot.Reactive.Tests.Samples;

/// <summary>A request as the test server saw it.</summary>
internal sealed record RecordedRequest(string RawQuery, IReadOnlyDictionary<string, string[]> Query, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A Kestrel server on 127.0.0.1 and a free port whose answers a test scripts request by request (the n-th request,
/// 0-based, is answered by the handler given its index), recording every request's raw query and headers.
/// </summary>
internal sealed class SseTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _requestCount;

    private SseTestServer(WebApplication app) => _app = app;

    public Uri SubscribeUri { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<SseTestServer> StartAsync(Func<int, HttpContext, Task> respond)
    {
        var app = LoopbackHost.CreateBuilder().Build();
        var server = new SseTestServer(app);
        app.Run(async context =>
        {
            int index = Interlocked.Increment(ref server._requestCount) - 1;
            server._requests.Enqueue(new RecordedRequest(
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.Select(value => value ?? string.Empty).ToArray()),
                context.Request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await respond(index, context);
        });
        server.SubscribeUri = new Uri(await LoopbackHost.StartAsync(app), "/subscribe");
        return server;
    }

    /// <summary>Starts an event stream and writes <paramref name="frames"/> (raw SSE text), then keeps the stream open
    /// until the client goes away, or ends it when <paramref name="endStream"/> is set.</summary>
    public static async Task StreamAsync(HttpContext context, string frames, bool endStream = false)
    {
        await LoopbackHost.StartEventStreamAsync(context);
        await LoopbackHost.SendAsync(context, frames);
        if (!endStream)
        {
            await LoopbackHost.HoldUntilClientLeavesAsync(context);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
