using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace Jackpot.Reactive.Samples.Wasm;

/// <summary>
/// <c>GET /subscribe</c> on the app's own origin, forwarded to the service as it streams: for a service that serves no
/// CORS at all, and for the same-origin tests. Event streams pass through unbuffered; the service's status (a 503 with
/// its <c>Retry-After</c>, a 401) reaches the browser unchanged; a service that cannot be reached is a 502, and a stream
/// the service drops is dropped.
/// </summary>
internal sealed class SubscribeProxy : IDisposable
{
    /// <summary>The path on the app's origin.</summary>
    public const string Path = "/subscribe";

    private static readonly string[] RequestHeaders = ["Accept", "Last-Event-ID", "Cache-Control"];
    private static readonly string[] ResponseHeaders = ["Cache-Control", "Retry-After"];

    private readonly Uri _service;
    private readonly HttpClient _client;

    /// <summary>Creates the proxy.</summary>
    /// <param name="service">The service's subscribe endpoint.</param>
    public SubscribeProxy(Uri service)
    {
        _service = service;
        _client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = true })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Forwards one request.</summary>
    public async Task ForwardAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var target = new UriBuilder(_service) { Query = context.Request.QueryString.Value?.TrimStart('?') ?? "" }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        foreach (string name in RequestHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var values))
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, aborted);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            foreach (string name in ResponseHeaders)
            {
                if (response.Headers.TryGetValues(name, out var values))
                    context.Response.Headers[name] = values.ToArray();
            }

            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await CopyAsync(context, response, aborted);
        }
    }

    /// <summary>Disposes the client.</summary>
    public void Dispose() => _client.Dispose();

    private static async Task CopyAsync(HttpContext context, HttpResponseMessage response, CancellationToken aborted)
    {
        try
        {
            await context.Response.StartAsync(aborted);
            await using var body = await response.Content.ReadAsStreamAsync(aborted);
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, aborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
                await context.Response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The browser left.
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The service dropped the stream: drop the browser's too, so it sees what the service did.
            context.Abort();
        }
    }
}
