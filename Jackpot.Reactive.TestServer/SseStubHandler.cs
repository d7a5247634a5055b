using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Jackpot.Reactive.TestServer;

/// <summary>
/// The test server without a socket: a handler for an <see cref="HttpClient"/> pipeline that answers every request
/// itself, as the push service would — 200 <c>text/event-stream</c> with <paramref name="body"/>, then nothing until
/// the client lets go (the stream never ends, so a client does not reconnect). Logs each request in <see cref="Log"/>.
/// </summary>
public sealed class SseStubHandler(string body) : DelegatingHandler
{
    private readonly TaskCompletionSource<HttpRequestMessage> _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every request answered.</summary>
    public SseRequestLog Log { get; } = new();

    /// <summary>Completes with the first request answered.</summary>
    public Task<HttpRequestMessage> FirstRequest => _firstRequest.Task;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Log.Add(request);
        _firstRequest.TrySetResult(request);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(body), cancellationToken).ConfigureAwait(false);
        var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
