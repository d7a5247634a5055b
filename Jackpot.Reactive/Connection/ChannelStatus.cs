namespace Jackpot.Reactive;

/// <summary>The state of one channel's connection.</summary>
public enum ChannelState
{
    /// <summary>Sending the request (first attempt).</summary>
    Connecting,

    /// <summary>The response was accepted; events flow.</summary>
    Open,

    /// <summary>The connection failed and the next attempt waits out a back-off delay.</summary>
    Reconnecting,

    /// <summary>Nobody listens any more, or the owner was disposed; the connection is closed.</summary>
    Closed,

    /// <summary>The connection failed for good (a terminal error, or the attempts ran out).</summary>
    Failed,
}

/// <summary>Whether events may have been missed across a reconnect.</summary>
public enum StreamContinuity
{
    /// <summary>The first connection: nothing came before.</summary>
    Initial,

    /// <summary>Reconnected with <c>Last-Event-ID</c>: the server can resume where the stream broke off.</summary>
    Resumed,

    /// <summary>Reconnected without a last event id (none was received, or in the browser the server refused the
    /// preflight for <c>Last-Event-ID</c>; see <see cref="ChannelStatus.Cause"/>): events sent while disconnected may be lost.</summary>
    GapPossible,
}

/// <summary>A status change of one channel's connection.</summary>
/// <param name="State">The state.</param>
/// <remarks>
/// <see cref="Attempt"/>, <see cref="Delay"/> and <see cref="Cause"/> describe a <see cref="ChannelState.Reconnecting"/>
/// or <see cref="ChannelState.Failed"/> status; <see cref="Continuity"/> and <see cref="HttpVersion"/> describe an
/// <see cref="ChannelState.Open"/> one.
/// </remarks>
public sealed record ChannelStatus(ChannelState State)
{
    /// <summary>Gets the retry attempt, 1 for the first retry; 0 when not retrying.</summary>
    public int Attempt { get; init; }

    /// <summary>Gets the delay before the next attempt.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Gets the error that caused a reconnect or a failure; for an <see cref="ChannelState.Open"/> status, why a
    /// gap is possible when the client knows it (in the browser, <see cref="SseCorsException"/>: the server refused the
    /// CORS preflight for <c>Last-Event-ID</c>, so the stream was reopened without it).</summary>
    /// <remarks>In the browser a <see cref="SseCorsException"/> cause of <see cref="ChannelState.Reconnecting"/> means the
    /// server refused the preflight of the extra headers; an <see cref="HttpRequestException"/> is a network error (or a
    /// CORS refusal of a request that needed no preflight, which a browser does not let a script tell apart).</remarks>
    public Exception? Cause { get; init; }

    /// <summary>Gets, for an open connection, whether events may have been missed since the previous one.</summary>
    public StreamContinuity Continuity { get; init; }

    /// <summary>Gets, for an open connection, the HTTP version the response came over (1.1, or 2.0 when the channel is a
    /// stream of a shared HTTP/2 connection); null when the transport does not say.</summary>
    public Version? HttpVersion { get; init; }
}
