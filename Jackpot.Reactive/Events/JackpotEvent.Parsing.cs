using System.Diagnostics.CodeAnalysis;

namespace Jackpot.Reactive;

public abstract partial record JackpotEvent
{
    /// <summary>Parses one event payload (UTF-8 JSON).</summary>
    /// <param name="utf8Json">The payload.</param>
    /// <returns>The event; <see cref="UnknownJackpotEvent"/> for a reason this version does not know.</returns>
    /// <exception cref="JackpotEventFormatException">The payload is malformed; the message names the field and the problem,
    /// and <see cref="JackpotEventFormatException.Field"/> is the field (null when the payload as a whole is at fault).</exception>
    /// <remarks>
    /// <para>The payload must be exactly one JSON object. Field order does not matter and unknown fields are skipped.
    /// A known field appearing twice is an error (other readers could take either copy).</para>
    /// <para><c>reason</c> is always required (a non-empty string). For <c>jackpot_value</c>, <c>jackpot_won_other</c> and
    /// <c>jackpot_won</c> these are required too: <c>jackpot</c> and <c>jackpotInstance</c> (non-empty, non-whitespace
    /// strings), <c>channel</c> (a valid <see cref="ChannelName"/>), <c>currency</c> (1 to 16 ASCII letters or digits, kept
    /// as sent: <c>EUR</c>, <c>USDT</c>, <c>mBTC</c>), <c>value</c>, and for the two wins <c>jackpotNewInstance</c>.</para>
    /// <para><c>value</c> is parsed culture-invariantly and exactly, never guessed: a string of ASCII digits, optionally
    /// grouped in threes by <c>,</c> (always a thousands separator), optionally followed by <c>.</c> and at least one digit
    /// — <c>"372.2"</c>, <c>"360.00"</c>, <c>"1,408.20"</c> — with at most 28 digits; or a JSON number in plain notation.
    /// Signs, exponents, spaces, <c>NaN</c> and misplaced separators (<c>"1,40.2"</c>, <c>"372,2"</c>) are rejected.
    /// <see cref="RawValue"/> keeps the text as sent and <see cref="Amount"/> its scale (<c>360.00</c>).</para>
    /// <para>For any other reason the result is an <see cref="UnknownJackpotEvent"/> with the whole payload; its common
    /// fields are filled when present and valid by the rules above and left at their defaults otherwise, since a new
    /// reason may come with a new schema.</para>
    /// <para>Strings that repeat from event to event (ids, channel, currency, value) come from small bounded caches and
    /// are shared between events; parsing is thread-safe.</para>
    /// </remarks>
    public static JackpotEvent Parse(ReadOnlySpan<byte> utf8Json) =>
        TryParse(utf8Json, out var result, out var error) ? result : throw error;

    /// <summary>Parses one event payload (JSON text).</summary>
    /// <param name="json">The payload.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JackpotEventFormatException">The payload is malformed.</exception>
    /// <remarks>The rules are those of <see cref="Parse(ReadOnlySpan{byte})"/>; <see cref="UnknownJackpotEvent.Payload"/>
    /// is <paramref name="json"/> itself.</remarks>
    public static JackpotEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JackpotEventDecoder.TryDecode(json, out var result, out var error) ? result : throw error;
    }

    /// <summary>Tries to parse one event payload (UTF-8 JSON).</summary>
    /// <param name="utf8Json">The payload.</param>
    /// <param name="result">The event, when the payload is valid.</param>
    /// <returns><see langword="true"/> when the payload is a valid event.</returns>
    /// <remarks>The rules are those of <see cref="Parse(ReadOnlySpan{byte})"/>.</remarks>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out JackpotEvent? result) =>
        TryParse(utf8Json, out result, out _);

    /// <summary>Tries to parse one event payload (UTF-8 JSON), reporting what is wrong.</summary>
    /// <param name="utf8Json">The payload.</param>
    /// <param name="result">The event, when the payload is valid.</param>
    /// <param name="error">The same error <see cref="Parse(ReadOnlySpan{byte})"/> would throw, when it is not.</param>
    /// <returns><see langword="true"/> when the payload is a valid event.</returns>
    /// <remarks>The rules are those of <see cref="Parse(ReadOnlySpan{byte})"/>. Nothing is thrown for a malformed payload.</remarks>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8Json,
        [NotNullWhen(true)] out JackpotEvent? result,
        [NotNullWhen(false)] out JackpotEventFormatException? error) =>
        JackpotEventDecoder.TryDecode(utf8Json, out result, out error);

    /// <summary>Tries to parse one event payload (JSON text).</summary>
    /// <param name="json">The payload.</param>
    /// <param name="result">The event, when the payload is valid.</param>
    /// <returns><see langword="true"/> when the payload is a valid event.</returns>
    public static bool TryParse([NotNullWhen(true)] string? json, [NotNullWhen(true)] out JackpotEvent? result) =>
        TryParse(json, out result, out _);

    /// <summary>Tries to parse one event payload (JSON text), reporting what is wrong.</summary>
    /// <param name="json">The payload.</param>
    /// <param name="result">The event, when the payload is valid.</param>
    /// <param name="error">The same error <see cref="Parse(string)"/> would throw, when it is not; for a null
    /// <paramref name="json"/>, an error with a null <see cref="JackpotEventFormatException.Field"/>.</param>
    /// <returns><see langword="true"/> when the payload is a valid event.</returns>
    public static bool TryParse(
        [NotNullWhen(true)] string? json,
        [NotNullWhen(true)] out JackpotEvent? result,
        [NotNullWhen(false)] out JackpotEventFormatException? error)
    {
        if (json is null)
        {
            result = null;
            error = new JackpotEventFormatException(null, "The payload is null.");
            return false;
        }

        return JackpotEventDecoder.TryDecode(json, out result, out error);
    }
}
