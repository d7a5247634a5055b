namespace Jackpot.Reactive.Orleans;

/// <summary>
/// A channel's upstream connection failed in the cluster (on the silo that holds the channel) with an error that is not an
/// HTTP rejection; it stands for that error on every subscriber, whose process may not know its type.
/// </summary>
/// <remarks>A rejected response (401, 404, …) arrives as the <see cref="SseHttpException"/> it was, not as this type.</remarks>
public sealed class JackpotChannelFailedException : Exception
{
    /// <summary>Creates the exception without details.</summary>
    public JackpotChannelFailedException()
        : this(string.Empty, "The channel failed in the cluster.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JackpotChannelFailedException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JackpotChannelFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        CauseType = innerException?.GetType().FullName ?? string.Empty;
    }

    /// <summary>Creates the exception for an error of the given type.</summary>
    /// <param name="causeType">The full name of the original error's type, e.g. <c>Jackpot.Reactive.SseEventTooLargeException</c>.</param>
    /// <param name="message">The original error's message.</param>
    public JackpotChannelFailedException(string causeType, string message)
        : base(message)
    {
        CauseType = causeType ?? string.Empty;
    }

    /// <summary>Gets the full name of the original error's type (empty when unknown).</summary>
    public string CauseType { get; }
}
