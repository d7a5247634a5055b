using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Jackpot.Reactive.Tests.Loopback;

namespace Jackpot.Reactive.Tests.Transport;

/// <summary>A request as the loopback server saw it.</summary>
internal sealed record RecordedRequest(string Path, string? LastEventId, string? Accept, string? CacheControl, string? Custom);

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, for loopback tests. Endpoints are mapped by the test. It records
/// every request and counts the requests still open (a request ends when its handler returns, which the SSE handlers do
/// when <see cref="HttpContext.RequestAborted"/> fires, i.e. when the client disconnects).
/// </summary>
internal sealed class LoopbackSseServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ReplaySubject<RecordedRequest> _requests = new();
    private readonly BehaviorSubject<int> _openRequests = new(0);
    private readonly Lock _gate = new();
    private int _openCount;

    private LoopbackSseServer(Action<WebApplication> mapEndpoints)
    {
        _app = LoopbackHost.CreateBuilder().Build();
        _app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers;
            Record(new RecordedRequest(
                context.Request.Path,
                headers.TryGetValue("Last-Event-ID", out var id) ? id.ToString() : null,
                headers.Accept.ToString(),
                headers.CacheControl.ToString(),
                headers.TryGetValue("X-Custom", out var custom) ? custom.ToString() : null));
            ChangeOpenCount(+1);
            try
            {
                await next(context);
            }
            finally
            {
                ChangeOpenCount(-1);
            }
        });
        mapEndpoints(_app);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request, replayed to late subscribers.</summary>
    public IObservable<RecordedRequest> Requests => _requests.AsObservable();

    /// <summary>The number of requests in progress, replaying the current one.</summary>
    public IObservable<int> OpenRequests => _openRequests.AsObservable();

    public static async Task<LoopbackSseServer> StartAsync(Action<WebApplication> mapEndpoints)
    {
        var server = new LoopbackSseServer(mapEndpoints);
        server.BaseAddress = await LoopbackHost.StartAsync(server._app);
        return server;
    }

    public Uri UriFor(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _requests.Dispose();
        _openRequests.Dispose();
    }

    private void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.OnNext(request);
        }
    }

    private void ChangeOpenCount(int delta)
    {
        lock (_gate)
        {
            _openCount += delta;
            _openRequests.OnNext(_openCount);
        }
    }
}
