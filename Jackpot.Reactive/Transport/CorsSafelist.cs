using System.Buffers;

namespace Jackpot.Reactive;

/// <summary>
/// Which request headers a browser sends cross-origin without a CORS preflight (the Fetch standard's
/// "CORS-safelisted request-header"), as far as a GET of an event stream can carry them: <c>Accept</c>,
/// <c>Accept-Language</c> and <c>Content-Language</c> with short values of the allowed characters. Everything else —
/// <c>Last-Event-ID</c>, <c>Cache-Control</c>, <c>Authorization</c>, any <c>X-</c> header — needs a preflight.
/// </summary>
internal static class CorsSafelist
{
    /// <summary>The longest value of a safelisted header, in characters.</summary>
    private const int MaxValueLength = 128;

    /// <summary>The bytes an <c>Accept</c> value may not contain to stay safelisted (besides control characters, which
    /// header validation already refuses).</summary>
    private static readonly SearchValues<char> UnsafeAcceptCharacters = SearchValues.Create("\"():<>?@[\\]{}\u007f");

    /// <summary>Gets a value indicating whether a header is sent without a preflight.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value.</param>
    /// <returns>True when it is CORS-safelisted.</returns>
    public static bool IsSafelisted(string name, string value)
    {
        if (value.Length > MaxValueLength)
        {
            return false;
        }

        if (string.Equals(name, "Accept", StringComparison.OrdinalIgnoreCase))
        {
            return !value.AsSpan().ContainsAny(UnsafeAcceptCharacters);
        }

        if (string.Equals(name, "Accept-Language", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Content-Language", StringComparison.OrdinalIgnoreCase))
        {
            foreach (char c in value)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is ' ' or '*' or ',' or '-' or '.' or ';' or '='))
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }
}
