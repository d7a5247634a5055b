namespace Jackpot.Reactive.Testing;

/// <summary>What one line of a recording says (its <c>kind</c>).</summary>
public enum RecordingEntryKind
{
    /// <summary><c>connect</c>: a connection attempt started (the request went out), with its <c>Last-Event-ID</c>.</summary>
    Connect,

    /// <summary><c>open</c>: the response was accepted (200, <c>text/event-stream</c>).</summary>
    Open,

    /// <summary><c>event</c>: an SSE event was dispatched, with its id, type and data as received.</summary>
    Event,

    /// <summary><c>retry</c>: the server's <c>retry:</c> field set the reconnection time.</summary>
    Retry,

    /// <summary><c>comment</c>: a comment line (a keep-alive).</summary>
    Comment,

    /// <summary><c>end</c>: the server ended the stream cleanly.</summary>
    End,

    /// <summary><c>error</c>: the attempt failed: a rejected response (status, headers, <c>Retry-After</c>) or a network error.</summary>
    Error,

    /// <summary><c>close</c>: the client closed the attempt (its last subscriber left, an idle timeout, the recording stopped).</summary>
    Close,

    /// <summary><c>stop</c>: the recording stopped on purpose (duration, count, Ctrl+C); the last line of a complete recording.</summary>
    Stop,
}
