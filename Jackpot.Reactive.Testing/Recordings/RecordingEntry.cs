namespace Jackpot.Reactive.Testing;

/// <summary>One line of a recording after its header (see <c>docs/recording.md</c> for the format).</summary>
/// <remarks>Which properties are set depends on <see cref="Kind"/>; the others are null. <see cref="Channel"/> and
/// <see cref="Attempt"/> are set on every kind but <see cref="RecordingEntryKind.Stop"/>.</remarks>
public sealed record RecordingEntry
{
    /// <summary>Gets the line's number in its file, 1 for the header.</summary>
    public long Line { get; init; }

    /// <summary>Gets when it happened, after the recording started.</summary>
    public TimeSpan Time { get; init; }

    /// <summary>Gets what the line says.</summary>
    public RecordingEntryKind Kind { get; init; }

    /// <summary>Gets the channel; <see langword="default"/> for <see cref="RecordingEntryKind.Stop"/>.</summary>
    public ChannelName Channel { get; init; }

    /// <summary>Gets the number of the connection attempt on its channel, 1 for the first; 0 for <see cref="RecordingEntryKind.Stop"/>.</summary>
    public int Attempt { get; init; }

    /// <summary>Gets the <c>Last-Event-ID</c> a <see cref="RecordingEntryKind.Connect"/> sent (null when none), or the
    /// last event id of an <see cref="RecordingEntryKind.Event"/> (the SSE id, sticky across events).</summary>
    public string? EventId { get; init; }

    /// <summary>Gets the event type of an <see cref="RecordingEntryKind.Event"/> (<c>message</c> when the server sent none).</summary>
    public string? EventType { get; init; }

    /// <summary>Gets the data of an <see cref="RecordingEntryKind.Event"/> as received (lines joined by <c>\n</c>), or the
    /// text of a <see cref="RecordingEntryKind.Comment"/>.</summary>
    public string? Data { get; init; }

    /// <summary>Gets the reconnection time of a <see cref="RecordingEntryKind.Retry"/>, or the <c>Retry-After</c> of an
    /// <see cref="RecordingEntryKind.Error"/> that carried one.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Gets the HTTP status of an <see cref="RecordingEntryKind.Open"/> (200) or of a rejected response.</summary>
    public int? Status { get; init; }

    /// <summary>Gets the response's content type (open, or a rejected response).</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets the headers that matter of a rejected response (<c>Retry-After</c>, <c>Content-Type</c>,
    /// <c>WWW-Authenticate</c>, <c>Location</c>); null otherwise.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Gets the name of the error's type (e.g. <c>SseHttpException</c>, <c>IOException</c>) of an
    /// <see cref="RecordingEntryKind.Error"/>, or why a <see cref="RecordingEntryKind.Stop"/> happened.</summary>
    public string? Cause { get; init; }

    /// <summary>Gets the error's message of an <see cref="RecordingEntryKind.Error"/>.</summary>
    public string? Message { get; init; }
}
