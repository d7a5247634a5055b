using System.Globalization;

namespace Jackpot.Reactive.Testing;

/// <summary>The lexical pieces of a marble string.</summary>
internal enum MarbleTokenKind
{
    /// <summary><c>-</c>: one frame passes.</summary>
    Frame,

    /// <summary><c>(</c>: a group starts.</summary>
    GroupOpen,

    /// <summary><c>)</c>: a group ends.</summary>
    GroupClose,

    /// <summary>A time progression such as <c>10ms</c>, <c>1.5s</c> or <c>2m</c>.</summary>
    TimeProgression,

    /// <summary>Any other character that is not white space.</summary>
    Symbol,
}

/// <summary>One token: its kind, where it starts, the symbol, and for a time progression the frames it advances.</summary>
internal readonly record struct MarbleToken(MarbleTokenKind Kind, int Position, char Symbol, long Frames);

/// <summary>
/// Splits marbles into tokens. White space is ignored, except that it delimits time progressions: a time progression is
/// a number (digits, optionally with a fractional part) directly followed by <c>ms</c>, <c>s</c> or <c>m</c>, with white
/// space or the start/end of the string on both sides. Anywhere else digits and letters are symbols.
/// </summary>
internal static class MarbleTokenizer
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
    ];

    public static List<MarbleToken> Tokenize(string marbles, long frameTicks)
    {
        var tokens = new List<MarbleToken>(marbles.Length);
        int position = 0;
        while (position < marbles.Length)
        {
            char c = marbles[position];
            if (char.IsWhiteSpace(c))
            {
                position++;
                continue;
            }

            bool startsToken = position == 0 || char.IsWhiteSpace(marbles[position - 1]);
            if (startsToken && char.IsAsciiDigit(c) && TryReadTimeProgression(marbles, position, frameTicks, out int length, out long frames))
            {
                tokens.Add(new MarbleToken(MarbleTokenKind.TimeProgression, position, c, frames));
                position += length;
                continue;
            }

            var kind = c switch
            {
                '-' => MarbleTokenKind.Frame,
                '(' => MarbleTokenKind.GroupOpen,
                ')' => MarbleTokenKind.GroupClose,
                _ => MarbleTokenKind.Symbol,
            };
            tokens.Add(new MarbleToken(kind, position, c, 0));
            position++;
        }

        return tokens;
    }

    public static FormatException Error(string marbles, int position, string reason) =>
        new($"Invalid marbles \"{marbles}\" at position {position}: {reason}");

    private static bool TryReadTimeProgression(string marbles, int start, long frameTicks, out int length, out long frames)
    {
        length = 0;
        frames = 0;
        int end = start;
        while (end < marbles.Length && char.IsAsciiDigit(marbles[end]))
        {
            end++;
        }

        if (end + 1 < marbles.Length && marbles[end] == '.' && char.IsAsciiDigit(marbles[end + 1]))
        {
            end++;
            while (end < marbles.Length && char.IsAsciiDigit(marbles[end]))
            {
                end++;
            }
        }

        string number = marbles[start..end];
        foreach (var (unit, unitTicks) in Units)
        {
            int tokenEnd = end + unit.Length;
            bool unitMatches = string.CompareOrdinal(marbles, end, unit, 0, unit.Length) == 0 && tokenEnd <= marbles.Length;
            if (!unitMatches || (tokenEnd < marbles.Length && !char.IsWhiteSpace(marbles[tokenEnd])))
            {
                continue;
            }

            frames = ToFrames(marbles, start, number + unit, decimal.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * unitTicks, frameTicks);
            length = tokenEnd - start;
            return true;
        }

        return false;
    }

    private static long ToFrames(string marbles, int position, string text, decimal ticks, long frameTicks)
    {
        if (ticks > long.MaxValue)
        {
            throw Error(marbles, position, $"the time progression '{text}' is too long.");
        }

        if (ticks % frameTicks != 0)
        {
            throw Error(
                marbles,
                position,
                $"the time progression '{text}' is not a whole number of frames (one frame is {MarbleTime.Format(frameTicks)}).");
        }

        return (long)(ticks / frameTicks);
    }
}
