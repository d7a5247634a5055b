using System.Buffers;
using System.Text;
using System.Text.Json;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// Writes <c>tail</c>'s output: one compact JSON object per line, events on stdout, status changes and errors on stderr.
/// Thread-safe: events, status changes and timers arrive on different threads, and lines never interleave.
/// </summary>
/// <remarks>
/// Text written to stderr passes through <see cref="Redact"/>, so a player id — plain or escaped as in the subscribe URI —
/// never appears whole there. Once <see cref="Close"/> has been called nothing more is written.
/// </remarks>
internal sealed class TailOutput
{
    private readonly Lock _gate = new();
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly PlayerIdRedactor _redactor;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private bool _closed;

    public TailOutput(TextWriter stdout, TextWriter stderr, ChannelName channel)
    {
        _stdout = stdout;
        _stderr = stderr;
        _redactor = new PlayerIdRedactor(channel.Kind == ChannelKind.Player ? channel.PlayerId : null);
    }

    /// <summary>Writes one object to stdout; returns false when the output is closed.</summary>
    public bool WriteEvent(Action<Utf8JsonWriter> writeProperties) => Write(_stdout, writeProperties, redact: false);

    /// <summary>Writes one object to stderr, redacting player ids in every string; returns false when the output is closed.</summary>
    public bool WriteDiagnostic(Action<Utf8JsonWriter> writeProperties) => Write(_stderr, writeProperties, redact: true);

    /// <summary>Stops all further output.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _stdout.Flush();
            _stderr.Flush();
        }
    }

    /// <summary>Replaces every occurrence of the channel's player id (plain or URI-escaped) with its redacted form.</summary>
    public string Redact(string text) => _redactor.Redact(text);

    private bool Write(TextWriter target, Action<Utf8JsonWriter> writeProperties, bool redact)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(_buffer, JackpotEventWriter.WriterOptions))
            {
                writer.WriteStartObject();
                writeProperties(writer);
                writer.WriteEndObject();
            }

            string line = Encoding.UTF8.GetString(_buffer.WrittenSpan);
            target.WriteLine(redact ? Redact(line) : line);
            target.Flush();
            return true;
        }
    }
}
