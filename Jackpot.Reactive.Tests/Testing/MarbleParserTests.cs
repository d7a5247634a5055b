using CsCheck;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

/// <summary>Properties of <see cref="MarbleParser"/> over generated strings: whatever the text, it parses or throws
/// <see cref="MarbleSyntaxException"/>, nothing else.</summary>
public sealed class MarbleParserTests
{
    /// <summary>Marble syntax, digits and units, and the letters of malformed time progressions, so that generated
    /// strings hit the grammar's corners (groups, terminals, markers, progressions glued or spaced) far more often than
    /// arbitrary text would.</summary>
    private const string MarbleAlphabet = "-()|#^! \t0123456789.msmsh-ab";

    private static readonly MarbleSyntax[] Syntaxes =
    [
        MarbleSyntax.Default,
        new(TimeSpan.TicksPerMillisecond, MarbleGroupTiming.RxJs),
        new(TimeSpan.TicksPerSecond, MarbleGroupTiming.OneFrame),
        new(MarbleTestOptions.MinimumFrameLength.Ticks, MarbleGroupTiming.RxJs),
    ];

    private static readonly Gen<string> MarbleLike =
        Gen.Int[0, MarbleAlphabet.Length - 1].Array[0, 40].Select(indexes => new string(indexes.Select(i => MarbleAlphabet[i]).ToArray()));

    private static readonly Gen<string> LongNumbers =
        Gen.Int[0, 12].Array[1, 12].Select(parts => string.Join(" ", parts.Select(p => p switch
        {
            < 4 => new string('9', 5 + (p * 7)) + "m",
            < 8 => "3000000000" + (p % 2 == 0 ? "m" : "s"),
            _ => "a",
        })));

    [Fact]
    public void Parse_AnyMarbleLikeString_ParsesOrThrowsItsSyntaxException()
    {
        MarbleLike.Sample(ParsesOrThrowsSyntaxException, iter: 5_000);
    }

    [Fact]
    public void Parse_AnyString_ParsesOrThrowsItsSyntaxException()
    {
        Gen.String.Sample(ParsesOrThrowsSyntaxException, iter: 2_000);
    }

    [Fact]
    public void Parse_HugeTimeProgressions_ParsesOrThrowsItsSyntaxException()
    {
        LongNumbers.Sample(ParsesOrThrowsSyntaxException, iter: 1_000);
    }

    [Theory]
    [InlineData("a 3000000000m 3000000000m")]
    [InlineData("99999999999999999999999999999999ms")]
    [InlineData("0.0000001ms")]
    public void Parse_Counterexample_ThrowsItsSyntaxException(string marbles)
    {
        ParsesOrThrowsSyntaxException(marbles);
        FluentActions.Invoking(() => MarbleParser.Parse(marbles, MarbleSyntax.Default, allowZeroMarker: false))
            .Should().Throw<MarbleSyntaxException>();
    }

    /// <summary>Runs every parser entry point, and the public ones of <see cref="MarbleTest"/> that take marbles alone.</summary>
    private static void ParsesOrThrowsSyntaxException(string marbles)
    {
        foreach (var syntax in Syntaxes)
        {
            Expect(() => MarbleParser.Parse(marbles, syntax, allowZeroMarker: true));
            Expect(() => MarbleParser.Parse(marbles, syntax, allowZeroMarker: false));
            Expect(() => MarbleParser.ParseSubscriptionLayout(marbles, syntax, requireSubscribe: true));
            Expect(() => MarbleParser.ParseSubscriptionLayout(marbles, syntax, requireSubscribe: false));
        }

        var test = new MarbleTest();
        Expect(() => test.Hot(marbles));
        Expect(() => test.Cold(marbles));
        Expect(() => test.Time(marbles));
        Expect(() => test.ExpectObservable(test.Cold("a"), marbles).ToBe("-"));
        Expect(() => test.ExpectSubscriptions([]).ToBe(marbles));
    }

    private static void Expect(Action parse)
    {
        try
        {
            parse();
        }
        catch (MarbleSyntaxException)
        {
            // The one exception the parser may throw.
        }
    }
}
