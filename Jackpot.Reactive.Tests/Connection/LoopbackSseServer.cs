using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Tests.Connection;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The SSE specification sends Last-Event-ID as UTF-8; the server decodes it so.
        builder.WebHost.ConfigureKestrel(options => options.RequestHeaderEncodingSelector = _ => Encoding.UTF8);
        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
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
        await server._app.StartAsync(TestContext.Current.CancellationToken);
        string address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public Uri UriFor(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>Starts an event stream: 200, text/event-stream, headers flushed.</summary>
    public static async Task StartEventStreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public static async Task SendAsync(HttpContext context, string text)
    {
        await context.Response.WriteAsync(text, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Keeps the response open until the client goes away.</summary>
    public static async Task HoldUntilClientLeavesAsync(HttpContext context)
    {
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (context.RequestAborted.Register(() => left.TrySetResult()))
        {
            await left.Task;
        }
    }

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
