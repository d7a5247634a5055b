using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Jackpot.Reactive.Tests.DependencyInjection;

/// <summary>
/// A handler added to the client's named <see cref="HttpClient"/> that answers every request itself, as a push service
/// would: 200 <c>text/event-stream</c> with <paramref name="body"/>, then nothing until the client lets go (the stream
/// never ends, so the client does not reconnect). Records each request.
/// </summary>
internal sealed class StubSseHandler(string body) : DelegatingHandler
{
    private readonly ConcurrentQueue<HttpRequestMessage> _requests = new();
    private readonly TaskCompletionSource<HttpRequestMessage> _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<HttpRequestMessage> Requests => [.. _requests];

    public Task<HttpRequestMessage> FirstRequest => _firstRequest.Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        _firstRequest.TrySetResult(request);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(body), cancellationToken);
        var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
