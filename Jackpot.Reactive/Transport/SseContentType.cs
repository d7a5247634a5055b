using System.Net.Http.Headers;

namespace Jackpot.Reactive;

/// <summary>Decides whether a response is an event stream by its <c>Content-Type</c>, read raw.</summary>
/// <remarks>
/// The media type is what comes before the first <c>;</c>, without surrounding spaces and tabs, compared without regard
/// to case; parameters are ignored whatever they are. So <c>text/event-stream;</c> (a trailing semicolon, which
/// <see cref="MediaTypeHeaderValue"/> refuses to parse), <c>text/event-stream ; charset=utf-8</c> and
/// <c>Text/Event-Stream</c> are event streams, while <c>text/event-streamx</c> and <c>text /event-stream</c> are not. The
/// raw header is read because HttpClient leaves a value it cannot parse out of
/// <see cref="HttpContentHeaders.ContentType"/>. With several values, the last counts (as the Fetch standard's MIME type
/// extraction does).
/// </remarks>
internal static class SseContentType
{
    private const string EventStreamMediaType = "text/event-stream";
    private const string ContentTypeHeader = "Content-Type";

    /// <summary>Returns whether the content is an event stream.</summary>
    public static bool IsEventStream(HttpContentHeaders headers) =>
        string.Equals(MediaTypeOf(headers), EventStreamMediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the media type as the server sent it (without parameters), or null when there was none.</summary>
    public static string? MediaTypeOf(HttpContentHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(ContentTypeHeader, out var values) || values.Count == 0)
        {
            return null;
        }

        string last = string.Empty;
        foreach (string value in values)
        {
            last = value;
        }

        var span = last.AsSpan();
        int parameters = span.IndexOf(';');
        return (parameters < 0 ? span : span[..parameters]).Trim(" \t").ToString();
    }
}
