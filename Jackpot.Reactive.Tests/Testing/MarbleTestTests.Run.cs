using System.Reactive.Linq;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

/// <content>The entry points that flush for the test, and disposal with unchecked expectations.</content>
public sealed partial class MarbleTestTests
{
    [Fact]
    public void Run_HotThroughIdentityOperator_MatchesItsOwnMarbles()
    {
        MarbleTest.Run(test =>
        {
            var source = test.Hot("--a--|");

            test.ExpectObservable(source.Select(x => x)).ToBe("--a--|");
            test.ExpectSubscriptions(source.Subscriptions).ToBe("^----!");
        });
    }

    [Fact]
    public void Dispose_ExpectationsFlushed_Passes()
    {
        using var test = new MarbleTest();
        var source = test.Cold("-a-|");

        test.ExpectObservable(source.Select(char.ToUpperInvariant)).ToBe("-A-|");

        test.Flush();
    }

    [Fact]
    public void Run_RxJsGroupTiming_PortsAnRxJsTestUnchanged()
    {
        MarbleTest.Run(new MarbleTestOptions { GroupTiming = MarbleGroupTiming.RxJs }, test =>
        {
            var source = test.Cold(" -a-(bc)--d|");
            var subscriptions = "    ^---------!";
            var delay = test.Time("  --|");
            var expected = "         ---a-(bc)--d|";

            test.ExpectObservable(source.Delay(delay, test.Scheduler)).ToBe(expected);
            test.ExpectSubscriptions(source.Subscriptions).ToBe(subscriptions);
        });
    }

    [Fact]
    public void Run_WrongExpectation_FailsWithoutAnExplicitFlush()
    {
        var act = () => MarbleTest.Run(test => test.ExpectObservable(test.Hot("-a-|")).ToBe("-b-|"));

        act.Should().Throw<MarbleAssertionException>().WithMessage("ExpectObservable: the observable did not match \"-b-|\"*");
    }

    [Fact]
    public void Run_BodyThrows_PropagatesTheBodysExceptionUnchanged()
    {
        var failure = new InvalidOperationException("setup failed");

        var act = () => MarbleTest.Run(test =>
        {
            test.ExpectObservable(test.Hot("-a-|")).ToBe("-b-|");
            throw failure;
        });

        act.Should().Throw<InvalidOperationException>().Which.Should().BeSameAs(failure);
    }

    [Fact]
    public void Run_WithOptions_UsesThem()
    {
        MarbleTest.Run(new MarbleTestOptions { GroupTiming = MarbleGroupTiming.RxJs }, test =>
            test.ExpectObservable(test.Cold("(ab)-c|")).ToBe("(ab)-c|"));
    }

    [Fact]
    public async Task RunAsync_WrongExpectationAfterAsyncSetup_Fails()
    {
        var act = () => MarbleTest.RunAsync(async test =>
        {
            var source = await Task.Run(() => test.Cold("-a|"), TestContext.Current.CancellationToken);
            test.ExpectObservable(source).ToBe("--a|");
        });

        await act.Should().ThrowAsync<MarbleAssertionException>();
    }

    [Fact]
    public async Task RunAsync_MatchingExpectations_Passes()
    {
        await MarbleTest.RunAsync(test =>
        {
            test.ExpectObservable(test.Cold("-a|")).ToBe("-a|");
            return Task.CompletedTask;
        });
    }

    [Fact]
    public void Dispose_UncheckedExpectations_FailsLoudly()
    {
        var act = () =>
        {
            using var test = new MarbleTest();
            var source = test.Hot("-a-|");
            test.ExpectObservable(source).ToBe("-b-|");
            test.ExpectSubscriptions(source.Subscriptions).ToBe("^--!");
        };

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            2 expectations were never checked: call Flush() before the test ends, or write the test as MarbleTest.Run(test => …), which flushes for you.
              ExpectObservable(…).ToBe("-b-|")
              ExpectSubscriptions(…).ToBe("^--!")
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Dispose_TestFailedBeforeFlush_KeepsThatFailureAsTheInnerException()
    {
        var act = () =>
        {
            using var test = new MarbleTest();
            test.ExpectObservable(test.Hot("-a-|")).ToBe("-a-|");
            throw new InvalidOperationException("setup failed");
        };

        act.Should().Throw<MarbleAssertionException>()
            .WithMessage("1 expectation was never checked: the test threw InvalidOperationException before Flush()*setup failed*")
            .WithInnerException<InvalidOperationException>().WithMessage("setup failed");
    }

    [Fact]
    public void Dispose_AfterFlush_DoesNotThrowAndRejectsNewExpectations()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Hot("-a-|")).ToBe("-a-|");
        test.Flush();

        test.Dispose();
        test.Dispose();

        FluentActions.Invoking(() => test.ExpectObservable(test.Cold("a"))).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => test.ExpectSubscriptions([])).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(test.Flush).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Dispose_ExpectationWithoutToBe_CountsAsUnchecked()
    {
        var test = new MarbleTest();
        test.ExpectObservable(test.Cold("a"));

        FluentActions.Invoking(test.Dispose).Should().Throw<MarbleAssertionException>()
            .WithMessage("1 expectation was never checked*ExpectObservable(…) without ToBe");
    }

    [Fact]
    public void Run_NullArguments_Throw()
    {
        FluentActions.Invoking(() => MarbleTest.Run(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => MarbleTest.Run(null!, _ => { })).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => (object)MarbleTest.RunAsync(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => (object)MarbleTest.RunAsync(new MarbleTestOptions(), null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new MarbleTestOptions { GroupTiming = (MarbleGroupTiming)7 }).Should().Throw<ArgumentOutOfRangeException>();
    }
}
