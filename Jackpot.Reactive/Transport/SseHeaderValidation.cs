namespace Jackpot.Reactive;

/// <summary>Checks extra request headers before they reach a request.</summary>
internal static class SseHeaderValidation
{
    /// <summary>Throws when a header name is not an HTTP token or a value contains CR, LF or NUL (header injection).</summary>
    /// <param name="headers">The headers.</param>
    /// <param name="paramName">The argument name to report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    /// <exception cref="ArgumentException">A header is invalid.</exception>
    public static void ThrowIfInvalid(IReadOnlyList<KeyValuePair<string, string>> headers, string paramName)
    {
        ArgumentNullException.ThrowIfNull(headers, paramName);
        foreach (var (name, value) in headers)
        {
            if (!IsValidName(name))
            {
                throw new ArgumentException($"'{name}' is not a valid HTTP header name.", paramName);
            }

            if (!IsValidValue(value))
            {
                throw new ArgumentException($"The value of header '{name}' is null or contains CR, LF or NUL.", paramName);
            }
        }
    }

    /// <summary>Gets a value indicating whether <paramref name="name"/> is an HTTP token (RFC 9110 §5.6.2).</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (char c in name)
        {
            bool isTokenChar = char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
            if (!isTokenChar)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Gets a value indicating whether <paramref name="value"/> is a header value that cannot inject another
    /// header: not null, no CR, LF or NUL.</summary>
    public static bool IsValidValue(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0;
}
