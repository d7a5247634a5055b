using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Jackpot.Reactive.Tests.Transport;

/// <summary>
/// A model of a browser's fetch in front of a cross-origin event-stream server, for running the transport's browser
/// behaviour on Linux: a request with a header that is not CORS-safelisted needs a preflight, which passes only for the
/// headers in <see cref="PreflightAllows"/> (none: the server refuses every preflight); a refused preflight, like a
/// network that is down, surfaces as the browser's <c>TypeError: Failed to fetch</c>. An answered request gets 200
/// <c>text/event-stream</c> with <see cref="Body"/>, then stays open until the client lets go. Records each request.
/// </summary>
internal sealed class FetchModelHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<FetchRequest> _requests = new();

    /// <summary>Gets or sets the request headers the server's preflight answer allows; empty refuses every preflight.</summary>
    public IReadOnlySet<string> PreflightAllows { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets a value indicating whether every request fails as the network would.</summary>
    public bool NetworkDown { get; set; }

    /// <summary>Gets or sets the body of an answered request.</summary>
    public string Body { get; set; } = "data: hello\n\n";

    public IReadOnlyList<FetchRequest> Requests => [.. _requests];

    /// <summary>The names of the headers that make fetch send a preflight (the Fetch standard's CORS-safelisted
    /// request headers are Accept, Accept-Language, Content-Language and Content-Type, within value limits).</summary>
    public static IReadOnlyList<string> NeedingPreflight(FetchRequest request) =>
        [.. request.Headers.Keys.Where(name => name is not ("Accept" or "Accept-Language" or "Content-Language"))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = FetchRequest.From(request);
        _requests.Enqueue(recorded);
        bool preflightRefused = NeedingPreflight(recorded).Any(name => !PreflightAllows.Contains(name));
        if (NetworkDown || preflightRefused)
        {
            throw new HttpRequestException("TypeError: Failed to fetch");
        }

        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(Body), cancellationToken);
        var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}

/// <summary>What a request carried when it was sent: its headers (by name) and the browser request options.</summary>
internal sealed record FetchRequest(
    IReadOnlyDictionary<string, string> Headers,
    bool? StreamingResponse,
    IReadOnlyDictionary<string, object>? FetchOptions)
{
    public static FetchRequest From(HttpRequestMessage request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        bool? streaming = request.Options.TryGetValue(new HttpRequestOptionsKey<bool>("WebAssemblyEnableStreamingResponse"), out bool value)
            ? value
            : null;
        var fetchOptions = request.Options.TryGetValue(
            new HttpRequestOptionsKey<IDictionary<string, object>>("WebAssemblyFetchOptions"), out var options)
            ? new Dictionary<string, object>(options)
            : null;
        return new FetchRequest(headers, streaming, fetchOptions);
    }
}
