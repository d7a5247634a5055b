using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Jackpot.Reactive;

/// <summary>
/// Decodes event payloads with <see cref="Utf8JsonReader"/> in one pass, allocating only the event (and the value
/// string when it has not been seen recently).
/// </summary>
/// <remarks>
/// Rules (the public contract is on <see cref="JackpotEvent"/>'s <c>Parse</c> methods):
/// <list type="bullet">
/// <item>The payload is one JSON object, nothing before or after it; field order does not matter; fields the decoder
/// does not know are skipped whatever their value.</item>
/// <item>A known field (<c>reason</c>, <c>jackpot</c>, <c>jackpotInstance</c>, <c>channel</c>, <c>currency</c>,
/// <c>value</c>, <c>jackpotNewInstance</c>) may appear only once: a duplicate is an error, because other readers of
/// the same payload could disagree about which one counts.</item>
/// <item><c>reason</c> is always required and must be a non-empty string.</item>
/// <item>For a known reason every other field is required and must be valid, <c>channel</c> included (the service
/// always sends it, and streams are merged and keyed by it); wins also require <c>jackpotNewInstance</c>, which
/// is ignored on a <c>jackpot_value</c> event.</item>
/// <item>For an unknown reason (<see cref="UnknownJackpotEvent"/>) the common fields are read when present and valid and
/// left at their defaults otherwise: their schema may have changed with the new reason.</item>
/// </list>
/// </remarks>
internal static class JackpotEventDecoder
{
    private const int StackEncodingLimit = 1024;

    /// <summary>Decodes a UTF-8 payload.</summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> utf8Json,
        [NotNullWhen(true)] out JackpotEvent? result,
        [NotNullWhen(false)] out JackpotEventFormatException? error) =>
        TryDecode(utf8Json, json: null, out result, out error);

    /// <summary>Decodes a payload given as text; the text becomes <see cref="UnknownJackpotEvent.Payload"/> as is.</summary>
    public static bool TryDecode(
        string json,
        [NotNullWhen(true)] out JackpotEvent? result,
        [NotNullWhen(false)] out JackpotEventFormatException? error)
    {
        int maxBytes = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = maxBytes > StackEncodingLimit ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[StackEncodingLimit];
            int length = Encoding.UTF8.GetBytes(json, buffer);
            return TryDecode(buffer[..length], json, out result, out error);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes a UTF-8 payload of a stream whose previous event was <paramref name="previous"/>: fields that
    /// repeat its texts reuse them.</summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> utf8Json,
        JackpotEvent? previous,
        [NotNullWhen(true)] out JackpotEvent? result,
        [NotNullWhen(false)] out JackpotEventFormatException? error) =>
        TryDecode(utf8Json, json: null, previous, out result, out error);

    private static bool TryDecode(
        ReadOnlySpan<byte> utf8Json,
        string? json,
        [NotNullWhen(true)] out JackpotEvent? result,
        [NotNullWhen(false)] out JackpotEventFormatException? error) =>
        TryDecode(utf8Json, json, previous: null, out result, out error);

    private static bool TryDecode(
        ReadOnlySpan<byte> utf8Json,
        string? json,
        JackpotEvent? previous,
        [NotNullWhen(true)] out JackpotEvent? result,
        [NotNullWhen(false)] out JackpotEventFormatException? error)
    {
        var fields = default(JackpotEventFields);
        fields.Previous = previous;
        result = TryReadFields(utf8Json, ref fields, out error) ? Build(ref fields, utf8Json, json, out error) : null;
        return result is not null;
    }

    private static bool TryReadFields(
        ReadOnlySpan<byte> utf8Json,
        ref JackpotEventFields fields,
        [NotNullWhen(false)] out JackpotEventFormatException? error)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new JackpotEventFormatException(null, "The payload must be a JSON object.");
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = JackpotEventFields.Identify(ref reader);
                reader.Read();
                if (field == JackpotEventField.None)
                {
                    reader.Skip();
                    continue;
                }

                ref var token = ref JackpotEventFields.Slot(ref fields, field);
                if (token.Present)
                {
                    string name = JackpotEventFields.NameOf(field);
                    error = new JackpotEventFormatException(name, $"The '{name}' field appears more than once; a payload must have each field once.");
                    return false;
                }

                token.Present = true;
                token.Type = reader.TokenType;
                if (token.Type == JsonTokenType.String)
                {
                    token.Text = reader.ValueIsEscaped ? Unescape(ref reader, out token.HasInvalidEscape) : reader.ValueSpan;
                }
                else if (token.Type == JsonTokenType.Number)
                {
                    token.Text = reader.ValueSpan;
                }
                else
                {
                    reader.Skip();
                }
            }

            // The reader has matched the closing brace; one more read throws if anything but whitespace follows.
            if (reader.Read())
            {
                error = new JackpotEventFormatException(null, "The payload has content after its JSON object.");
                return false;
            }

            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = new JackpotEventFormatException($"The payload is not valid JSON: {ex.Message}", ex);
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // A property name the reader cannot turn into text, e.g. an escaped lone surrogate ("\ud800").
            error = new JackpotEventFormatException($"The payload is not valid JSON: {ex.Message}", ex);
            return false;
        }
    }

    // Rare: the service does not escape. Unescape into a buffer of our own; the text outlives the reader's token.
    private static ReadOnlySpan<byte> Unescape(scoped ref Utf8JsonReader reader, out bool invalid)
    {
        byte[] buffer = new byte[reader.ValueSpan.Length];
        try
        {
            int length = reader.CopyString(buffer);
            invalid = false;
            return buffer.AsSpan(0, length);
        }
        catch (InvalidOperationException)
        {
            invalid = true;
            return default;
        }
    }

    private static JackpotEvent? Build(ref JackpotEventFields fields, ReadOnlySpan<byte> utf8Json, string? json, out JackpotEventFormatException? error)
    {
        // Known reasons are matched on the bytes; only an unknown one needs a string of its own.
        ref readonly var reasonToken = ref fields.Reason;
        if (reasonToken.Present && reasonToken.Type == JsonTokenType.String && !reasonToken.HasInvalidEscape)
        {
            string? known = reasonToken.Text.SequenceEqual("jackpot_value"u8) ? JackpotReasons.Value
                : reasonToken.Text.SequenceEqual("jackpot_won_other"u8) ? JackpotReasons.WonByOther
                : reasonToken.Text.SequenceEqual("jackpot_won"u8) ? JackpotReasons.Won
                : null;
            if (known is not null)
            {
                return BuildKnown(ref fields, known, out error);
            }
        }

        if (JackpotEventFieldConverter.ReadText(reasonToken, out string? reason) is { } reasonProblem)
        {
            error = Fail(JackpotEventFields.ReasonField, reasonProblem);
            return null;
        }

        error = null;
        return BuildUnknown(ref fields, reason!, utf8Json, json);
    }

    private static JackpotEvent? BuildKnown(ref JackpotEventFields fields, string reason, out JackpotEventFormatException? error)
    {
        string? problem;
        string? field;
        string? newInstance = null;
        var previous = fields.Previous;
        if ((problem = JackpotEventFieldConverter.ReadText(fields.Jackpot, previous?.Jackpot.Value, out string? jackpot)) is not null)
        {
            field = JackpotEventFields.JackpotField;
        }
        else if ((problem = JackpotEventFieldConverter.ReadText(fields.Instance, previous?.Instance.Value, out string? instance)) is not null)
        {
            field = JackpotEventFields.InstanceField;
        }
        else if ((problem = JackpotEventFieldConverter.ReadChannel(fields.Channel, previous?.Channel ?? default, out var channel)) is not null)
        {
            field = JackpotEventFields.ChannelField;
        }
        else if ((problem = JackpotEventFieldConverter.ReadCurrency(fields.Currency, previous?.Currency, out string? currency)) is not null)
        {
            field = JackpotEventFields.CurrencyField;
        }
        else if ((problem = JackpotEventFieldConverter.ReadValue(fields.Value, out decimal amount, out string? rawValue)) is not null)
        {
            field = JackpotEventFields.ValueField;
        }
        else if (!string.Equals(reason, JackpotReasons.Value, StringComparison.Ordinal)
            && (problem = JackpotEventFieldConverter.ReadText(fields.NewInstance, out newInstance)) is not null)
        {
            field = JackpotEventFields.NewInstanceField;
            if (!fields.NewInstance.Present)
            {
                problem += $"; a '{reason}' event must name the instance that starts after the win";
            }
        }
        else
        {
            error = null;
            var jackpotId = new JackpotId(jackpot!);
            var instanceId = new JackpotInstanceId(instance!);
            return reason switch
            {
                JackpotReasons.Value => new JackpotValueUpdated(jackpotId, instanceId, channel, currency!, amount, rawValue!),
                JackpotReasons.WonByOther => new JackpotWonByOther(jackpotId, instanceId, channel, currency!, amount, rawValue!, new JackpotInstanceId(newInstance!)),
                _ => new JackpotWon(jackpotId, instanceId, channel, currency!, amount, rawValue!, new JackpotInstanceId(newInstance!)),
            };
        }

        error = Fail(field, problem);
        return null;
    }

    private static UnknownJackpotEvent BuildUnknown(ref JackpotEventFields fields, string reason, ReadOnlySpan<byte> utf8Json, string? json)
    {
        var jackpot = JackpotEventFieldConverter.ReadText(fields.Jackpot, out string? jackpotText) is null
            ? new JackpotId(jackpotText!)
            : default;
        var instance = JackpotEventFieldConverter.ReadText(fields.Instance, out string? instanceText) is null
            ? new JackpotInstanceId(instanceText!)
            : default;
        if (JackpotEventFieldConverter.ReadChannel(fields.Channel, out var channel) is not null)
        {
            channel = default;
        }

        if (JackpotEventFieldConverter.ReadCurrency(fields.Currency, out string? currency) is not null)
        {
            currency = null;
        }

        if (JackpotEventFieldConverter.ReadValue(fields.Value, out decimal amount, out string? rawValue) is not null)
        {
            (amount, rawValue) = (0m, null);
        }

        return new UnknownJackpotEvent(
            reason,
            jackpot,
            instance,
            channel,
            currency ?? string.Empty,
            amount,
            rawValue ?? string.Empty,
            json ?? Encoding.UTF8.GetString(utf8Json));
    }

    private static JackpotEventFormatException Fail(string field, string problem) =>
        new(field, $"The '{field}' field {problem}.");
}
