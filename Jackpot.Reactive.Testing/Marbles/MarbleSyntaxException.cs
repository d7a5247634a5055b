namespace Jackpot.Reactive.Testing;

/// <summary>Marbles are invalid: the message names the position (a zero-based column) and the reason, and repeats the
/// marbles with a caret under that column.</summary>
/// <remarks>It is a <see cref="FormatException"/>, so code that catches that still does. Every marble string either
/// parses or throws this exception, whatever its content.</remarks>
public sealed class MarbleSyntaxException : FormatException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public MarbleSyntaxException()
        : base("The marbles are invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MarbleSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MarbleSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a position in marbles.</summary>
    /// <param name="marbles">The marbles.</param>
    /// <param name="position">The zero-based column of the error; the length of the marbles for "at the end".</param>
    /// <param name="reason">What is wrong, as a sentence.</param>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> or <paramref name="reason"/> is null.</exception>
    public MarbleSyntaxException(string marbles, int position, string reason)
        : base(Describe(marbles, position, reason))
    {
        Marbles = marbles;
        Position = position;
        Reason = reason;
    }

    /// <summary>Gets the invalid marbles, or null when the exception was created from a message alone.</summary>
    public string? Marbles { get; }

    /// <summary>Gets the zero-based column of the error, or -1 when the exception was created from a message alone.</summary>
    public int Position { get; } = -1;

    /// <summary>Gets what is wrong, or null when the exception was created from a message alone.</summary>
    public string? Reason { get; }

    private static string Describe(string marbles, int position, string reason)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        ArgumentNullException.ThrowIfNull(reason);
        string shown = marbles.ReplaceLineEndings(" ").Replace('\t', ' ');
        return $"Invalid marbles \"{marbles}\" at position {position}: {reason}\n" +
            $"    {shown}\n" +
            $"    {new string(' ', Math.Clamp(position, 0, shown.Length))}^";
    }
}
