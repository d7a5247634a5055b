using System.Text.Encodings.Web;
using System.Text.Json;

namespace Jackpot.Reactive.Testing;

/// <summary>How <see cref="JackpotEventWriter"/> lays an event's fields out.</summary>
internal enum JackpotEventLayout
{
    /// <summary>As the push service sends it: <c>reason</c>, <c>jackpotInstance</c>, <c>jackpot</c>, <c>channel</c>,
    /// <c>currency</c>, <c>value</c> (a string) and, for wins, <c>jackpotNewInstance</c>; every field, even empty.</summary>
    Service,

    /// <summary>For reading (the <c>tail</c> command's output): <c>jackpot</c> before <c>jackpotInstance</c>, empty fields
    /// left out (an unknown reason may come without some), and the parsed <c>amount</c> after <c>value</c>.</summary>
    Readable,
}

/// <summary>
/// The one rule for writing a <see cref="JackpotEvent"/>'s fields as JSON: their names, which events carry a new
/// instance, and the writer options. Used by the Testing package (<see cref="JackpotEventJson"/>) and compiled into the
/// samples for the <c>tail</c> command (as core files are compiled into the Orleans package, see
/// <c>docs/decisions/0006-core-files-compiled-into-orleans.md</c>).
/// </summary>
internal static class JackpotEventWriter
{
    /// <summary>Compact, and readable: e-mail addresses and non-ASCII text as they are; only what JSON requires is escaped
    /// (the output is never embedded in HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The instance a win starts, or null for events that are not wins.</summary>
    public static JackpotInstanceId? NewInstanceOf(JackpotEvent jackpotEvent) => jackpotEvent switch
    {
        JackpotWonByOther won => won.NewInstance,
        JackpotWon won => won.NewInstance,
        _ => null,
    };

    /// <summary>Writes the fields of <paramref name="fields"/> (without the enclosing braces), its reason given as
    /// <paramref name="reason"/>.</summary>
    public static void WriteProperties(Utf8JsonWriter writer, string reason, JackpotEvent fields, JackpotEventLayout layout)
    {
        bool readable = layout == JackpotEventLayout.Readable;
        writer.WriteString("reason", reason);
        if (readable)
        {
            Write(writer, "jackpot", fields.Jackpot.Value, readable);
            Write(writer, "jackpotInstance", fields.Instance.Value, readable);
        }
        else
        {
            Write(writer, "jackpotInstance", fields.Instance.Value, readable);
            Write(writer, "jackpot", fields.Jackpot.Value, readable);
        }

        Write(writer, "channel", fields.Channel.RawValue, readable);
        Write(writer, "currency", fields.Currency, readable);
        Write(writer, "value", fields.RawValue, readable);
        if (readable && fields.RawValue.Length > 0)
        {
            writer.WriteNumber("amount", fields.Amount);
        }

        if (NewInstanceOf(fields) is { } instance)
        {
            writer.WriteString("jackpotNewInstance", instance.Value);
        }
    }

    private static void Write(Utf8JsonWriter writer, string name, string value, bool leaveOutEmpty)
    {
        if (!leaveOutEmpty || value.Length > 0)
        {
            writer.WriteString(name, value);
        }
    }
}
