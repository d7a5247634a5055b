namespace Jackpot.Reactive;

/// <summary>The server closed an event stream cleanly (end of the response body).</summary>
/// <remarks>
/// An event stream has no natural end: <see cref="SseConnection"/> treats a clean end as a cause to reconnect (as
/// browsers do), and reports this exception as the <see cref="ChannelStatus.Cause"/> of the reconnect. The default
/// <see cref="ReconnectPolicy.ShouldRetry"/> retries it.
/// </remarks>
public sealed class SseStreamEndedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SseStreamEndedException()
        : base("The server ended the event stream.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public SseStreamEndedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public SseStreamEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
