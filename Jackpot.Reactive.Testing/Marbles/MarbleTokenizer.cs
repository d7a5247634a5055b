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

/// <summary>One token: its kind, where it starts and how many characters it has, the symbol, and for a time progression
/// the frames it advances.</summary>
internal readonly record struct MarbleToken(MarbleTokenKind Kind, int Position, int Length, char Symbol, long Frames);

/// <summary>How marbles are read: the virtual time of a frame and the time a group takes.</summary>
internal readonly record struct MarbleSyntax(long FrameTicks, MarbleGroupTiming GroupTiming)
{
    /// <summary>The syntax of a <see cref="MarbleTest"/> with default options.</summary>
    public static MarbleSyntax Default { get; } = new(MarbleTestOptions.DefaultFrameLength.Ticks, MarbleGroupTiming.OneFrame);

    /// <summary>Gets the most frames marbles may span, so that every frame's ticks (and a few more) fit in a <see cref="long"/>.</summary>
    public long MaxFrames => (long.MaxValue / 4) / FrameTicks;
}

/// <summary>
/// Splits marbles into tokens. White space is ignored, except that it delimits time progressions. The rule is RxJS's:
/// a time progression is a number (digits, optionally with a fractional part) directly followed by the unit <c>ms</c>,
/// <c>s</c> or <c>m</c>, at the start of the marbles or after white space, and followed by white space (or, unlike RxJS,
/// the end of the marbles). Anything that looks like a malformed one is a syntax error, never values: a number glued to
/// <c>m</c> or <c>s</c> on either side (<c>-10ms|</c>, <c>a10ms </c>, <c>1sec</c>), or a number with any other unit
/// where a time progression would stand (<c> 5h </c>). Elsewhere digits and letters are values (<c>12</c>, <c>1a</c>).
/// </summary>
internal static class MarbleTokenizer
{
    private const decimal MaxNumber = 1_000_000_000_000m;

    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
    ];

    public static List<MarbleToken> Tokenize(string marbles, MarbleSyntax syntax)
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

            if (char.IsAsciiDigit(c))
            {
                position = ReadNumber(marbles, position, syntax, tokens);
                continue;
            }

            var kind = c switch
            {
                '-' => MarbleTokenKind.Frame,
                '(' => MarbleTokenKind.GroupOpen,
                ')' => MarbleTokenKind.GroupClose,
                _ => MarbleTokenKind.Symbol,
            };
            tokens.Add(new MarbleToken(kind, position, 1, c, 0));
            position++;
        }

        return tokens;
    }

    public static MarbleSyntaxException Error(string marbles, int position, string reason) => new(marbles, position, reason);

    /// <summary>Reads a number and what follows it: a time progression, a syntax error, or digits that are values.</summary>
    /// <returns>The position after what was read.</returns>
    private static int ReadNumber(string marbles, int start, MarbleSyntax syntax, List<MarbleToken> tokens)
    {
        int numberEnd = SkipDigits(marbles, start);
        if (numberEnd + 1 < marbles.Length && marbles[numberEnd] == '.' && char.IsAsciiDigit(marbles[numberEnd + 1]))
        {
            numberEnd = SkipDigits(marbles, numberEnd + 1);
        }

        int unitEnd = numberEnd;
        while (unitEnd < marbles.Length && char.IsAsciiLetter(marbles[unitEnd]))
        {
            unitEnd++;
        }

        string number = marbles[start..numberEnd];
        string unit = marbles[numberEnd..unitEnd];
        string text = marbles[start..unitEnd];
        bool spaceBefore = start == 0 || char.IsWhiteSpace(marbles[start - 1]);
        bool spaceAfter = unitEnd == marbles.Length || char.IsWhiteSpace(marbles[unitEnd]);
        int unitIndex = Array.FindIndex(Units, u => u.Unit == unit);
        if (unitIndex >= 0 && spaceBefore && spaceAfter)
        {
            long frames = ToFrames(marbles, start, text, number, Units[unitIndex].Ticks, syntax);
            tokens.Add(new MarbleToken(MarbleTokenKind.TimeProgression, start, text.Length, marbles[start], frames));
            return unitEnd;
        }

        if (unitIndex >= 0)
        {
            throw Error(marbles, start, spaceBefore
                ? $"'{text}' looks like a time progression but is glued to '{marbles[unitEnd]}': a time progression needs white space (or the end of the marbles) after it."
                : $"'{text}' looks like a time progression but is glued to '{marbles[start - 1]}': a time progression needs white space (or the start of the marbles) before it.");
        }

        if (unit.Length > 0 && ((spaceBefore && spaceAfter) || unit[0] is 'm' or 's'))
        {
            throw Error(marbles, start, $"'{text}' looks like a time progression with the unknown unit '{unit}': the units are ms, s and m, with white space on both sides.");
        }

        for (int i = start; i < numberEnd; i++)
        {
            tokens.Add(new MarbleToken(MarbleTokenKind.Symbol, i, 1, marbles[i], 0));
        }

        return numberEnd;
    }

    private static int SkipDigits(string marbles, int position)
    {
        while (position < marbles.Length && char.IsAsciiDigit(marbles[position]))
        {
            position++;
        }

        return position;
    }

    private static long ToFrames(string marbles, int position, string text, string number, long unitTicks, MarbleSyntax syntax)
    {
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value) || value > MaxNumber)
        {
            throw Error(marbles, position, $"the time progression '{text}' is too long.");
        }

        decimal ticks = value * unitTicks;
        if (ticks % syntax.FrameTicks != 0)
        {
            throw Error(
                marbles,
                position,
                $"the time progression '{text}' is not a whole number of frames (one frame is {MarbleTime.Format(syntax.FrameTicks)}).");
        }

        decimal frames = ticks / syntax.FrameTicks;
        return frames <= syntax.MaxFrames
            ? (long)frames
            : throw Error(marbles, position, $"the time progression '{text}' is too long.");
    }
}
