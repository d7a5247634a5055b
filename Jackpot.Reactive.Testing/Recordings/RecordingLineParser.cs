using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Jackpot.Reactive.Testing;

/// <summary>Reads one line of a recording: the header, or an entry. Throws <see cref="RecordingLineException"/> with
/// the reason when the line is not what the format says.</summary>
internal static class RecordingLineParser
{
    public static RecordingHeader ParseHeader(string line)
    {
        string? format = null;
        int? version = null;
        DateTimeOffset recordedAt = default;
        string source = string.Empty;
        var channels = new List<ChannelName>();
        bool redacted = true;
        var reader = Start(line, out byte[] rented);
        try
        {
            while (NextProperty(ref reader, out string name))
            {
                switch (name)
                {
                    case "format":
                        format = ReadString(ref reader, name);
                        break;
                    case "version":
                        version = (int)ReadLong(ref reader, name);
                        break;
                    case "recordedAt":
                        recordedAt = DateTimeOffset.TryParse(ReadString(ref reader, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                            ? at
                            : throw new RecordingLineException("'recordedAt' is not a date and time.");
                        break;
                    case "source":
                        source = ReadString(ref reader, name);
                        break;
                    case "channels":
                        ReadChannels(ref reader, channels);
                        break;
                    case "playerIds":
                        redacted = ReadString(ref reader, name) != "kept";
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException error)
        {
            throw new RecordingLineException("the header is not a JSON object: " + error.Message, error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        if (format != RecordingHeader.FormatName)
        {
            throw new RecordingLineException($"the first line is not a recording header (its 'format' must be \"{RecordingHeader.FormatName}\").");
        }

        if (version is not RecordingHeader.CurrentVersion)
        {
            throw new RecordingLineException(
                $"unknown format version {(version is { } v ? v.ToString(CultureInfo.InvariantCulture) : "(none)")}; this package reads version {RecordingHeader.CurrentVersion}.");
        }

        return new RecordingHeader { Version = version.Value, RecordedAt = recordedAt, Source = source, Channels = channels, PlayerIdsRedacted = redacted };
    }

    public static RecordingEntry ParseEntry(string line, long lineNumber)
    {
        var entry = new RecordingEntry { Line = lineNumber };
        TimeSpan? time = null;
        string? kind = null;
        var reader = Start(line, out byte[] rented);
        try
        {
            while (NextProperty(ref reader, out string name))
            {
                switch (name)
                {
                    case "t":
                        time = ReadTime(ref reader);
                        break;
                    case "kind":
                        kind = ReadString(ref reader, name);
                        entry = entry with { Kind = RecordingJson.TryParseKind(kind, out var k) ? k : throw new RecordingLineException($"unknown kind \"{kind}\".") };
                        break;
                    case "channel":
                        string channel = ReadString(ref reader, name);
                        entry = entry with { Channel = ChannelName.TryParse(channel, out var c) ? c : throw new RecordingLineException($"'channel' \"{channel}\" is not a channel name.") };
                        break;
                    case "attempt":
                        long attempt = ReadLong(ref reader, name);
                        entry = entry with { Attempt = attempt is >= 1 and <= int.MaxValue ? (int)attempt : throw new RecordingLineException("'attempt' must be 1 or more.") };
                        break;
                    case "lastEventId" or "id":
                        entry = entry with { EventId = ReadString(ref reader, name) };
                        break;
                    case "type":
                        entry = entry with { EventType = ReadString(ref reader, name) };
                        break;
                    case "data" or "text":
                        entry = entry with { Data = ReadString(ref reader, name) };
                        break;
                    case "ms" or "retryAfterMs":
                        entry = entry with { Delay = TimeSpan.FromMilliseconds(ReadNonNegative(ref reader, name)) };
                        break;
                    case "status":
                        entry = entry with { Status = (int)ReadNonNegative(ref reader, name) };
                        break;
                    case "contentType":
                        entry = entry with { ContentType = ReadString(ref reader, name) };
                        break;
                    case "headers":
                        entry = entry with { Headers = ReadHeaders(ref reader) };
                        break;
                    case "cause" or "reason":
                        entry = entry with { Cause = ReadString(ref reader, name) };
                        break;
                    case "message":
                        entry = entry with { Message = ReadString(ref reader, name) };
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException error)
        {
            throw new RecordingLineException("not a JSON object: " + error.Message, error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Validate(entry, time, kind);
    }

    private static RecordingEntry Validate(RecordingEntry entry, TimeSpan? time, string? kind)
    {
        if (time is null)
        {
            throw new RecordingLineException("'t' (milliseconds since the start) is missing.");
        }

        if (kind is null)
        {
            throw new RecordingLineException("'kind' is missing.");
        }

        entry = entry with { Time = time.Value };
        if (entry.Kind == RecordingEntryKind.Stop)
        {
            return entry;
        }

        if (entry.Channel.RawValue.Length == 0)
        {
            throw new RecordingLineException("'channel' is missing.");
        }

        if (entry.Attempt == 0)
        {
            throw new RecordingLineException("'attempt' is missing.");
        }

        return entry.Kind switch
        {
            RecordingEntryKind.Event when entry.Data is null => throw new RecordingLineException("an event needs 'data'."),
            RecordingEntryKind.Retry when entry.Delay is null => throw new RecordingLineException("a retry needs 'ms'."),
            RecordingEntryKind.Error when entry.Cause is null => throw new RecordingLineException("an error needs 'cause'."),
            RecordingEntryKind.Event => entry with { EventId = entry.EventId ?? string.Empty, EventType = entry.EventType ?? SseEvent.DefaultEventType },
            _ => entry,
        };
    }

    private static Utf8JsonReader Start(string line, out byte[] rented)
    {
        rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        int length = Encoding.UTF8.GetBytes(line, rented);
        var reader = new Utf8JsonReader(rented.AsSpan(0, length));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new RecordingLineException("not a JSON object.");
            }
        }
        catch (JsonException error)
        {
            ArrayPool<byte>.Shared.Return(rented);
            throw new RecordingLineException("not a JSON object: " + error.Message, error);
        }

        return reader;
    }

    private static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        if (!reader.Read())
        {
            throw new RecordingLineException("the JSON object is not closed (the line is cut off).");
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = string.Empty;
            if (reader.Read())
            {
                throw new RecordingLineException("there is more after the JSON object.");
            }

            return false;
        }

        name = reader.GetString()!;
        if (!reader.Read())
        {
            throw new RecordingLineException($"'{name}' has no value (the line is cut off).");
        }

        return true;
    }

    private static string ReadString(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new RecordingLineException($"'{name}' must be a string.");

    private static long ReadLong(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value)
            ? value
            : throw new RecordingLineException($"'{name}' must be a whole number.");

    private static long ReadNonNegative(ref Utf8JsonReader reader, string name)
    {
        long value = ReadLong(ref reader, name);
        return value is >= 0 and <= int.MaxValue ? value : throw new RecordingLineException($"'{name}' must be from 0 to {int.MaxValue}.");
    }

    private static TimeSpan ReadTime(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out decimal ms) || ms < 0 || ms > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            throw new RecordingLineException("'t' must be a number of milliseconds, 0 or more.");
        }

        return TimeSpan.FromTicks((long)decimal.Round(ms * TimeSpan.TicksPerMillisecond));
    }

    private static void ReadChannels(ref Utf8JsonReader reader, List<ChannelName> channels)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new RecordingLineException("'channels' must be an array of channel names.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            string name = ReadString(ref reader, "channels");
            channels.Add(ChannelName.TryParse(name, out var channel) ? channel : throw new RecordingLineException($"'channels': \"{name}\" is not a channel name."));
        }
    }

    private static Dictionary<string, string> ReadHeaders(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RecordingLineException("'headers' must be an object of strings.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            headers[name] = ReadString(ref reader, "headers");
        }

        return headers;
    }
}

/// <summary>One line is not what the format says; the reader adds the file and line.</summary>
internal sealed class RecordingLineException(string reason, Exception? inner = null) : Exception(reason, inner);
