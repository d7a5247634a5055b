using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

public sealed class MarbleSyntaxTests
{
    private const long Ms = TimeSpan.TicksPerMillisecond;

    [Theory]
    [InlineData("a-b|", "0:a 2:b 3:|")]
    [InlineData("--a--", "2:a")]
    [InlineData("a b  c", "0:a 1:b 2:c")]
    [InlineData("(ab)c", "0:a 0:b 1:c")]
    [InlineData("-(abc)-d", "1:a 1:b 1:c 3:d")]
    [InlineData("(a|)", "0:a 0:|")]
    [InlineData("-( a b )-c", "1:a 1:b 3:c")]
    [InlineData("a 5ms b", "0:a 6:b")]
    [InlineData("5ms a", "5:a")]
    [InlineData("a 1.5s b", "0:a 1501:b")]
    [InlineData("a 2m b", "0:a 120001:b")]
    [InlineData("a 1s", "0:a")]
    [InlineData("a 1s\t-b", "0:a 1002:b")]
    [InlineData("12 a", "0:1 1:2 2:a")]
    [InlineData("-1a-2b", "1:1 2:a 4:2 5:b")]
    [InlineData("(1x)", "0:1 0:x")]
    [InlineData("1.5 a", "0:1 1:. 2:5 3:a")]
    [InlineData("--#", "2:#")]
    [InlineData("a|--", "0:a 1:|")]
    [InlineData("", "")]
    public void Cold_ValidMarbles_PutSymbolsInTheirFrames(string marbles, string expected)
    {
        var test = new MarbleTest();

        var source = test.Cold(marbles);

        Describe(source.Messages, frame: 0).Should().Be(expected);
    }

    [Theory]
    [InlineData("^a|", "1:a 2:|")]
    [InlineData("a^b", "-1:a 1:b")]
    [InlineData("ab-^-c", "-3:a -2:b 2:c")]
    [InlineData("a 3ms ^ b", "-4:a 1:b")]
    public void Hot_SubscriptionPoint_IsTimeZero(string marbles, string expected)
    {
        var entries = MarbleParser.ParseObservable(marbles, MarbleSyntax.Default, allowZeroMarker: true);

        string.Join(" ", entries.Select(e => $"{e.Frame}:{e.Symbol}")).Should().Be(expected);
    }

    [Theory]
    [InlineData("--a)", 3, "')' closes no group.")]
    [InlineData("-(ab", 1, "'(' is never closed.")]
    [InlineData("(a(b))", 2, "groups cannot be nested (the group at position 0 is still open).")]
    [InlineData("a()", 1, "a group cannot be empty.")]
    [InlineData("(a-b)", 2, "'-' cannot be inside a group.")]
    [InlineData("(a 1ms b)", 3, "a time progression cannot be inside a group.")]
    [InlineData("-a|b", 3, "'b' follows the completion or error at position 2; only '-' and time can.")]
    [InlineData("-#|", 2, "'|' follows the completion or error at position 1; only '-' and time can.")]
    [InlineData("-a!", 2, "'!' belongs to subscription marbles, not to observable marbles.")]
    [InlineData("-^a", 1, "'^' marks time zero of a hot observable and is allowed only there.")]
    [InlineData("a 0.5ms b", 2, "the time progression '0.5ms' is not a whole number of frames (one frame is 1ms).")]
    public void Cold_InvalidMarbles_ThrowSyntaxExceptionWithPosition(string marbles, int position, string reason)
    {
        var test = new MarbleTest();

        var act = () => test.Cold(marbles);

        var error = act.Should().Throw<MarbleSyntaxException>().Which;
        error.Message.Should().StartWith($"Invalid marbles \"{marbles}\" at position {position}: {reason}\n");
        error.Position.Should().Be(position);
    }

    [Theory]
    [InlineData("-a 10ms|", 3, "'10ms' looks like a time progression but is glued to '|': a time progression needs white space (or the end of the marbles) after it.")]
    [InlineData("-a10ms -", 2, "'10ms' looks like a time progression but is glued to 'a': a time progression needs white space (or the start of the marbles) before it.")]
    [InlineData("-1ms-", 1, "'1ms' looks like a time progression but is glued to '-': a time progression needs white space (or the start of the marbles) before it.")]
    [InlineData("a 1.5s-b", 2, "'1.5s' looks like a time progression but is glued to '-': a time progression needs white space (or the end of the marbles) after it.")]
    [InlineData("a (1m)", 3, "'1m' looks like a time progression but is glued to '(': a time progression needs white space (or the start of the marbles) before it.")]
    [InlineData("-a 10sec -", 3, "'10sec' looks like a time progression with the unknown unit 'sec': the units are ms, s and m, with white space on both sides.")]
    [InlineData("a 5h b", 2, "'5h' looks like a time progression with the unknown unit 'h': the units are ms, s and m, with white space on both sides.")]
    [InlineData("-5min|", 1, "'5min' looks like a time progression with the unknown unit 'min': the units are ms, s and m, with white space on both sides.")]
    [InlineData("a 99999999999999999999999999999999ms", 2, "the time progression '99999999999999999999999999999999ms' is too long.")]
    [InlineData("a 999999999999m", 2, "the time progression '999999999999m' is too long.")]
    public void Cold_MalformedTimeProgression_IsASyntaxErrorAtItsColumnNeverValues(string marbles, int position, string reason)
    {
        var test = new MarbleTest();

        var act = () => test.Cold(marbles);

        var error = act.Should().Throw<MarbleSyntaxException>().Which;
        error.Message.Should().Be(
            $"Invalid marbles \"{marbles}\" at position {position}: {reason}\n    {marbles}\n    {new string(' ', position)}^");
        error.Position.Should().Be(position);
        error.Marbles.Should().Be(marbles);
        error.Reason.Should().Be(reason);
    }

    [Fact]
    public void Cold_TimeProgressionsAddingUpPastTheClock_IsASyntaxError()
    {
        var test = new MarbleTest();
        string marbles = string.Join(" ", Enumerable.Repeat("3000000000m", 2));

        var act = () => test.Cold(marbles);

        act.Should().Throw<MarbleSyntaxException>().WithMessage("*the marbles span more virtual time than a scheduler can hold.*");
    }

    [Theory]
    [InlineData("(ab)-c|", "0:a 0:b 5:c 6:|")]
    [InlineData("-(ab)c", "1:a 1:b 5:c")]
    [InlineData("( a b )c", "0:a 0:b 4:c")]
    [InlineData("(a|)", "0:a 0:|")]
    [InlineData("a 5ms (bc)d", "0:a 6:b 6:c 10:d")]
    public void Cold_RxJsGroupTiming_GroupTakesAFramePerCharacter(string marbles, string expected)
    {
        var test = new MarbleTest(new MarbleTestOptions { GroupTiming = MarbleGroupTiming.RxJs });

        var source = test.Cold(marbles);

        Describe(source.Messages, frame: 0).Should().Be(expected);
    }

    [Fact]
    public void ExpectSubscriptions_RxJsGroupTiming_GroupInSubscriptionMarblesTakesAFramePerCharacter()
    {
        var test = new MarbleTest(new MarbleTestOptions { GroupTiming = MarbleGroupTiming.RxJs });
        var source = test.Hot("--a--b");

        test.ExpectObservable(source, "(^)--!").ToBe("--a");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("(^)--!");

        test.Flush();
        source.Subscriptions.Should().ContainSingle().Which.Unsubscribe.Should().Be((5 * Ms) + 2);
    }

    [Theory]
    [InlineData("-^-^", 3, "only one '^' is allowed.")]
    [InlineData("(^a)", 1, "'^' cannot be inside a group.")]
    public void Hot_InvalidSubscriptionPoint_ThrowsFormatException(string marbles, int position, string reason)
    {
        var test = new MarbleTest();

        var act = () => test.Hot(marbles);

        act.Should().Throw<MarbleSyntaxException>().Which.Message.Should().StartWith($"Invalid marbles \"{marbles}\" at position {position}: {reason}\n");
    }

    [Fact]
    public void Cold_SymbolMissingFromValues_ThrowsArgumentExceptionWithPosition()
    {
        var test = new MarbleTest();

        var act = () => test.Cold("-a-b", new Dictionary<char, int> { ['a'] = 1 });

        act.Should().Throw<ArgumentException>()
            .WithMessage("Marbles \"-a-b\" at position 3: the values have no entry for 'b'.*")
            .Which.ParamName.Should().Be("values");
    }

    [Fact]
    public void Cold_ValueTypeWithoutValues_ThrowsArgumentException()
    {
        var test = new MarbleTest();

        var act = () => test.Cold<int>("-a");

        act.Should().Throw<ArgumentException>().WithMessage("*'a' needs a value*not for Int32*");
    }

    [Fact]
    public void Cold_OnlyTimeWithoutSymbols_HasNoValuesForAnyType()
    {
        var test = new MarbleTest();

        var source = test.Cold<int>("-- 3ms --|");

        Describe(source.Messages, frame: 0).Should().Be("7:|");
    }

    [Theory]
    [InlineData("^--!", 0L, 3L)]
    [InlineData("--^", 2L, null)]
    [InlineData("-(^!)", 1L, 1L)]
    [InlineData("^ 10ms !", 0L, 11L)]
    [InlineData(" - ^ - ! - ", 1L, 3L)]
    public void ExpectSubscriptions_ValidMarbles_MatchRecordedSubscriptions(string marbles, long subscribe, long? unsubscribe)
    {
        var test = new MarbleTest();
        var log = new List<Subscription>
        {
            unsubscribe is { } end ? new Subscription((subscribe * Ms) + 2, (end * Ms) + 2) : new Subscription((subscribe * Ms) + 2),
        };

        test.ExpectSubscriptions(log).ToBe(marbles);

        test.Flush();
    }

    [Theory]
    [InlineData("--!", 3, "subscription marbles need a '^'.")]
    [InlineData("^-^", 2, "only one '^' is allowed.")]
    [InlineData("^!-!", 3, "only one '!' is allowed.")]
    [InlineData("!^", 1, "'^' must come before '!'.")]
    [InlineData("^-a", 2, "'a' is not allowed in subscription marbles (only '-', '^', '!', groups, spaces and time progressions).")]
    [InlineData("^-|", 2, "'|' is not allowed in subscription marbles (only '-', '^', '!', groups, spaces and time progressions).")]
    [InlineData("(^-!)", 2, "'-' cannot be inside a group.")]
    public void ExpectSubscriptions_InvalidMarbles_ThrowFormatExceptionWithPosition(string marbles, int position, string reason)
    {
        var test = new MarbleTest();

        var act = () => test.ExpectSubscriptions([]).ToBe(marbles);

        act.Should().Throw<MarbleSyntaxException>().Which.Message.Should().StartWith($"Invalid marbles \"{marbles}\" at position {position}: {reason}\n");
    }

    [Fact]
    public void ExpectObservable_InvalidSubscriptionMarbles_ThrowFormatException()
    {
        var test = new MarbleTest();

        var act = () => test.ExpectObservable(test.Cold("a"), "^-x");

        act.Should().Throw<FormatException>().WithMessage("*position 2*");
    }

    [Fact]
    public void ToBe_SubscriptionPointInExpectedMarbles_ThrowsFormatException()
    {
        var test = new MarbleTest();

        var act = () => test.ExpectObservable(test.Cold("a")).ToBe("^a");

        act.Should().Throw<FormatException>().WithMessage("*position 0*'^' marks time zero of a hot observable*");
    }

    [Theory]
    [InlineData("|", 0)]
    [InlineData("---|", 3)]
    [InlineData("-a-(bc)-|", 5)]
    [InlineData("- 10ms |", 11)]
    public void Time_MeasuresToTheCompletion(string marbles, int frames)
    {
        var test = new MarbleTest();

        test.Time(marbles).Should().Be(TimeSpan.FromMilliseconds(frames));
    }

    [Fact]
    public void Time_WithoutCompletion_ThrowsFormatException()
    {
        var test = new MarbleTest();

        var act = () => test.Time("---");

        act.Should().Throw<MarbleSyntaxException>().Which.Message.Should().Be("Invalid marbles \"---\" at position 3: Time needs a '|' to measure to.\n    ---\n       ^");
    }

    private static string Describe<T>(IEnumerable<Recorded<System.Reactive.Notification<T>>> messages, long frame) =>
        string.Join(" ", messages.Select(m => $"{(m.Time / Ms) + frame}:{Symbol(m.Value)}"));

    private static string Symbol<T>(System.Reactive.Notification<T> notification) => notification.Kind switch
    {
        System.Reactive.NotificationKind.OnNext => $"{notification.Value}",
        System.Reactive.NotificationKind.OnCompleted => "|",
        _ => "#",
    };
}
