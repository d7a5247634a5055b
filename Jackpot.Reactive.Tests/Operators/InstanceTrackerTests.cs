namespace Jackpot.Reactive.Tests.Operators;

public sealed class InstanceTrackerTests
{
    [Theory]
    [InlineData("a", "a_12", "a_13", -1)]
    [InlineData("a", "a_13", "a_12", 1)]
    [InlineData("a", "a_9", "a_10", -1)]
    [InlineData("a", "a_007", "a_7", 0)]
    [InlineData("a", "a_0", "a_00", 0)]
    [InlineData("f8f21i6_", "f8f21i6__12", "f8f21i6__13", -1)]
    [InlineData("a", "a_123456789012345678901234567890", "a_99", 1)]
    public void TryCompare_OrdinalIds_ComparesNumerically(string jackpot, string left, string right, int expected)
    {
        InstanceOrdering.TryCompare(new JackpotId(jackpot), new JackpotInstanceId(left), new JackpotInstanceId(right), out var comparison)
            .Should().BeTrue();
        comparison.Should().Be(expected);
    }

    [Theory]
    [InlineData("a", "a_1", "alpha")]
    [InlineData("a", "a_", "a_1")]
    [InlineData("a", "b_1", "a_1")]
    [InlineData("a", "a_1x", "a_1")]
    [InlineData("a", "a__1", "a_1")]
    [InlineData("f8f21i6", "f8f21i6__12", "f8f21i6__13")]
    [InlineData("a", "a_-1", "a_1")]
    public void TryCompare_IdNotJackpotUnderscoreDigits_IsNotComparable(string jackpot, string left, string right) =>
        InstanceOrdering.TryCompare(new JackpotId(jackpot), new JackpotInstanceId(left), new JackpotInstanceId(right), out _)
            .Should().BeFalse();

    [Fact]
    public void Constructor_CapacityNotPositive_Throws() =>
        FluentActions.Invoking(() => new InstanceTracker(new JackpotId("a"), 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("supersededCapacity");

    [Fact]
    public void ObserveValue_NonOrdinalIdsBeyondCapacity_ForgetsOldestSupersededInstance()
    {
        var tracker = new InstanceTracker(new JackpotId("a"), supersededCapacity: 2);
        foreach (var id in new[] { "p", "q", "r", "s" })
        {
            tracker.ObserveValue(new JackpotInstanceId(id), out _);
        }

        tracker.Classify(new JackpotInstanceId("q")).Should().Be(InstanceObservation.Stale);
        tracker.Classify(new JackpotInstanceId("r")).Should().Be(InstanceObservation.Stale);
        tracker.Classify(new JackpotInstanceId("p")).Should().Be(InstanceObservation.Newer, "only the last 2 are remembered");
        tracker.Current.Should().Be(new JackpotInstanceId("s"));
    }

    [Fact]
    public void ObserveWin_WonInstanceNotSeenBefore_IsRememberedAsSuperseded()
    {
        var tracker = new InstanceTracker(new JackpotId("a"));
        tracker.ObserveValue(new JackpotInstanceId("p"), out _);

        tracker.ObserveWin(new JackpotInstanceId("q"), new JackpotInstanceId("r"), out var previous).Should().BeTrue();

        previous.Should().Be(new JackpotInstanceId("p"));
        tracker.Classify(new JackpotInstanceId("q")).Should().Be(InstanceObservation.Stale);
        tracker.Classify(new JackpotInstanceId("p")).Should().Be(InstanceObservation.Stale);
        tracker.Current.Should().Be(new JackpotInstanceId("r"));
    }

    [Fact]
    public void ObserveWin_OfCurrentInstanceAgainstOrdinalHint_TrustsTheWin()
    {
        var tracker = new InstanceTracker(new JackpotId("a"));
        tracker.ObserveValue(new JackpotInstanceId("a_9"), out _);

        tracker.ObserveWin(new JackpotInstanceId("a_9"), new JackpotInstanceId("a_1"), out var previous).Should().BeTrue();

        previous.Should().Be(new JackpotInstanceId("a_9"));
        tracker.Current.Should().Be(new JackpotInstanceId("a_1"));
        tracker.Classify(new JackpotInstanceId("a_9")).Should().Be(InstanceObservation.Stale);
    }
}
