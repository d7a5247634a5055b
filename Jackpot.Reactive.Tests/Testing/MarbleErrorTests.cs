using System.Net;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

/// <summary><see cref="MarbleError"/>: how <c>#</c> in expected marbles states an error.</summary>
public sealed class MarbleErrorTests
{
    [Fact]
    public void ToBe_BareHashWithoutError_MatchesAnyError()
    {
        MarbleTest.Run(test =>
        {
            var source = test.Cold<char>("-a-#", error: new TimeoutException("late"));

            test.ExpectObservable(source).ToBe("-a-#");
        });
    }

    [Fact]
    public void ToBe_ErrorOfType_MatchesThatTypeAndDerivedOnes()
    {
        MarbleTest.Run(test =>
        {
            test.ExpectObservable(test.Cold<char>("-#", error: new ArgumentNullException("x"))).ToBe("-#", error: MarbleError.OfType<ArgumentException>());
            test.ExpectObservable(test.Cold<char>("-#", error: new TimeoutException("late"))).ToBe("-#", error: MarbleError.OfType<TimeoutException>());
        });
    }

    [Fact]
    public void ToBe_UnauthorizedByPredicate_MatchesWithoutRebuildingTheException()
    {
        MarbleTest.Run(test =>
        {
            var service = new VirtualPushService(test);
            service.Channel(Jackpots.DefaultBroadcastChannel).Attempt(a => a.Respond(HttpStatusCode.Unauthorized));
            var client = service.CreateClient();

            test.ExpectObservable(client.Broadcast(Jackpots.DefaultGroup)).ToBe(
                "#",
                error: MarbleError.OfType<SseHttpException>(e => e.StatusCode == HttpStatusCode.Unauthorized, "status 401"));
        });
    }

    [Fact]
    public void ToBe_ErrorMatching_UsesThePredicate()
    {
        MarbleTest.Run(test =>
        {
            var source = test.Cold<char>("--#", error: new InvalidOperationException("channel closed"));

            test.ExpectObservable(source).ToBe("--#", error: MarbleError.Matching(e => e.Message.Contains("closed", StringComparison.Ordinal), "a closed channel"));
        });
    }

    [Fact]
    public void ToBe_ErrorOfAnotherType_FailsShowingTheExpectationAndTheActualTypeAndMessage()
    {
        var act = () => MarbleTest.Run(test =>
            test.ExpectObservable(test.Cold<char>("-a-#", error: new TimeoutException("late"))).ToBe("-a-#", error: MarbleError.OfType<SseHttpException>()));

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().Be(
            """
            ExpectObservable: the observable did not match "-a-#" (one frame = 1ms).
            expected: -a-#
            actual:   -a-#
                         ^
            # expected = SseHttpException
            # actual   = TimeoutException: late
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToBe_ErrorWhereCompletionWasExpected_ShowsTheActualError()
    {
        var act = () => MarbleTest.Run(test =>
            test.ExpectObservable(test.Cold<char>("-a-#", error: new TimeoutException("late"))).ToBe("-a-|"));

        act.Should().Throw<MarbleAssertionException>().Which.Message.Should().EndWith(
            """
            expected: -a-|
            actual:   -a-#
                         ^
            # actual   = TimeoutException: late
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Like_SameTypeAndMessage_MatchesAndDescribesTheException()
    {
        var like = MarbleError.Like(new TimeoutException("late"));

        like.Matches(new TimeoutException("late")).Should().BeTrue();
        like.Matches(new TimeoutException("early")).Should().BeFalse();
        like.Matches(new InvalidOperationException("late")).Should().BeFalse();
        like.Description.Should().Be("TimeoutException: late");
        ((MarbleError)new TimeoutException("late")).Description.Should().Be(like.Description);
        ((MarbleError?)(Exception?)null).Should().BeNull();
    }

    [Fact]
    public void Descriptions_NameWhatIsExpected()
    {
        MarbleError.Any.ToString().Should().Be("any error");
        MarbleError.OfType<TimeoutException>().Description.Should().Be("TimeoutException");
        MarbleError.OfType<SseHttpException>(_ => true, "status 401").Description.Should().Be("SseHttpException where status 401");
        MarbleError.Matching(_ => true, "anything closed").Description.Should().Be("anything closed");
    }

    [Fact]
    public void Factories_NullArguments_Throw()
    {
        FluentActions.Invoking(() => MarbleError.Like(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => MarbleError.Matching(null!, "d")).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => MarbleError.Matching(_ => true, null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => MarbleError.OfType<TimeoutException>(null!, "d")).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => MarbleError.Any.Matches(null!)).Should().Throw<ArgumentNullException>();
    }
}
