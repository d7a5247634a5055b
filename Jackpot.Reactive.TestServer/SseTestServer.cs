using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.TestServer;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, for loopback tests and benchmarks. A test either maps endpoints
/// itself or scripts the answers request by request (the n-th request, 0-based, is answered by the handler given its
/// index); <see cref="SseResponse"/> writes the event stream, raw bytes, or resets the connection. Every request is
/// logged (<see cref="Log"/>: path, query and headers such as <c>Last-Event-ID</c>) and counted while it is open; a
/// request ends when its handler returns, which the SSE handlers do when the client goes away.
/// </summary>
/// <remarks>Request headers are decoded as UTF-8, as the SSE specification sends <c>Last-Event-ID</c>.</remarks>
public sealed class SseTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SseTestServer(Action<WebApplication> mapEndpoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(options => options.RequestHeaderEncodingSelector = _ => Encoding.UTF8);
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            var request = context.Request;
            var recorded = Log.Add(
                request.Path,
                request.QueryString.Value ?? string.Empty,
                request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            context.Items[typeof(SseTestRequest)] = recorded;
            Log.ChangeOpenCount(+1);
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                Log.ChangeOpenCount(-1);
            }
        });
        mapEndpoints(_app);
    }

    /// <summary>The server's address (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The service's subscribe address on this server (<c>/subscribe</c>).</summary>
    public Uri SubscribeUri => UriFor("/subscribe");

    /// <summary>Every request the server received.</summary>
    public SseRequestLog Log { get; } = new();

    /// <summary>The requests so far.</summary>
    public IReadOnlyList<SseTestRequest> Requests => Log.Requests;

    /// <summary>Every request, replayed to late subscribers, then as it arrives.</summary>
    public IObservable<SseTestRequest> RequestStream => Log.RequestStream;

    /// <summary>The number of requests in progress, replaying the current one.</summary>
    public IObservable<int> OpenRequests => Log.OpenRequests;

    /// <summary>Starts a server whose endpoints <paramref name="mapEndpoints"/> maps.</summary>
    public static async Task<SseTestServer> StartAsync(Action<WebApplication> mapEndpoints)
    {
        ArgumentNullException.ThrowIfNull(mapEndpoints);
        var server = new SseTestServer(mapEndpoints);
        try
        {
            await server._app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        string address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>Starts a server that answers every request, whatever its path, with <paramref name="respond"/>,
    /// given the request's index (0 for the first).</summary>
    public static Task<SseTestServer> StartAsync(Func<int, HttpContext, Task> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        return StartAsync(app => app.Run(context => respond(RequestOf(context).Index, context)));
    }

    /// <summary>The logged request being answered in <paramref name="context"/>.</summary>
    public static SseTestRequest RequestOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (SseTestRequest)context.Items[typeof(SseTestRequest)]!;
    }

    /// <summary>An address on this server.</summary>
    public Uri UriFor(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>Stops the server (open streams see their client go away) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Log.Dispose();
    }
}
