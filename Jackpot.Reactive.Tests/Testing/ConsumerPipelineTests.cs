using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

/// <summary>A consumer's pipeline over <see cref="JackpotPushClient"/>, end to end on the virtual push service.</summary>
public sealed class ConsumerPipelineTests
{
    [Fact]
    public void BroadcastThrottleValues_ConnectionDropsAndReconnects_ThrottlesAcrossBothAttempts()
    {
        VirtualChannel? broadcast = null;
        MarbleTest.Run(test =>
        {
            var service = new VirtualPushService(test);
            var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('c', "J1", 3m).Value('d', "J1", 4m);
            broadcast = service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("-ab--#", values).Attempt("-cd", values);
            var client = service.CreateClient(); // test defaults: no linger, no jitter (retry after exactly 1 s); not `using`: it must outlive the body

            var throttled = client.Broadcast(Jackpots.DefaultGroup).ThrottleValues(test.Time("---|"), test.Scheduler);

            test.ExpectObservable(throttled).ToBe("-a--b 1s -c--d", values);
            test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^----!", "----- 1s ^");
        });
        broadcast!.Attempts[1].LastEventId.Should().Be("2");
    }
}
