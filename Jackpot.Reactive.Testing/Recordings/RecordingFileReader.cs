using System.Text;

namespace Jackpot.Reactive.Testing;

/// <summary>Reads a recording's lines one at a time (bounded memory however large the file), numbering them, and tells
/// whether the last line was cut off (the file does not end with a line feed).</summary>
internal sealed class RecordingFileReader : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private readonly StreamReader _reader;
    private readonly bool _endsWithLineFeed;

    public RecordingFileReader(string path)
    {
        Path = path;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize, FileOptions.SequentialScan);
        try
        {
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                _endsWithLineFeed = stream.ReadByte() == '\n';
                stream.Seek(0, SeekOrigin.Begin);
            }

            _reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, BufferSize);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public string Path { get; }

    /// <summary>Gets the number of the line last read.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line; false at the end of the file.</summary>
    /// <exception cref="RecordingLineException">The line is cut off or not UTF-8.</exception>
    public bool TryReadLine(out string line)
    {
        string? read;
        try
        {
            read = _reader.ReadLine();
        }
        catch (DecoderFallbackException error)
        {
            LineNumber++;
            throw new RecordingLineException("the line is not valid UTF-8.", error);
        }

        if (read is null)
        {
            line = string.Empty;
            return false;
        }

        LineNumber++;
        line = read;
        if (!_endsWithLineFeed && _reader.Peek() < 0)
        {
            throw new RecordingLineException("the file is truncated: its last line has no line end (the recording was cut off mid-line).");
        }

        return true;
    }

    public void Dispose() => _reader.Dispose();
}
