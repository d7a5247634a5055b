namespace Jackpot.Reactive.Tests.Connection;

public sealed class BackoffDelayTests
{
    private static readonly ReconnectPolicy Policy = new()
    {
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        Multiplier = 2,
        JitterRatio = 0.5,
    };

    [Theory]
    [InlineData(1, 0.0, 1.0)]
    [InlineData(1, 0.999, 0.5005)]
    [InlineData(2, 0.0, 2.0)]
    [InlineData(3, 0.5, 3.0)]
    [InlineData(5, 0.0, 16.0)]
    [InlineData(6, 0.0, 30.0)]
    [InlineData(6, 1.0, 15.0)]
    [InlineData(1000, 0.0, 30.0)]
    public void Compute_AttemptAndRandom_ExponentialCappedThenJittered(int attempt, double random, double expectedSeconds)
    {
        BackoffDelay.Compute(attempt, Policy, random, TimeSpan.Zero).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData(-1.0, 4.0)]
    [InlineData(7.0, 2.0)]
    [InlineData(double.NaN, 4.0)]
    public void Compute_RandomOutsideRange_IsClamped(double random, double expectedSeconds)
    {
        BackoffDelay.Compute(3, Policy, random, TimeSpan.Zero).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Compute_FloorAboveBackoff_ReturnsFloorEvenAboveMaxDelay()
    {
        BackoffDelay.Compute(1, Policy, 0.0, TimeSpan.FromSeconds(5)).Should().Be(TimeSpan.FromSeconds(5));
        BackoffDelay.Compute(10, Policy, 0.0, TimeSpan.FromMinutes(2)).Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Compute_FullJitter_CanReachZero()
    {
        BackoffDelay.Compute(4, Policy with { JitterRatio = 1 }, 1.0, TimeSpan.Zero).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Compute_NoJitter_IgnoresRandom()
    {
        BackoffDelay.Compute(2, Policy with { JitterRatio = 0 }, 0.9, TimeSpan.Zero).Should().Be(TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.1)]
    [InlineData(3, 0.2)]
    [InlineData(4, 0.4)]
    [InlineData(20, 30.0)]
    public void Compute_ZeroInitialDelay_FirstRetryAtOnceThenGrowsFromBase(int attempt, double expectedSeconds)
    {
        var policy = Policy with { InitialDelay = TimeSpan.Zero, JitterRatio = 0 };

        BackoffDelay.Compute(attempt, policy, 0.5, TimeSpan.Zero).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Compute_ZeroInitialDelayWithFloor_ReturnsFloor()
    {
        var policy = Policy with { InitialDelay = TimeSpan.Zero };

        BackoffDelay.Compute(1, policy, 0.0, TimeSpan.FromSeconds(3)).Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Compute_AttemptBelowOne_Throws()
    {
        FluentActions.Invoking(() => BackoffDelay.Compute(0, Policy, 0, TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
