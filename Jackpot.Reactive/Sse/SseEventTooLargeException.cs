namespace Jackpot.Reactive;

/// <summary>An event (or a single line) in a Server-Sent Events stream exceeded the configured maximum size.</summary>
/// <remarks>
/// The parser throws it as soon as the limit is passed, without buffering the rest of the event, and discards what it
/// had buffered. The stream cannot be resumed mid-event: close the connection; a new one starts after
/// <see cref="SseEventParser.EndOfStream"/>.
/// </remarks>
public sealed class SseEventTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SseEventTooLargeException()
        : this("A Server-Sent Event exceeded the maximum event size.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public SseEventTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public SseEventTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a limit.</summary>
    /// <param name="maxEventSize">The limit that was exceeded, in bytes.</param>
    public SseEventTooLargeException(int maxEventSize)
        : base(
            $"A Server-Sent Event exceeded the maximum event size of {maxEventSize} bytes; "
            + "the connection must be closed (the rest of the event was not read).")
        => MaxEventSize = maxEventSize;

    /// <summary>Gets the limit that was exceeded, in bytes of event data; 0 when unknown.</summary>
    public int MaxEventSize { get; }
}
