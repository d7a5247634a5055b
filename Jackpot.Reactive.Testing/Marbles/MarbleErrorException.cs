namespace Jackpot.Reactive.Testing;

/// <summary>The error a <c>#</c> in marbles stands for when no other exception is given.</summary>
/// <remarks>Expected and actual errors match when they are of the same type with the same message.</remarks>
public sealed class MarbleErrorException : Exception
{
    /// <summary>The message of the default error: <c>error</c>.</summary>
    public const string DefaultMessage = "error";

    /// <summary>Creates the error with the message <see cref="DefaultMessage"/>.</summary>
    public MarbleErrorException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">The message.</param>
    public MarbleErrorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MarbleErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
