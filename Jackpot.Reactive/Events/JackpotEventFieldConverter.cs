using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Jackpot.Reactive;

/// <summary>
/// Interprets the fields of a payload. Each method returns <see langword="null"/> on success, or the problem (a phrase
/// that completes "The 'field' field …") when the field is missing or invalid; the decoder decides whether that is fatal.
/// </summary>
/// <remarks>Strings come from bounded caches, so values that repeat on every event are not allocated again.</remarks>
internal static class JackpotEventFieldConverter
{
    /// <summary>The longest currency code accepted.</summary>
    public const int MaxCurrencyLength = 16;

    private const int MaxEchoedChars = 40;

    private static readonly Utf8StringCache Strings = new(512);
    private static readonly Utf8StringCache RawValues = new(256);
    private static readonly ChannelNameCache Channels = new(64);

    private static readonly SearchValues<byte> CurrencyBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"u8);

    /// <summary>Reads a string field (an id or the reason): a JSON string, valid UTF-8, neither empty nor whitespace.</summary>
    public static string? ReadText(in JackpotEventFieldToken token, out string? value)
    {
        value = null;
        if (RequireString(token) is { } problem)
        {
            return problem;
        }

        if (!Strings.TryGetOrAdd(token.Text, out string? text))
        {
            return InvalidUtf8;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return "is empty or whitespace";
        }

        value = text;
        return null;
    }

    /// <summary>Reads a string field that may repeat <paramref name="known"/> (the same field of the stream's previous
    /// event): then that string is the value, without a cache lookup; otherwise as <see cref="ReadText(in JackpotEventFieldToken, out string?)"/>.</summary>
    public static string? ReadText(in JackpotEventFieldToken token, string? known, out string? value)
    {
        if (Repeats(token, known))
        {
            value = known;
            return null;
        }

        return ReadText(token, out value);
    }

    /// <summary>Reads the currency, reusing <paramref name="known"/> when the field repeats it.</summary>
    public static string? ReadCurrency(in JackpotEventFieldToken token, string? known, out string? value)
    {
        if (Repeats(token, known))
        {
            value = known;
            return null;
        }

        return ReadCurrency(token, out value);
    }

    /// <summary>Reads the channel, reusing <paramref name="known"/> when the field repeats its name.</summary>
    public static string? ReadChannel(in JackpotEventFieldToken token, ChannelName known, out ChannelName value)
    {
        if (known.RawValue.Length > 0 && Repeats(token, known.RawValue))
        {
            value = known;
            return null;
        }

        return ReadChannel(token, out value);
    }

    /// <summary>Reads the currency: 1 to <see cref="MaxCurrencyLength"/> ASCII letters or digits, kept as sent.</summary>
    public static string? ReadCurrency(in JackpotEventFieldToken token, out string? value)
    {
        value = null;
        if (RequireString(token) is { } problem)
        {
            return problem;
        }

        ReadOnlySpan<byte> text = token.Text;
        if (text.IsEmpty || text.Length > MaxCurrencyLength || text.ContainsAnyExcept(CurrencyBytes))
        {
            return $"({Echo(text)}) is not a valid currency code; expected 1 to {MaxCurrencyLength} ASCII letters or digits (e.g. \"EUR\")";
        }

        // ASCII only, so always valid UTF-8.
        _ = Strings.TryGetOrAdd(text, out value);
        return null;
    }

    /// <summary>Whether the field is a well-formed string whose text is exactly <paramref name="known"/> (already validated
    /// when it was read before).</summary>
    private static bool Repeats(in JackpotEventFieldToken token, string? known) =>
        known is not null
        && token.Present
        && token.Type == JsonTokenType.String
        && !token.HasInvalidEscape
        && Utf8CacheKey.Matches(token.Text, known);

    /// <summary>Reads the channel: a valid channel name. The name is never echoed: it may contain a player id.</summary>
    public static string? ReadChannel(in JackpotEventFieldToken token, out ChannelName value)
    {
        value = default;
        if (RequireString(token) is { } problem)
        {
            return problem;
        }

        return Channels.TryGetOrAdd(token.Text, out value)
            ? null
            : "is not a valid channel name; expected '<WorkspaceId>_broadcast_<JackpotGroupId>' or '<WorkspaceId>_user_<PlayerId>' " +
              "with non-empty ids, in valid UTF-8";
    }

    /// <summary>Reads the value: a string such as <c>"1,408.20"</c> or a plain JSON number (see <see cref="JackpotAmountParser"/>).</summary>
    public static string? ReadValue(in JackpotEventFieldToken token, out decimal amount, out string? rawValue)
    {
        amount = default;
        rawValue = null;
        if (Presence(token) is { } missing)
        {
            return missing;
        }

        string? problem;
        switch (token.Type)
        {
            case JsonTokenType.String when token.HasInvalidEscape:
                return InvalidUtf8;
            case JsonTokenType.String:
                _ = JackpotAmountParser.TryParseString(token.Text, out amount, out problem);
                break;
            case JsonTokenType.Number:
                _ = JackpotAmountParser.TryParseNumber(token.Text, out amount, out problem);
                break;
            default:
                return $"must be a JSON string or number, not {Describe(token.Type)}";
        }

        if (problem is not null)
        {
            amount = default;
            return $"({Echo(token.Text)}) {problem}";
        }

        // A valid amount is ASCII only, so always valid UTF-8.
        _ = RawValues.TryGetOrAdd(token.Text, out rawValue);
        return null;
    }

    private const string InvalidUtf8 = "is not valid UTF-8 text (or has an escape that is not valid UTF-16)";


    private static string? Presence(in JackpotEventFieldToken token) =>
        !token.Present ? "is missing"
        : token.Type == JsonTokenType.Null ? "is null"
        : null;

    private static string? RequireString(in JackpotEventFieldToken token) =>
        Presence(token) is { } missing ? missing
        : token.Type != JsonTokenType.String ? $"must be a JSON string, not {Describe(token.Type)}"
        : token.HasInvalidEscape ? InvalidUtf8
        : null;

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        _ => type.ToString(),
    };

    // Shows a short, printable form of a rejected value: enough to recognise it, never a whole payload.
    private static string Echo(ReadOnlySpan<byte> text)
    {
        string decoded = Encoding.UTF8.GetString(text);
        var builder = new StringBuilder("\"", MaxEchoedChars + 8);
        foreach (char c in decoded.Length > MaxEchoedChars ? decoded[..MaxEchoedChars] : decoded)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.Append(decoded.Length > MaxEchoedChars ? "\"…" : "\"").ToString();
    }
}
