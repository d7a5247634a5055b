using System.Net;
using System.Reactive.Linq;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

/// <summary>The virtual push service under the library's own consumer of <see cref="ISseTransport"/>.</summary>
public sealed class VirtualPushServiceConnectionTests
{
    private static readonly ChannelName Broadcast = Jackpots.DefaultBroadcastChannel;

    private static readonly ReconnectPolicy ThreeFramesNoJitter = ReconnectPolicy.Default with
    {
        InitialDelay = TimeSpan.FromMilliseconds(3),
        JitterRatio = 0,
    };

    [Fact]
    public void SseConnection_AfterADrop_ReconnectsWithLastEventIdInVirtualTime()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('c', "J1", 3m);
        service.Channel(Broadcast).Attempt("-a-b-#", values).Attempt("--c", values);
        var connection = new SseConnection(service, Options(), test.Scheduler);

        test.ExpectObservable(connection.Select(e => e.LastEventId[0]), "^ 20ms !").ToBe("-1-2------3");
        test.ExpectSubscriptions(service.Channel(Broadcast).Subscriptions).ToBe("^----!", "--------^ 12ms !");
        test.Flush();

        var attempts = service.Channel(Broadcast).Attempts;
        attempts[0].LastEventId.Should().BeNullOrEmpty();
        attempts[1].LastEventId.Should().Be("2");
    }

    [Fact]
    public void SseConnection_ServiceUnavailableWithRetryAfter_WaitsAtLeastRetryAfter()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 1m);
        service.Channel(Broadcast)
            .Attempt(a => a.Respond(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(2)))
            .Attempt("a", values);
        var connection = new SseConnection(service, Options(), test.Scheduler);

        test.ExpectObservable(connection.Select(e => e.LastEventId[0]), "^ 3s !").ToBe("2s 1");
        test.ExpectSubscriptions(service.Channel(Broadcast).Subscriptions).ToBe("(^!)", "2s ^ 1s !");

        test.Flush();
    }

    [Fact]
    public void SseConnection_NotFound_FailsWithoutRetrying()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        service.Channel(Broadcast).Attempt(a => a.Respond(HttpStatusCode.NotFound));
        var connection = new SseConnection(service, Options(), test.Scheduler);

        test.ExpectObservable(connection).ToBe(
            "#",
            error: new SseHttpException(HttpStatusCode.NotFound, null, new Dictionary<string, IReadOnlyList<string>>(), null));
        test.ExpectSubscriptions(service.Channel(Broadcast).Subscriptions).ToBe("(^!)");

        test.Flush();
    }

    private static SseConnectionOptions Options() => new()
    {
        Uri = JackpotPushEndpoint.BuildSubscribeUri(Broadcast),
        Reconnect = ThreeFramesNoJitter,
    };
}
