using System.Diagnostics.CodeAnalysis;

namespace Jackpot.Reactive;

public abstract partial record JackpotEvent
{
    /// <summary>Parses one event payload (UTF-8 JSON).</summary>
    /// <param name="utf8Json">The payload.</param>
    /// <returns>The event; <see cref="UnknownJackpotEvent"/> for a reason this version does not know.</returns>
    /// <exception cref="JackpotEventFormatException">The payload is malformed; the message names the field and the problem.</exception>
    public static JackpotEvent Parse(ReadOnlySpan<byte> utf8Json) =>
        TryParse(utf8Json, out var result, out var error) ? result : throw error;

    /// <summary>Parses one event payload (JSON text).</summary>
    /// <param name="json">The payload.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JackpotEventFormatException">The payload is malformed.</exception>
    public static JackpotEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JackpotEventDecoder.TryDecode(json, out var result, out var error) ? result : throw error;
    }

    /// <summary>Tries to parse one event payload (UTF-8 JSON).</summary>
    /// <param name="utf8Json">The payload.</param>
    /// <param name="result">The event, when the payload is valid.</param>
    /// <returns><see langword="true"/> when the payload is a valid event.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out JackpotEvent? result) =>
        TryParse(utf8Json, out result, out _);

    /// <summary>Tries to parse one event payload (UTF-8 JSON), reporting what is wrong.</summary>
    /// <param name="utf8Json">The payload.</param>
    /// <param name="result">The event, when the payload is valid.</param>
    /// <param name="error">The same error <see cref="Parse(ReadOnlySpan{byte})"/> would throw, when it is not.</param>
    /// <returns><see langword="true"/> when the payload is a valid event.</returns>
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
    /// <param name="error">What is wrong, when it is not.</param>
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
