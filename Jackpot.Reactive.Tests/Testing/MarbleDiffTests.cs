using System.Reactive.Linq;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

public sealed partial class MarbleDiffTests
{
    [Fact]
    public void Flush_DifferentValue_ShowsAlignedLinesCaretAndLegend()
    {
        var test = new MarbleTest();
        var values = new Dictionary<char, int> { ['a'] = 1, ['b'] = 2 };
        test.ExpectObservable(test.Hot("--a--|", values)).ToBe("--b--|", values);

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "--b--|" (one frame = 1ms).
            expected: --b--|
            actual:   --a--|
                        ^
            b = 2
            a = 1
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_GroupAgainstSeparateFrames_PadsColumnsToTheWidestCell()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("-a-b-|")).ToBe("-(ab)--|");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "-(ab)--|" (one frame = 1ms).
            expected: -(ab)--|
            actual:   -a   -b-|
                       ^    ^^^
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_Mismatch_ActualLineIsValidMarblesOfWhatHappened()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("-a-b 20ms (cd)|")).ToBe("-a-b|");
        string actualLine = FluentActions.Invoking(test.Flush).Should().Throw<MarbleAssertionException>()
            .Which.Message.Split('\n')[2]["actual:   ".Length..];

        var again = new MarbleTest();
        again.ExpectObservable(again.Hot("-a-b 20ms (cd)|")).ToBe(actualLine);

        actualLine.Should().Be("-a-b- 19ms (cd)|");
        again.Flush();
    }

    [Fact]
    public void Flush_LongQuietStretch_IsWrittenAsTimeProgressionInBothLines()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("a 20ms b|")).ToBe("a 20ms c|");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "a 20ms c|" (one frame = 1ms).
            expected: a 20ms c|
            actual:   a 20ms b|
                             ^
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_MissingCompletion_ShowsDashesWhereNothingHappened()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("-a")).ToBe("-a-|");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "-a-|" (one frame = 1ms).
            expected: -a-|
            actual:   -a--
                         ^
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_DifferentError_ShowsBothErrorsInTheLegend()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Cold<char>("-a-#", error: new TimeoutException("late"))).ToBe("-a-#", error: new MarbleErrorException());

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "-a-#" (one frame = 1ms).
            expected: -a-#
            actual:   -a-#
                         ^
            # expected = MarbleErrorException: error
            # actual   = TimeoutException: late
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_JackpotValueNotInValues_GetsAFreshSymbolAndCompactLegend()
    {
        var test = new MarbleTest();
        var values = new JackpotMarbleValues().Value('a', "J1", 372.20m).Value('b', "J1", 380.00m);
        var source = test.Hot("-a-b-|", values);

        test.ExpectObservable(source.Select(e => e.Amount == 372.20m ? Jackpots.Value("J1", 372.30m) : e)).ToBe("-a-b-|", values);

        FluentActions.Invoking(test.Flush).Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "-a-b-|" (one frame = 1ms).
            expected: -a-b-|
            actual:   -c-b-|
                       ^
            a = JackpotValueUpdated { J1 J1_1 372.20 EUR W1_broadcast_G1 }
            c = JackpotValueUpdated { J1 J1_1 372.30 EUR W1_broadcast_G1 }
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_ValuesDifferingOnlyOutsideTheCompactForm_ShowsCompleteValues()
    {
        var test = new MarbleTest();
        var expected = new Dictionary<char, JackpotEvent> { ['a'] = Jackpots.Value("J1", 5m) };
        var source = test.Hot<JackpotEvent>("-a|", new Dictionary<char, JackpotEvent> { ['a'] = Jackpots.Value("J1", 5m) with { Amount = 6m } });

        test.ExpectObservable(source).ToBe("-a|", expected);

        FluentActions.Invoking(test.Flush).Should().Throw<MarbleAssertionException>()
            .Which.Message.Should().Contain("\na = JackpotValueUpdated { Reason = jackpot_value, Jackpot = J1, ").And.Contain("Amount = 5, RawValue = 5.00 }")
            .And.Contain("\nb = JackpotValueUpdated { Reason = jackpot_value, Jackpot = J1, ").And.Contain("Amount = 6, RawValue = 5.00 }");
    }

    [Fact]
    public void Flush_SubscriptionsDiffer_ShowsEachExpectedLineAboveItsActualWithCarets()
    {
        var test = new MarbleTest();
        var source = test.Hot("--a--|");
        test.ExpectObservable(source, "^--!").ToBe("--a");
        test.ExpectObservable(source, "-^").ToBe("--a--|");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^---!", "-^---!");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectSubscriptions: the subscriptions did not match (one frame = 1ms).
            expected: ^---!
            actual:   ^--!
                         ^^
            expected: -^---!
            actual:   -^---!
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_NoSubscriptionExpectedButOneHappened_SaysNone()
    {
        var test = new MarbleTest();
        var source = test.Cold("-a|");
        test.ExpectObservable(source).ToBe("-a|");
        test.ExpectSubscriptions(source.Subscriptions).ToBe();

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectSubscriptions: the subscriptions did not match (one frame = 1ms).
            expected: (none)
            actual:   ^-!
                      ^ ^
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_SeveralFailures_ReportsAllInOneException()
    {
        var test = new MarbleTest();
        var source = test.Hot("-a|");
        test.ExpectObservable(source).ToBe("-b|");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("^-!", "^-!");
        test.ExpectObservable(source).ToBe("--|");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should()
            .StartWith("2 marble expectations failed.\n\nExpectObservable: the observable did not match \"-b|\"")
            .And.Contain("\n\nExpectObservable: the observable did not match \"--|\"");
    }

    [Fact]
    public void Flush_LongFrames_NamesTheFrameLength()
    {
        var test = new MarbleTest(new MarbleTestOptions { FrameLength = TimeSpan.FromSeconds(1) });
        test.ExpectObservable(test.Hot("-a 20s |")).ToBe("-a 19s |");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "-a 19s |" (one frame = 1s).
            expected: -a 19s |
            actual:   -a 19s -|
                             ^^
            """.ReplaceLineEndings("\n"));
    }
}
