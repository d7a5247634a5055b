using System.Net;
using System.Reactive.Linq;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Channels;

/// <summary>A channel's lives: a life starts with the first subscription and ends when the connection closes after the
/// linger or fails for good; reconnects within a life resume, a new life starts fresh.</summary>
public sealed partial class JackpotPushClientTests
{
    [Fact]
    public void Broadcast_SubscribeAfterLingerClosed_StartsFreshWithoutLastEventId()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J1", 11m);
        var broadcast = service.Channel(BroadcastChannel).Attempt("-a", values).Attempt("-b", values);
        using var client = Client(service, Options(lingerSeconds: 2));
        var statuses = RecordStatus(client.Status(BroadcastChannel));

        test.ExpectObservable(client.Broadcast(Group), "^--!").ToBe("-a", values);
        test.ExpectObservable(client.Broadcast(Group), "---------^").ToBe("----------b", values);
        test.Flush();

        broadcast.Attempts.Select(a => a.LastEventId ?? string.Empty).Should().Equal(string.Empty, string.Empty);
        statuses.Where(s => s.State == ChannelState.Open).Select(s => s.Continuity)
            .Should().Equal(StreamContinuity.Initial, StreamContinuity.Initial);
    }

    [Fact]
    public void Broadcast_SubscribeAfterTerminalFailure_StartsFreshWithoutLastEventId()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J1", 11m);
        var broadcast = service.Channel(BroadcastChannel)
            .Attempt("-a#", values)
            .Attempt(a => a.Respond(HttpStatusCode.Forbidden))
            .Attempt("-b", values);
        using var client = Client(service, Options());
        var statuses = RecordStatus(client.Status(BroadcastChannel));
        var forbidden = new SseHttpException(HttpStatusCode.Forbidden, null, new Dictionary<string, IReadOnlyList<string>>(), null);

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-a---#", values, forbidden);
        test.ExpectObservable(client.Broadcast(Group), "----------^").ToBe("-----------b", values);
        test.Flush();

        // The reconnect within the first life resumed; the second life sent no id.
        broadcast.Attempts.Select(a => a.LastEventId ?? string.Empty).Should().Equal(string.Empty, "1", string.Empty);
        statuses.Where(s => s.State == ChannelState.Open).Select(s => s.Continuity)
            .Should().Equal(StreamContinuity.Initial, StreamContinuity.Initial);
    }

    [Fact]
    public void Broadcast_ReconnectWithinALife_KeepsResuming()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J1", 11m);
        var broadcast = service.Channel(BroadcastChannel).Attempt("-a#", values).Attempt("-b#", values).Attempt("-", values);
        using var client = Client(service, Options(lingerSeconds: 30));
        var statuses = RecordStatus(client.Status(BroadcastChannel));

        // The subscriber leaves and another joins within the linger: still the same life.
        test.ExpectObservable(client.Broadcast(Group), "^----!").ToBe("-a", values);
        test.ExpectObservable(client.Broadcast(Group), "-------^").ToBe("-------b", values);
        test.Flush();

        broadcast.Attempts.Select(a => a.LastEventId ?? string.Empty).Should().Equal(string.Empty, "1", "2");
        statuses.Where(s => s.State == ChannelState.Open).Select(s => s.Continuity)
            .Should().Equal(StreamContinuity.Initial, StreamContinuity.Resumed, StreamContinuity.Resumed);
    }

    private static List<ChannelStatus> RecordStatus(IObservable<ChannelStatus> status)
    {
        var statuses = new List<ChannelStatus>();
        status.Subscribe(statuses.Add);
        return statuses;
    }
}
