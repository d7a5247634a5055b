using System.Net;
using Jackpot.Reactive.Tests.Transport;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Transport.ScriptStep;

namespace Jackpot.Reactive.Tests.Connection;

/// <summary>The reconnection time (WHATWG HTML §9.2.6): the server's <c>retry:</c> sets it, the first reconnect waits it,
/// later ones grow from it, and jitter only ever adds.</summary>
public sealed partial class SseConnectionTests
{
    /// <summary>3 s initial (the client's own choice, well above what the server asks for below), ×2, at most 30 s.</summary>
    private static ReconnectPolicy SlowClient(double random) => new()
    {
        InitialDelay = TimeSpan.FromSeconds(3),
        MaxDelay = TimeSpan.FromSeconds(30),
        RandomSource = () => random,
    };

    [Theory]
    [InlineData(0.0, 0.2)]
    [InlineData(0.5, 0.25)]
    [InlineData(0.999, 0.2999)]
    public void Subscribe_ServerRetryBelowInitialDelay_ReconnectsAfterTheServersTime(double random, double expectedSeconds)
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(0.5, "retry: 200\n\n"), Drop(1)], [Open(0)]);
        var connection = new SseConnection(transport, Options(SlowClient(random)), scheduler);
        var statuses = RecordStatus(connection);

        Run(scheduler, connection);

        transport.Subscriptions.Select(s => s.Subscribe).Should().Equal(S(1), S(2) + S(expectedSeconds));
        statuses.Single(s => s.State == ChannelState.Reconnecting).Delay.Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Subscribe_ServerRetryZero_ReconnectsAtOnceThenBacksOffFromTheBase()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(0.5, "retry: 0\n\n"), Drop(1)], [Drop(1)], [Open(0)]);
        var connection = new SseConnection(transport, Options(SlowClient(random: 0.999)), scheduler);
        var statuses = RecordStatus(connection);

        Run(scheduler, connection);

        // At once (a TestScheduler runs work due now one tick later), then 100 ms × up to 1.5 of jitter: no tight loop
        // against a dead server.
        statuses.Where(s => s.State == ChannelState.Reconnecting).Select(s => s.Delay)
            .Should().Equal(TimeSpan.Zero, TimeSpan.FromSeconds(0.14995));
        transport.Subscriptions.Select(s => s.Subscribe).Should().Equal(S(1), S(2) + 1, S(3) + 1 + S(0.14995));
    }

    [Fact]
    public void Subscribe_LaterFailures_GrowFromTheServersReconnectionTime()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(0.5, "retry: 200\n\n"), Drop(1)], [Drop(1)], [Drop(1)], [Open(0)]);
        var connection = new SseConnection(transport, Options(SlowClient(random: 0)), scheduler);
        var statuses = RecordStatus(connection);

        Run(scheduler, connection);

        statuses.Where(s => s.State == ChannelState.Reconnecting).Select(s => s.Delay)
            .Should().Equal(TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(0.8));
    }

    [Fact]
    public void Subscribe_AnyRandomSource_NoReconnectSoonerThanTheReconnectionTime()
    {
        var random = new Random(7);
        for (int run = 0; run < 50; run++)
        {
            var scheduler = new TestScheduler();
            int retryMs = random.Next(0, 5_000);
            var transport = new ScriptedTransport(scheduler, [Open(0), Send(0.5, $"retry: {retryMs}\n\n"), Drop(1)], [Drop(1)], [Open(0)]);
            var policy = SlowClient(0) with { JitterRatio = random.NextDouble(), RandomSource = random.NextDouble };
            var connection = new SseConnection(transport, Options(policy), scheduler);

            Run(scheduler, connection);

            var subscribed = transport.Subscriptions.Select(s => s.Subscribe).ToArray();
            var reconnectionTime = TimeSpan.FromMilliseconds(retryMs);
            TimeSpan.FromTicks(subscribed[1] - S(2)).Should().BeGreaterThanOrEqualTo(reconnectionTime, "run {0}", run);
            TimeSpan.FromTicks(subscribed[1] - S(2)).Should().BeLessThanOrEqualTo(reconnectionTime * (1 + policy.JitterRatio) + TimeSpan.FromTicks(1));
            TimeSpan.FromTicks(subscribed[2] - subscribed[1] - S(1)).Should().BeGreaterThanOrEqualTo(reconnectionTime, "run {0}", run);
        }
    }

    [Fact]
    public void Subscribe_RetryAfterAboveServerReconnectionTime_WaitsRetryAfter()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(
            scheduler,
            [Open(0), Send(0.5, "retry: 200\n\n"), Drop(1)],
            [Reject(0.5, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(20))],
            [Open(0)]);
        var connection = new SseConnection(transport, Options(SlowClient(random: 0)), scheduler);

        Run(scheduler, connection);

        transport.Subscriptions.Select(s => s.Subscribe).Should().Equal(S(1), S(2.2), S(22.7));
    }
}
