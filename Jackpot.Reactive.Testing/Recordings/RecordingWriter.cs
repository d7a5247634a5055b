using System.Buffers;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// Writes a recording (see <c>docs/recording.md</c>): the header at once, then one JSON line per entry, each flushed
/// as soon as it is written, so a recording stopped at any moment — Ctrl+C, a crash — is valid up to its last whole
/// line. <see cref="RecordingSseTransport"/> feeds it.
/// </summary>
/// <remarks>Thread-safe: lines never interleave. Player channel names are pseudonymised unless
/// <see cref="RecordingWriterOptions.KeepPlayerIds"/>. After <see cref="Dispose"/> nothing more is written.</remarks>
public sealed class RecordingWriter : IDisposable
{
    private static readonly byte[] LineFeed = [(byte)'\n'];
    private readonly Lock _gate = new();
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly PlayerPseudonyms _pseudonyms;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private long _events;
    private bool _disposed;

    /// <summary>Starts a recording on a stream and writes its header.</summary>
    /// <param name="stream">Where to write; flushed after every line.</param>
    /// <param name="options">The header's contents and the redaction; the defaults when null.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="stream"/> open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be written.</exception>
    public RecordingWriter(Stream stream, RecordingWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream cannot be written.", nameof(stream));
        }

        options ??= new RecordingWriterOptions();
        _stream = stream;
        _ownsStream = !leaveOpen;
        _time = options.TimeProvider ?? TimeProvider.System;
        _pseudonyms = new PlayerPseudonyms(options.KeepPlayerIds);
        var header = new RecordingHeader
        {
            RecordedAt = _time.GetUtcNow(),
            Source = options.Source ?? string.Empty,
            Channels = (options.Channels ?? []).Select(_pseudonyms.Redact).ToList(),
            PlayerIdsRedacted = !options.KeepPlayerIds,
        };
        header = header with { Source = _pseudonyms.Redact(header.Source)! };
        _started = _time.GetTimestamp();
        lock (_gate)
        {
            RecordingJson.WriteHeader(_buffer, header);
            WriteBufferLocked();
        }
    }

    /// <summary>Gets the number of events written so far.</summary>
    public long EventCount => Interlocked.Read(ref _events);

    /// <summary>Gets the time since the recording started.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>Creates (or replaces) a file and starts a recording in it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The header's contents and the redaction.</param>
    /// <returns>The writer; dispose it to close the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public static RecordingWriter Create(string path, RecordingWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        try
        {
            return new RecordingWriter(stream, options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes the <c>stop</c> line that ends a complete recording.</summary>
    /// <param name="reason">Why it stopped, e.g. <c>duration</c>, <c>count</c>, <c>cancelled</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> is null.</exception>
    public void WriteStop(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Write(new RecordingEntry { Kind = RecordingEntryKind.Stop, Cause = reason });
    }

    /// <summary>Flushes and closes the recording (and the stream, unless it was left open).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stream.Flush();
            if (_ownsStream)
            {
                _stream.Dispose();
            }
        }
    }

    /// <summary>Dates, redacts and writes one entry; nothing after <see cref="Dispose"/>.</summary>
    internal void Write(RecordingEntry entry)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            entry = entry with
            {
                Time = Elapsed,
                Channel = entry.Kind == RecordingEntryKind.Stop ? default : _pseudonyms.Redact(entry.Channel),
                EventId = _pseudonyms.Redact(entry.EventId),
                Data = _pseudonyms.Redact(entry.Data),
                Message = _pseudonyms.Redact(entry.Message),
                Headers = entry.Headers?.ToDictionary(h => h.Key, h => _pseudonyms.Redact(h.Value)!, StringComparer.OrdinalIgnoreCase),
            };
            RecordingJson.WriteEntry(_buffer, entry);
            WriteBufferLocked();
            if (entry.Kind == RecordingEntryKind.Event)
            {
                Interlocked.Increment(ref _events);
            }
        }
    }

    private void WriteBufferLocked()
    {
        // One write per line, its line feed included, so a crash cannot leave a whole object without its line end.
        _buffer.Write(LineFeed);
        _stream.Write(_buffer.WrittenSpan);
        _stream.Flush();
        _buffer.ResetWrittenCount();
    }
}
