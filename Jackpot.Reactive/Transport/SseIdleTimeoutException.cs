namespace Jackpot.Reactive;

/// <summary>No bytes (events or comments) arrived on an event stream for longer than its idle timeout.</summary>
/// <remarks>
/// <see cref="SseConnection"/> raises it to drop a connection that looks dead and reconnect; the default
/// <see cref="ReconnectPolicy.ShouldRetry"/> retries it (it is a <see cref="TimeoutException"/>).
/// </remarks>
public sealed class SseIdleTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public SseIdleTimeoutException()
        : base("The event stream was idle for longer than its idle timeout.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public SseIdleTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public SseIdleTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an idle timeout.</summary>
    /// <param name="idleTimeout">The idle timeout that passed without a byte.</param>
    public SseIdleTimeoutException(TimeSpan idleTimeout)
        : base($"No bytes arrived on the event stream for {idleTimeout}.") => IdleTimeout = idleTimeout;

    /// <summary>Gets the idle timeout that passed without a byte; zero when not given.</summary>
    public TimeSpan IdleTimeout { get; }
}
