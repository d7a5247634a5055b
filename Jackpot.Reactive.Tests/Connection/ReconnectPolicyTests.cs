using System.Net;
using System.Net.Sockets;

namespace Jackpot.Reactive.Tests.Connection;

public sealed class ReconnectPolicyTests
{
    [Fact]
    public void Default_HasDocumentedValues()
    {
        var policy = ReconnectPolicy.Default;

        policy.InitialDelay.Should().Be(TimeSpan.FromSeconds(1));
        policy.MaxDelay.Should().Be(TimeSpan.FromSeconds(30));
        policy.Multiplier.Should().Be(2);
        policy.JitterRatio.Should().Be(0.5);
        policy.ResetAfter.Should().Be(TimeSpan.FromSeconds(60));
        policy.MaxAttempts.Should().BeNull();
        policy.RandomSource().Should().BeInRange(0, 1);
    }

    [Fact]
    public void Init_OutOfRangeValues_ThrowNamingTheProperty()
    {
        var p = ReconnectPolicy.Default;

        FluentActions.Invoking(() => p with { InitialDelay = TimeSpan.FromTicks(-1) }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("InitialDelay");
        FluentActions.Invoking(() => p with { MaxDelay = TimeSpan.FromSeconds(-1) }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxDelay");
        FluentActions.Invoking(() => p with { Multiplier = 0.5 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Multiplier");
        FluentActions.Invoking(() => p with { Multiplier = double.PositiveInfinity }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Multiplier");
        FluentActions.Invoking(() => p with { JitterRatio = 1.5 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("JitterRatio");
        FluentActions.Invoking(() => p with { JitterRatio = double.NaN }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("JitterRatio");
        FluentActions.Invoking(() => p with { ResetAfter = TimeSpan.Zero }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("ResetAfter");
        FluentActions.Invoking(() => p with { MaxAttempts = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxAttempts");
        FluentActions.Invoking(() => p with { RandomSource = null! }).Should().Throw<ArgumentNullException>().WithParameterName("RandomSource");
    }

    public static TheoryData<Exception, bool> RetryTable() => new()
    {
        { new HttpRequestException("connect failed"), true },
        { new IOException("reset"), true },
        { new SocketException(), true },
        { new TimeoutException(), true },
        { new SseIdleTimeoutException(TimeSpan.FromSeconds(1)), true },
        { new SseStreamEndedException(), true },
        { Http(HttpStatusCode.InternalServerError), true },
        { Http(HttpStatusCode.BadGateway), true },
        { Http(HttpStatusCode.ServiceUnavailable), true },
        { Http(HttpStatusCode.RequestTimeout), true },
        { Http(HttpStatusCode.TooManyRequests), true },
        { Http(HttpStatusCode.NoContent), false },
        { Http(HttpStatusCode.Unauthorized), false },
        { Http(HttpStatusCode.Forbidden), false },
        { Http(HttpStatusCode.NotFound), false },
        { Http(HttpStatusCode.Gone), false },
        { Http(HttpStatusCode.OK), false },
        { new SseEventTooLargeException(16), false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(RetryTable))]
    public void IsRetriedByDefault_FollowsRetryTable(Exception error, bool retried)
    {
        ReconnectPolicy.IsRetriedByDefault(error).Should().Be(retried);
    }

    [Fact]
    public void DelayFloorByDefault_ReadsRetryAfterOfHttpFailures()
    {
        var busy = new SseHttpException(HttpStatusCode.ServiceUnavailable, null, new Dictionary<string, IReadOnlyList<string>>(), TimeSpan.FromSeconds(7));

        ReconnectPolicy.DelayFloorByDefault(busy).Should().Be(TimeSpan.FromSeconds(7));
        ReconnectPolicy.DelayFloorByDefault(new IOException()).Should().BeNull();
    }

    private static SseHttpException Http(HttpStatusCode status) =>
        new(status, "text/plain", new Dictionary<string, IReadOnlyList<string>>(), null);
}
