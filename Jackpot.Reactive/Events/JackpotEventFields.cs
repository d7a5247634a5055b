using System.Text.Json;

namespace Jackpot.Reactive;

/// <summary>The fields of an event payload the decoder knows.</summary>
internal enum JackpotEventField
{
    None,
    Reason,
    Jackpot,
    Instance,
    Channel,
    Currency,
    Value,
    NewInstance,
}

/// <summary>One field's value as found in the payload, before it is interpreted.</summary>
internal ref struct JackpotEventFieldToken
{
    /// <summary>Whether the payload has the field.</summary>
    public bool Present;

    /// <summary>The JSON type of the value.</summary>
    public JsonTokenType Type;

    /// <summary>The unescaped UTF-8 text of a string, or the text of a number; empty otherwise.</summary>
    public ReadOnlySpan<byte> Text;

    /// <summary>Whether a string could not be unescaped (an escape that is not valid UTF-16, for example).</summary>
    public bool HasInvalidEscape;
}

/// <summary>The known fields of one payload, collected in one pass so their order does not matter.</summary>
internal ref struct JackpotEventFields
{
    public const string ReasonField = "reason";
    public const string JackpotField = "jackpot";
    public const string InstanceField = "jackpotInstance";
    public const string ChannelField = "channel";
    public const string CurrencyField = "currency";
    public const string ValueField = "value";
    public const string NewInstanceField = "jackpotNewInstance";

    public JackpotEventFieldToken Reason;
    public JackpotEventFieldToken Jackpot;
    public JackpotEventFieldToken Instance;
    public JackpotEventFieldToken Channel;
    public JackpotEventFieldToken Currency;
    public JackpotEventFieldToken Value;
    public JackpotEventFieldToken NewInstance;

    /// <summary>The previous event decoded from the same stream, if any: its texts are reused when a field repeats them,
    /// so a channel's steady events neither allocate nor look up their ids, channel and currency again.</summary>
    public JackpotEvent? Previous;

    /// <summary>Identifies the property the reader is on (escaped names included).</summary>
    public static JackpotEventField Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return IdentifyEscaped(ref reader);
        }

        ReadOnlySpan<byte> name = reader.ValueSpan;
        return name.Length switch
        {
            5 when name.SequenceEqual("value"u8) => JackpotEventField.Value,
            6 when name.SequenceEqual("reason"u8) => JackpotEventField.Reason,
            7 when name.SequenceEqual("jackpot"u8) => JackpotEventField.Jackpot,
            7 when name.SequenceEqual("channel"u8) => JackpotEventField.Channel,
            8 when name.SequenceEqual("currency"u8) => JackpotEventField.Currency,
            15 when name.SequenceEqual("jackpotInstance"u8) => JackpotEventField.Instance,
            18 when name.SequenceEqual("jackpotNewInstance"u8) => JackpotEventField.NewInstance,
            _ => JackpotEventField.None,
        };
    }

    /// <summary>The JSON name of a field.</summary>
    public static string NameOf(JackpotEventField field) => field switch
    {
        JackpotEventField.Reason => ReasonField,
        JackpotEventField.Jackpot => JackpotField,
        JackpotEventField.Instance => InstanceField,
        JackpotEventField.Channel => ChannelField,
        JackpotEventField.Currency => CurrencyField,
        JackpotEventField.Value => ValueField,
        JackpotEventField.NewInstance => NewInstanceField,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a known field."),
    };

    /// <summary>The slot of a known field.</summary>
    public static ref JackpotEventFieldToken Slot(ref JackpotEventFields fields, JackpotEventField field)
    {
        switch (field)
        {
            case JackpotEventField.Reason: return ref fields.Reason;
            case JackpotEventField.Jackpot: return ref fields.Jackpot;
            case JackpotEventField.Instance: return ref fields.Instance;
            case JackpotEventField.Channel: return ref fields.Channel;
            case JackpotEventField.Currency: return ref fields.Currency;
            case JackpotEventField.Value: return ref fields.Value;
            case JackpotEventField.NewInstance: return ref fields.NewInstance;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not a known field.");
        }
    }

    private static JackpotEventField IdentifyEscaped(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("value"u8) ? JackpotEventField.Value
        : reader.ValueTextEquals("reason"u8) ? JackpotEventField.Reason
        : reader.ValueTextEquals("jackpot"u8) ? JackpotEventField.Jackpot
        : reader.ValueTextEquals("channel"u8) ? JackpotEventField.Channel
        : reader.ValueTextEquals("currency"u8) ? JackpotEventField.Currency
        : reader.ValueTextEquals("jackpotInstance"u8) ? JackpotEventField.Instance
        : reader.ValueTextEquals("jackpotNewInstance"u8) ? JackpotEventField.NewInstance
        : JackpotEventField.None;
}
