using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Jackpot.Reactive.Simulator;

/// <summary>One event as the service would publish it, before it is formatted.</summary>
internal readonly record struct JackpotPayload(
    string Reason,
    string Instance,
    string Jackpot,
    string Channel,
    string Currency,
    decimal Amount,
    string? NewInstance);

/// <summary>Formats payloads exactly as the service does: field order, string amounts such as <c>"1,408.20"</c>.</summary>
internal static class JackpotPayloadFormatter
{
    private const string PaddingProperty = "padding";

    // JSON.stringify leaves '@', '+', '<' and non-ASCII letters alone; so does the relaxed encoder.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Formats an amount culture-invariantly with thousands separators and two decimals.</summary>
    public static string FormatAmount(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    public static byte[] ToJson(in JackpotPayload payload) => Write(payload, omitInstance: false, valueText: null, paddingBytes: 0);

    public static byte[] ToMalformedJson(in JackpotPayload payload, MalformedPayloadKind kind)
    {
        switch (kind)
        {
            case MalformedPayloadKind.MissingField:
                return Write(payload, omitInstance: true, valueText: null, paddingBytes: 0);
            case MalformedPayloadKind.UnparseableValue:
                return Write(payload, omitInstance: false, valueText: "12x.50", paddingBytes: 0);
            default:
                byte[] whole = ToJson(payload);
                return whole[..(whole.Length / 2)];
        }
    }

    /// <summary>A well-formed <c>jackpot_value</c> payload of exactly <paramref name="sizeBytes"/> bytes (at least its bare size).</summary>
    public static byte[] ToOversizedJson(in JackpotPayload payload, int sizeBytes)
    {
        var value = payload with { Reason = JackpotReasons.Value, NewInstance = null };
        int bare = ToJson(value).Length;
        int overhead = PaddingProperty.Length + 6; // ,"padding":""
        return Write(value, omitInstance: false, valueText: null, paddingBytes: Math.Max(0, sizeBytes - bare - overhead));
    }

    private static byte[] Write(in JackpotPayload payload, bool omitInstance, string? valueText, int paddingBytes)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + paddingBytes);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("reason"u8, payload.Reason);
            if (!omitInstance)
            {
                writer.WriteString("jackpotInstance"u8, payload.Instance);
            }

            writer.WriteString("jackpot"u8, payload.Jackpot);
            writer.WriteString("channel"u8, payload.Channel);
            writer.WriteString("currency"u8, payload.Currency);
            writer.WriteString("value"u8, valueText ?? FormatAmount(payload.Amount));
            if (payload.NewInstance is not null)
            {
                writer.WriteString("jackpotNewInstance"u8, payload.NewInstance);
            }

            if (paddingBytes > 0)
            {
                writer.WriteString(PaddingProperty, new string('x', paddingBytes));
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
