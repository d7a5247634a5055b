namespace Jackpot.Reactive.Tests.Connection;

public sealed class BackoffDelayTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private static readonly ReconnectPolicy Policy = new()
    {
        InitialDelay = OneSecond,
        MaxDelay = TimeSpan.FromSeconds(30),
        Multiplier = 2,
        JitterRatio = 0.5,
    };

    [Theory]
    [InlineData(1, 0.0, 1.0)]
    [InlineData(1, 0.5, 1.25)]
    [InlineData(1, 1.0, 1.5)]
    [InlineData(2, 0.0, 2.0)]
    [InlineData(3, 0.5, 5.0)]
    [InlineData(5, 0.0, 16.0)]
    [InlineData(6, 0.0, 30.0)]
    [InlineData(6, 1.0, 45.0)]
    [InlineData(1000, 0.0, 30.0)]
    public void Compute_AttemptAndRandom_ExponentialCappedThenJitteredUpward(int attempt, double random, double expectedSeconds)
    {
        BackoffDelay.Compute(attempt, Policy, OneSecond, random, TimeSpan.Zero).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Compute_AnyRandom_NeverBelowTheReconnectionTimeNorAboveItsJitteredBound()
    {
        var random = new Random(12);
        foreach (double ratio in new[] { 0.0, 0.25, 0.5, 1.0 })
        {
            var policy = Policy with { JitterRatio = ratio };
            for (int i = 0; i < 2_000; i++)
            {
                var reconnectionTime = TimeSpan.FromMilliseconds(random.Next(1, 60_000));
                int attempt = random.Next(1, 12);
                double share = random.NextDouble();
                double backoffTicks = Math.Min(
                    Math.Max(policy.MaxDelay.Ticks, reconnectionTime.Ticks),
                    reconnectionTime.Ticks * Math.Pow(policy.Multiplier, attempt - 1));

                var delay = BackoffDelay.Compute(attempt, policy, reconnectionTime, share, TimeSpan.Zero);

                delay.Should().BeGreaterThanOrEqualTo(reconnectionTime, "attempt {0}, random {1}, ratio {2}", attempt, share, ratio);
                delay.Ticks.Should().BeInRange((long)backoffTicks, (long)(backoffTicks * (1 + ratio)));
            }
        }
    }

    [Theory]
    [InlineData(-1.0, 4.0)]
    [InlineData(7.0, 6.0)]
    [InlineData(double.NaN, 4.0)]
    public void Compute_RandomOutsideRange_IsClamped(double random, double expectedSeconds)
    {
        BackoffDelay.Compute(3, Policy, OneSecond, random, TimeSpan.Zero).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData(1, 0.2)]
    [InlineData(2, 0.4)]
    [InlineData(5, 3.2)]
    [InlineData(20, 30.0)]
    public void Compute_ServerReconnectionTimeBelowInitialDelay_StartsFromIt(int attempt, double expectedSeconds)
    {
        var policy = Policy with { InitialDelay = TimeSpan.FromSeconds(3) };

        BackoffDelay.Compute(attempt, policy, TimeSpan.FromMilliseconds(200), 0.0, TimeSpan.Zero)
            .Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Compute_ReconnectionTimeAboveMaxDelay_IsTheCapInstead()
    {
        BackoffDelay.Compute(1, Policy, TimeSpan.FromMinutes(2), 0.0, TimeSpan.Zero).Should().Be(TimeSpan.FromMinutes(2));
        BackoffDelay.Compute(5, Policy, TimeSpan.FromMinutes(2), 0.0, TimeSpan.Zero).Should().Be(TimeSpan.FromMinutes(2));
        BackoffDelay.Compute(5, Policy, TimeSpan.FromMinutes(2), 1.0, TimeSpan.Zero).Should().Be(TimeSpan.FromMinutes(3));
    }

    [Fact]
    public void Compute_FloorAboveBackoff_ReturnsFloorEvenAboveMaxDelay()
    {
        BackoffDelay.Compute(1, Policy, OneSecond, 0.0, TimeSpan.FromSeconds(5)).Should().Be(TimeSpan.FromSeconds(5));
        BackoffDelay.Compute(10, Policy, OneSecond, 0.0, TimeSpan.FromMinutes(2)).Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Compute_FloorBelowJitteredBackoff_ReturnsTheBackoff()
    {
        BackoffDelay.Compute(2, Policy, OneSecond, 1.0, TimeSpan.FromSeconds(1)).Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Compute_NoJitter_IgnoresRandom()
    {
        BackoffDelay.Compute(2, Policy with { JitterRatio = 0 }, OneSecond, 0.9, TimeSpan.Zero).Should().Be(TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.1)]
    [InlineData(3, 0.2)]
    [InlineData(4, 0.4)]
    [InlineData(20, 30.0)]
    public void Compute_ZeroReconnectionTime_FirstRetryAtOnceThenGrowsFromBase(int attempt, double expectedSeconds)
    {
        var policy = Policy with { JitterRatio = 0 };

        BackoffDelay.Compute(attempt, policy, TimeSpan.Zero, 0.5, TimeSpan.Zero).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Compute_ZeroReconnectionTimeWithJitter_FirstRetryStillAtOnce()
    {
        BackoffDelay.Compute(1, Policy with { JitterRatio = 1 }, TimeSpan.Zero, 0.99, TimeSpan.Zero).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Compute_ZeroReconnectionTimeWithFloor_ReturnsFloor()
    {
        BackoffDelay.Compute(1, Policy, TimeSpan.Zero, 0.0, TimeSpan.FromSeconds(3)).Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Compute_HugeMaxDelay_DoesNotOverflow()
    {
        var policy = Policy with { MaxDelay = TimeSpan.MaxValue, JitterRatio = 1 };

        BackoffDelay.Compute(200, policy, OneSecond, 1.0, TimeSpan.Zero).Should().Be(TimeSpan.MaxValue);
    }

    [Fact]
    public void Compute_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => BackoffDelay.Compute(0, Policy, OneSecond, 0, TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => BackoffDelay.Compute(1, Policy, TimeSpan.FromTicks(-1), 0, TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
