namespace Jackpot.Reactive.Testing;

/// <summary>A recording cannot be read: a malformed line, an unknown format version, a truncated file. The message names
/// the file, the line and the reason.</summary>
public sealed class RecordingFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public RecordingFormatException()
        : this("(unknown)", 0, "The recording is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RecordingFormatException(string message)
        : this("(unknown)", 0, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RecordingFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = "(unknown)";
        Reason = message;
    }

    /// <summary>Creates the exception for a line of a file.</summary>
    /// <param name="fileName">The file, as it was opened.</param>
    /// <param name="lineNumber">The line, 1 for the header; 0 when no line is concerned.</param>
    /// <param name="reason">Why the line is invalid.</param>
    /// <param name="innerException">The cause, e.g. a <see cref="System.Text.Json.JsonException"/>; may be null.</param>
    public RecordingFormatException(string fileName, long lineNumber, string reason, Exception? innerException = null)
        : base($"Recording '{fileName}', line {lineNumber}: {reason}", innerException)
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>Gets the file, as it was opened.</summary>
    public string FileName { get; }

    /// <summary>Gets the line, 1 for the header.</summary>
    public long LineNumber { get; }

    /// <summary>Gets why the line is invalid.</summary>
    public string Reason { get; }
}
