using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

/// <content>Failures drawn with the expected marbles as written and the actual line aligned to them.</content>
public sealed partial class MarbleDiffTests
{
    [Fact]
    public void Flush_SubscriptionAfterAWrittenProgression_KeepsTheProgressionAsWritten()
    {
        var test = new MarbleTest();
        var source = test.Cold("a");
        test.ExpectObservable(source, "------ 2s -^").ToBe("------ 2s -a");
        test.ExpectSubscriptions(source.Subscriptions).ToBe("------ 2s ^");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectSubscriptions: the subscriptions did not match (one frame = 1ms).
            expected: ------ 2s ^
            actual:   ------ 2s -^
                                ^^
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_FrameAfterAWrittenProgression_IsNotMergedIntoIt()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("a 1s -b|")).ToBe("a 1s -c|");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "a 1s -c|" (one frame = 1ms).
            expected: a 1s -c|
            actual:   a 1s -b|
                            ^
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_ValueInsideAWrittenProgression_SplitsTheActualSpanInRoundUnits()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("a 500ms x 499ms b|")).ToBe("a 1s b|");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "a 1s b|" (one frame = 1ms).
            expected: a 1s            b|
            actual:   a 500ms x 499ms b|
                              ^
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_LateValuePastTheExpectedMarbles_WritesTheGapInRoundUnits()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("a 1s --b|")).ToBe("a|");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "a|" (one frame = 1ms).
            expected: a|
            actual:   a- 1s -b|
                       ^     ^^
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Flush_RxJsGroupTiming_AlignsGroupsThatSpanTheirWidth()
    {
        var test = new MarbleTest(new MarbleTestOptions { GroupTiming = MarbleGroupTiming.RxJs });
        test.ExpectObservable(test.Hot("(ab)-c|")).ToBe("(ab)--c|");

        var act = test.Flush;

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "(ab)--c|" (one frame = 1ms).
            expected: (ab)--c|
            actual:   (ab)-c|
                           ^^^
            """.ReplaceLineEndings("\n"));
    }
}
