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
            if (string.IsNullOrEmpty(name) || !IsToken(name))
            {
                throw new ArgumentException($"'{name}' is not a valid HTTP header name.", paramName);
            }

            if (value is null || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw new ArgumentException($"The value of header '{name}' is null or contains CR, LF or NUL.", paramName);
            }
        }
    }

    private static bool IsToken(string name)
    {
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
}
