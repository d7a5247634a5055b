namespace Jackpot.Reactive;

/// <summary>A payload is not a valid jackpot event: bad JSON, a missing field or a value that cannot be parsed.</summary>
public sealed class JackpotEventFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JackpotEventFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public JackpotEventFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public JackpotEventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a field.</summary>
    /// <param name="field">The JSON field at fault, or null when the payload as a whole is.</param>
    /// <param name="message">What is wrong.</param>
    public JackpotEventFormatException(string? field, string message)
        : base(message) => Field = field;

    /// <summary>Gets the JSON field at fault, or null when the payload as a whole is at fault.</summary>
    public string? Field { get; }
}
