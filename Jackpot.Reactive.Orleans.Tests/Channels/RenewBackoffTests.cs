namespace Jackpot.Reactive.Orleans.Tests.Channels;

/// <summary>The retry delay of a failed subscription call: short, doubling, capped, never past the renew interval.</summary>
public sealed class RenewBackoffTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 500)]
    [InlineData(50, 500)]
    [InlineData(int.MaxValue, 500)]
    public void Delay_FailuresInARow_DoublesFrom100MsUpToHalfASecond(int failures, int expectedMs) =>
        RenewBackoff.Delay(failures, TimeSpan.FromSeconds(5)).Should().Be(TimeSpan.FromMilliseconds(expectedMs));

    [Fact]
    public void Delay_RenewIntervalShorter_IsTheRenewInterval() =>
        RenewBackoff.Delay(3, TimeSpan.FromMilliseconds(250)).Should().Be(TimeSpan.FromMilliseconds(250));

    [Fact]
    public void Delay_NoFailure_Throws() =>
        FluentActions.Invoking(() => RenewBackoff.Delay(0, TimeSpan.FromSeconds(5))).Should().Throw<ArgumentOutOfRangeException>();

    [Theory]
    [InlineData(15_000, 2_000)]
    [InlineData(1_500, 1_500)]
    public void QuickCallTimeout_IsTheCallTimeoutCappedAtTwoSeconds(int callTimeoutMs, int expectedMs) =>
        RenewBackoff.QuickCallTimeout(TimeSpan.FromMilliseconds(callTimeoutMs)).Should().Be(TimeSpan.FromMilliseconds(expectedMs));
}
