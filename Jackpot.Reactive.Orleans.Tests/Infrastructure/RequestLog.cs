using System.Collections.Concurrent;
using System.Web;

namespace Jackpot.Reactive.Orleans.Tests.Infrastructure;

/// <summary>Every upstream request the silos send, with its channel and <c>Last-Event-ID</c>: how the tests count
/// upstream connections per channel across the cluster.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<UpstreamRequest> _requests = new();

    public IReadOnlyList<UpstreamRequest> For(ChannelName channel) =>
        [.. _requests.Where(r => r.Channel == channel.RawValue)];

    internal void Add(UpstreamRequest request) => _requests.Enqueue(request);

    /// <summary>Records each request of the silos' push HTTP client.</summary>
    internal sealed class RecordingHandler(RequestLog log) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var channel = HttpUtility.ParseQueryString(request.RequestUri!.Query)["channel"] ?? string.Empty;
            string? lastEventId = request.Headers.TryGetValues("Last-Event-ID", out var values) ? values.FirstOrDefault() : null;
            log.Add(new UpstreamRequest(channel, lastEventId));
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>One upstream request.</summary>
/// <param name="Channel">The raw channel name.</param>
/// <param name="LastEventId">The <c>Last-Event-ID</c> sent, or null.</param>
public sealed record UpstreamRequest(string Channel, string? LastEventId);
