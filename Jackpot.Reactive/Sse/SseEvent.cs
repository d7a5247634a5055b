namespace Jackpot.Reactive;

/// <summary>One dispatched Server-Sent Event.</summary>
/// <remarks>
/// <see cref="Data"/> may point into the parser's buffer: it is valid only during the callback that delivers the event.
/// Copy it (or call <see cref="GetDataString"/>) to keep it. The same holds for <see cref="LastEventId"/> of an event
/// from <see cref="SseEventParser"/>: the parser decodes the id only when it is read, so read it during the callback
/// (the string itself may be kept).
/// </remarks>
public readonly struct SseEvent
{
    /// <summary>The event type used when an event has no <c>event:</c> field.</summary>
    public const string DefaultEventType = "message";

    private readonly object? _lastEventId;
    private readonly long _lastEventIdVersion;

    /// <summary>Creates an event.</summary>
    /// <param name="eventType">The event type (<c>event:</c>), <see cref="DefaultEventType"/> when none was sent.</param>
    /// <param name="data">The data (UTF-8), lines joined with LF, without the final LF.</param>
    /// <param name="lastEventId">The last event id at dispatch (sticky across events), empty when none.</param>
    public SseEvent(string eventType, ReadOnlyMemory<byte> data, string lastEventId)
    {
        EventType = eventType ?? DefaultEventType;
        Data = data;
        _lastEventId = lastEventId;
    }

    /// <summary>Creates an event whose last event id the parser decodes when it is read.</summary>
    internal SseEvent(string eventType, ReadOnlyMemory<byte> data, SseEventParser parser, long lastEventIdVersion)
    {
        EventType = eventType;
        Data = data;
        _lastEventId = parser;
        _lastEventIdVersion = lastEventIdVersion;
    }

    /// <summary>Gets the event type: the last <c>event:</c> field of the event, <c>message</c> when none.</summary>
    public string EventType => field ?? DefaultEventType;

    /// <summary>Gets the event data as UTF-8 bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets the last event id when the event was dispatched (sticky: set by this or an earlier event).</summary>
    /// <exception cref="InvalidOperationException">The event came from <see cref="SseEventParser"/>, its callback has
    /// returned and a newer id has arrived since: read the id during the callback.</exception>
    public string LastEventId => _lastEventId switch
    {
        string id => id,
        SseEventParser parser => parser.LastEventIdAt(_lastEventIdVersion),
        _ => string.Empty,
    };

    /// <summary>Decodes <see cref="Data"/> as UTF-8; invalid sequences become U+FFFD.</summary>
    /// <returns>The data as a string.</returns>
    public string GetDataString() => System.Text.Encoding.UTF8.GetString(Data.Span);

    /// <summary>Returns the event type and data, for diagnostics.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{EventType}: {GetDataString()}";
}
