using System.Diagnostics.CodeAnalysis;

namespace Jackpot.Reactive;

/// <summary>Receives what an <see cref="SseEventParser"/> finds in the stream, synchronously, in stream order.</summary>
/// <remarks>
/// Every callback runs on the thread that called <see cref="SseEventParser.Parse"/>, before that call returns. The spans
/// and the event's <see cref="SseEvent.Data"/> point into the parser's or the caller's buffers: they are valid only during
/// the callback. A callback must not feed the same parser again. An exception thrown by a callback propagates out of
/// <see cref="SseEventParser.Parse"/>, and the rest of that chunk is not parsed.
/// </remarks>
[SuppressMessage(
    "Naming",
    "CA1711:Identifiers should not have incorrect suffix",
    Justification = "It handles Server-Sent Events; the name is part of the connection contract (issue 3).")]
public interface ISseEventHandler
{
    /// <summary>Called when an event is dispatched (a blank line ended a block that had data).</summary>
    /// <param name="sseEvent">The event; its data is valid only during this call.</param>
    void OnEvent(in SseEvent sseEvent);

    /// <summary>Called for a comment line (one that starts with a colon). Comments are not events, but show the
    /// connection is alive (servers send them as keep-alives).</summary>
    /// <param name="comment">The UTF-8 bytes after the colon, exactly as sent (a leading space is kept); valid only
    /// during this call.</param>
    void OnComment(ReadOnlySpan<byte> comment);

    /// <summary>Called when a valid <c>retry:</c> field sets the reconnection time.</summary>
    /// <param name="reconnectionTime">The reconnection time the server asked for.</param>
    void OnRetry(TimeSpan reconnectionTime);
}
