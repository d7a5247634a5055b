using System.Text.Json;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// Writes events the way the push service sends them: one compact JSON object with the fields <c>reason</c>,
/// <c>jackpotInstance</c>, <c>jackpot</c>, <c>channel</c>, <c>currency</c>, <c>value</c> (a string) and, for wins,
/// <c>jackpotNewInstance</c>. An <see cref="UnknownJackpotEvent"/> is written as its payload, unchanged.
/// </summary>
internal static class JackpotEventJson
{
    public static byte[] SerializeToUtf8Bytes(JackpotEvent jackpotEvent)
    {
        ArgumentNullException.ThrowIfNull(jackpotEvent);
        if (jackpotEvent is UnknownJackpotEvent unknown)
        {
            return System.Text.Encoding.UTF8.GetBytes(unknown.Payload);
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JackpotEventWriter.WriterOptions))
        {
            WriteFields(writer, jackpotEvent.Reason, jackpotEvent);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Serialize(JackpotEvent jackpotEvent) =>
        System.Text.Encoding.UTF8.GetString(SerializeToUtf8Bytes(jackpotEvent));

    /// <summary>Writes the payload of an event with any <paramref name="reason"/>, for events of reasons to come.</summary>
    public static string SerializeFields(string reason, JackpotEvent fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JackpotEventWriter.WriterOptions))
        {
            WriteFields(writer, reason, fields);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteFields(Utf8JsonWriter writer, string reason, JackpotEvent fields)
    {
        writer.WriteStartObject();
        JackpotEventWriter.WriteProperties(writer, reason, fields, JackpotEventLayout.Service);
        writer.WriteEndObject();
    }
}
