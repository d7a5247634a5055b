namespace Jackpot.Reactive.Testing;

/// <summary>
/// A marble expectation failed. The message shows the expected and the actual marbles as two aligned lines on the same
/// time scale, marks the frames that differ, and lists the values of the symbols in those frames.
/// </summary>
/// <remarks>Any test framework reports it as a failure: it does not depend on one.</remarks>
public sealed class MarbleAssertionException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public MarbleAssertionException()
        : base("A marble expectation failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The diagram of the mismatch.</param>
    public MarbleAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The diagram of the mismatch.</param>
    /// <param name="innerException">The cause.</param>
    public MarbleAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
