using System.Net.Http.Headers;

namespace Jackpot.Reactive;

/// <summary>What a read sends and how it reads a refusal: the request message (its headers as constant texts, the
/// protocol version and policy, <c>Last-Event-ID</c>, the extra headers a CORS preflight allows) and the
/// <see cref="SseHttpException"/> built from a response that is not an event stream.</summary>
internal sealed partial class HttpSseRead
{
    private const string EventStreamMediaType = "text/event-stream";
    private const string LastEventIdHeader = "Last-Event-ID";
    private const string AcceptHeader = "Accept";
    private const string CacheControlHeader = "Cache-Control";
    private const string NoCacheDirective = "no-cache";

    /// <summary>Sends the request (optionally without <c>Last-Event-ID</c>, or without the extra headers that need a
    /// CORS preflight); the message is kept until the read ends.</summary>
    private async Task<HttpResponseMessage> SendAsync(bool withLastEventId, bool withPreflightHeaders)
    {
        var message = CreateRequestMessage(withLastEventId, withPreflightHeaders);
        try
        {
            var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, _cancellationToken)
                .ConfigureAwait(false);
            _message?.Dispose();
            _message = message;
            return response;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private HttpRequestMessage CreateRequestMessage(bool withLastEventId, bool withPreflightHeaders)
    {
        // HttpClient applies its DefaultRequestVersion and DefaultVersionPolicy only to the messages it builds itself
        // (GetAsync), so a message of ours carries them, or the transport's protocol, explicitly.
        var message = new HttpRequestMessage(HttpMethod.Get, _request!.Uri) { Version = _requestVersion, VersionPolicy = _versionPolicy };
        var headers = message.Headers;

        // Added as the constant texts they are, not as parsed header objects: the message lives as long as the stream,
        // and the typed values (and the typed views that hold them) would cost every open channel a few hundred bytes.
        headers.TryAddWithoutValidation(AcceptHeader, EventStreamMediaType);
        if (!_browser)
        {
            // In the browser this header would force a CORS preflight: fetch's cache mode says the same there.
            headers.TryAddWithoutValidation(CacheControlHeader, NoCacheDirective);
        }

        BrowserRequestOptions.Apply(message, _browser);
        if (_lastEventIdHeaderValue is not null && withLastEventId)
        {
            headers.TryAddWithoutValidation(LastEventIdHeader, _lastEventIdHeaderValue);
        }

        foreach (var (name, value) in _request.Headers)
        {
            if (withPreflightHeaders || CorsSafelist.IsSafelisted(name, value))
            {
                headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    internal static SseHttpException CreateRejection(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = header.Value.ToArray();
        }

        return new SseHttpException(
            response.StatusCode,
            SseContentType.MediaTypeOf(response.Content.Headers),
            headers,
            ParseRetryAfter(response.Headers));
    }

    /// <summary>Reads <c>Retry-After</c>: delta-seconds as they are, an HTTP-date relative to the response's own
    /// <c>Date</c> (not the local clock, which may be skewed); null without <c>Date</c>. Never negative.</summary>
    internal static TimeSpan? ParseRetryAfter(HttpResponseHeaders headers)
    {
        TimeSpan? retryAfter = headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when headers.Date is { } responseDate => date - responseDate,
            _ => null,
        };
        return retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
    }
}
