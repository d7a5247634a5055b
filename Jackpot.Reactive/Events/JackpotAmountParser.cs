using System.Globalization;

namespace Jackpot.Reactive;

/// <summary>
/// Parses the <c>value</c> of an event into an exact <see cref="decimal"/>, whatever the current culture.
/// </summary>
/// <remarks>
/// <para>A string value must be, byte for byte (no spaces, no sign, no exponent, ASCII digits only):</para>
/// <list type="bullet">
/// <item>an integer part: plain digits (<c>1408</c>), or digits grouped in threes by <c>,</c> with a first group of
/// one to three digits that does not start with <c>0</c> (<c>1,408</c>, <c>12,345,678</c>); <c>,</c> is always a
/// thousands separator, never a decimal comma;</item>
/// <item>optionally <c>.</c> and at least one digit (<c>372.2</c>, <c>360.00</c>, <c>1,408.20</c>);</item>
/// <item>at most 28 digits in all, so every accepted value is represented exactly (the scale is kept: <c>360.00</c>).</item>
/// </list>
/// <para>So <c>1,40.2</c>, <c>372,2</c>, <c>1,408.</c>, <c>.5</c>, <c>-5</c>, <c>+5</c>, <c>1e3</c>, <c>NaN</c>,
/// <c> 5</c> and the empty string are rejected rather than guessed at.</para>
/// <para>A JSON number value follows the same rule without grouping: a negative number or one in exponent notation
/// is rejected (jackpot amounts are never negative, and an exponent could round).</para>
/// </remarks>
internal static class JackpotAmountParser
{
    /// <summary>The most digits an amount may have: every such value is an exact <see cref="decimal"/>.</summary>
    public const int MaxDigits = 28;

    private const int MaxUInt64Digits = 19;

    public const string ExpectedForm =
        "expected ASCII digits, optionally grouped in threes by ',', then optionally '.' and at least one digit (e.g. \"1,408.20\")";

    /// <summary>Parses a string value such as <c>1,408.20</c>.</summary>
    /// <param name="utf8">The string's text, unescaped.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="problem">What is wrong, when parsing fails.</param>
    /// <returns><see langword="true"/> when the text is a valid amount.</returns>
    public static bool TryParseString(ReadOnlySpan<byte> utf8, out decimal amount, out string? problem) =>
        TryParseDigits(utf8, allowGrouping: true, out amount, out problem);

    /// <summary>Parses the text of a JSON number token.</summary>
    /// <param name="utf8">The number as it appears in the payload.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="problem">What is wrong, when parsing fails.</param>
    /// <returns><see langword="true"/> when the number is a valid amount.</returns>
    public static bool TryParseNumber(ReadOnlySpan<byte> utf8, out decimal amount, out string? problem)
    {
        if (utf8.StartsWith("-"u8))
        {
            amount = default;
            problem = "is a negative number; jackpot amounts are never negative";
            return false;
        }

        if (utf8.IndexOfAny((byte)'e', (byte)'E') >= 0)
        {
            amount = default;
            problem = "is a number in exponent notation, which is not accepted (it could round); send plain decimal notation";
            return false;
        }

        return TryParseDigits(utf8, allowGrouping: false, out amount, out problem);
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> text, bool allowGrouping, out decimal amount, out string? problem)
    {
        amount = default;
        if (text.IsEmpty)
        {
            problem = "is empty; " + ExpectedForm;
            return false;
        }

        ulong significand = 0;
        int digits = 0;
        int integerDigits = 0;
        int groupLength = 0;
        bool grouped = false;
        int i = 0;
        for (; i < text.Length && text[i] != (byte)'.'; i++)
        {
            byte b = text[i];
            if (IsDigit(b))
            {
                Accumulate(ref significand, b, ++digits);
                integerDigits++;
                groupLength++;
            }
            else if (b == (byte)',' && allowGrouping
                && (grouped ? groupLength == 3 : groupLength is >= 1 and <= 3 && text[0] != (byte)'0'))
            {
                grouped = true;
                groupLength = 0;
            }
            else
            {
                return Malformed(out problem);
            }
        }

        if (integerDigits == 0 || (grouped && groupLength != 3))
        {
            return Malformed(out problem);
        }

        int scale = 0;
        if (i < text.Length)
        {
            // text[i] is '.': at least one digit must follow, and nothing else.
            if (++i == text.Length)
            {
                return Malformed(out problem);
            }

            for (; i < text.Length; i++)
            {
                if (!IsDigit(text[i]))
                {
                    return Malformed(out problem);
                }

                Accumulate(ref significand, text[i], ++digits);
                scale++;
            }
        }

        if (digits > MaxDigits)
        {
            problem = $"has {digits} digits; at most {MaxDigits} are accepted so that the amount is exact";
            return false;
        }

        problem = null;
        amount = digits <= MaxUInt64Digits
            ? new decimal((int)(uint)significand, (int)(uint)(significand >> 32), 0, isNegative: false, (byte)scale)
            : ParseLong(text);
        return true;
    }

    private static void Accumulate(ref ulong significand, byte digit, int digitCount)
    {
        if (digitCount <= MaxUInt64Digits)
        {
            significand = (significand * 10) + (ulong)(digit - '0');
        }
    }

    // 20 to 28 digits, already validated: strip the separators and let decimal parse it (exact at this length).
    private static decimal ParseLong(ReadOnlySpan<byte> text)
    {
        Span<byte> plain = stackalloc byte[64];
        int length = 0;
        foreach (byte b in text)
        {
            if (b != (byte)',')
            {
                plain[length++] = b;
            }
        }

        return decimal.Parse(plain[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool Malformed(out string? problem)
    {
        problem = "is not a valid amount; " + ExpectedForm;
        return false;
    }
}
