using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

/// <summary>A consumer's pipeline over <see cref="JackpotPushClient"/>, end to end on the virtual push service.</summary>
public sealed class ConsumerPipelineTests
{
    [Fact]
    public void BroadcastThrottleValues_ConnectionDropsAndReconnects_ThrottlesAcrossBothAttempts()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('c', "J1", 3m).Value('d', "J1", 4m);
        var broadcast = service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("-ab--#", values).Attempt("-cd", values);
        using var client = service.CreateClient(ReconnectPolicy.Default with { RandomSource = () => 0 }); // no jitter: retry after exactly 1 s

        var throttled = client.Broadcast(Jackpots.DefaultGroup).ThrottleValues(test.Time("---|"), test.Scheduler);

        test.ExpectObservable(throttled).ToBe("-a--b 1s -c--d", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^----!", "----- 1s ^");
        test.Flush();
        broadcast.Attempts[1].LastEventId.Should().Be("2");
    }
}
