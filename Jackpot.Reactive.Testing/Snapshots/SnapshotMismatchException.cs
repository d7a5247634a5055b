namespace Jackpot.Reactive.Testing;

/// <summary>A snapshot assertion failed: the output differs from the approved snapshot (the message shows where), or
/// there is no approved snapshot where one is required. The new output is saved beside the snapshot for review.</summary>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnapshotMismatchException()
        : this("The output does not match its snapshot.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SnapshotMismatchException(string message)
        : base(message)
    {
        SnapshotPath = string.Empty;
        ReceivedPath = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SnapshotMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        SnapshotPath = string.Empty;
        ReceivedPath = string.Empty;
    }

    internal SnapshotMismatchException(string message, string snapshotPath, string receivedPath, int? firstDifferentLine)
        : base(message)
    {
        SnapshotPath = snapshotPath;
        ReceivedPath = receivedPath;
        FirstDifferentLine = firstDifferentLine;
    }

    /// <summary>Gets the approved snapshot's file.</summary>
    public string SnapshotPath { get; }

    /// <summary>Gets the file the new output was saved to, beside the snapshot.</summary>
    public string ReceivedPath { get; }

    /// <summary>Gets the first line (1-based) where the output and the snapshot differ, or null when there was no snapshot.</summary>
    public int? FirstDifferentLine { get; }
}
