namespace Jackpot.Reactive;

/// <summary>One request for a Server-Sent Events stream.</summary>
/// <param name="Uri">The absolute URI to GET.</param>
/// <param name="LastEventId">The id sent as <c>Last-Event-ID</c>; none when null or empty.</param>
/// <param name="Headers">Extra request headers (names and values already validated).</param>
public sealed record SseRequest(Uri Uri, string? LastEventId, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Creates a request without extra headers.</summary>
    /// <param name="uri">The absolute URI to GET.</param>
    /// <param name="lastEventId">The id sent as <c>Last-Event-ID</c>; none when null or empty.</param>
    public SseRequest(Uri uri, string? lastEventId)
        : this(uri, lastEventId, [])
    {
    }
}
