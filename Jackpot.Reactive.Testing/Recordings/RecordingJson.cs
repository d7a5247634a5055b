using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Jackpot.Reactive.Testing;

/// <summary>Writes the header and entries as one compact JSON object a line, in a fixed property order, so two
/// recordings of the same traffic diff line by line.</summary>
internal static class RecordingJson
{
    // Readable in an editor: quotes in event data stay \" but '+', '<', non-ASCII letters are written as they are.
    private static readonly JsonWriterOptions WriterOptions = JackpotEventWriter.WriterOptions;

    private static readonly Dictionary<RecordingEntryKind, string> KindNames = new()
    {
        [RecordingEntryKind.Connect] = "connect",
        [RecordingEntryKind.Open] = "open",
        [RecordingEntryKind.Event] = "event",
        [RecordingEntryKind.Retry] = "retry",
        [RecordingEntryKind.Comment] = "comment",
        [RecordingEntryKind.End] = "end",
        [RecordingEntryKind.Error] = "error",
        [RecordingEntryKind.Close] = "close",
        [RecordingEntryKind.Stop] = "stop",
    };

    private static readonly Dictionary<string, RecordingEntryKind> KindsByName =
        KindNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string KindName(RecordingEntryKind kind) => KindNames[kind];

    public static bool TryParseKind(string name, out RecordingEntryKind kind) => KindsByName.TryGetValue(name, out kind);

    /// <summary>Milliseconds with up to three decimals (microseconds), invariant.</summary>
    public static string FormatTime(TimeSpan time) =>
        (time.Ticks / (decimal)TimeSpan.TicksPerMillisecond).ToString("0.###", CultureInfo.InvariantCulture);

    public static void WriteHeader(ArrayBufferWriter<byte> buffer, RecordingHeader header)
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("format", RecordingHeader.FormatName);
        writer.WriteNumber("version", header.Version);
        writer.WriteString("recordedAt", header.RecordedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        writer.WriteString("source", header.Source);
        writer.WriteStartArray("channels");
        foreach (var channel in header.Channels)
        {
            writer.WriteStringValue(channel.RawValue);
        }

        writer.WriteEndArray();
        writer.WriteString("playerIds", header.PlayerIdsRedacted ? "pseudonymised" : "kept");
        writer.WriteEndObject();
    }

    public static void WriteEntry(ArrayBufferWriter<byte> buffer, RecordingEntry entry)
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WritePropertyName("t");
        writer.WriteRawValue(FormatTime(entry.Time), skipInputValidation: true);
        writer.WriteString("kind", KindName(entry.Kind));
        if (entry.Kind != RecordingEntryKind.Stop)
        {
            writer.WriteString("channel", entry.Channel.RawValue);
            writer.WriteNumber("attempt", entry.Attempt);
        }

        switch (entry.Kind)
        {
            case RecordingEntryKind.Connect:
                WriteOptional(writer, "lastEventId", entry.EventId);
                break;
            case RecordingEntryKind.Open:
                writer.WriteNumber("status", entry.Status ?? 200);
                WriteOptional(writer, "contentType", entry.ContentType);
                break;
            case RecordingEntryKind.Event:
                writer.WriteString("id", entry.EventId ?? string.Empty);
                writer.WriteString("type", entry.EventType ?? SseEvent.DefaultEventType);
                writer.WriteString("data", entry.Data ?? string.Empty);
                break;
            case RecordingEntryKind.Retry:
                writer.WriteNumber("ms", (long)(entry.Delay ?? TimeSpan.Zero).TotalMilliseconds);
                break;
            case RecordingEntryKind.Comment:
                writer.WriteString("text", entry.Data ?? string.Empty);
                break;
            case RecordingEntryKind.Error:
                WriteError(writer, entry);
                break;
            case RecordingEntryKind.Stop:
                WriteOptional(writer, "reason", entry.Cause);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, RecordingEntry entry)
    {
        if (entry.Status is { } status)
        {
            writer.WriteNumber("status", status);
        }

        WriteOptional(writer, "contentType", entry.ContentType);
        if (entry.Delay is { } retryAfter)
        {
            writer.WriteNumber("retryAfterMs", (long)retryAfter.TotalMilliseconds);
        }

        if (entry.Headers is { Count: > 0 } headers)
        {
            writer.WriteStartObject("headers");
            foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteString("cause", entry.Cause ?? nameof(Exception));
        writer.WriteString("message", entry.Message ?? string.Empty);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
