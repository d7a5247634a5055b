using System.Net;
using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Channels;

/// <summary>Status streams: by channel, group or player, and their end when the client is disposed.</summary>
public sealed partial class JackpotPushClientTests
{
    [Fact]
    public void Status_ByGroupOrPlayer_IsTheChannelsStatus()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var playerChannel = ChannelName.Player(Jackpots.DefaultWorkspace, Player);
        service.Channel(BroadcastChannel).Attempt(a => a.Open());
        service.Channel(playerChannel).Attempt(a => a.Wait(TimeSpan.FromSeconds(1)).Respond(HttpStatusCode.Unauthorized));
        using var client = Client(service, Options());
        using var broadcast = client.Broadcast(Group).Subscribe(_ => { }, _ => { });
        using var player = client.Player(Player).Subscribe(_ => { }, _ => { });
        test.Flush();

        StatesOf(client.Status(Group)).Should().Equal(ChannelState.Open);
        StatesOf(client.Status(Player)).Should().Equal(ChannelState.Failed);
    }

    [Fact]
    public void Status_InvalidGroupOrPlayer_Throws()
    {
        using var client = Client(new VirtualPushService(new Microsoft.Reactive.Testing.TestScheduler()), Options());

        FluentActions.Invoking(() => client.Status(default(JackpotGroupId))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => client.Status(default(PlayerId))).Should().Throw<ArgumentException>();
        client.Dispose();
        FluentActions.Invoking(() => client.Status(Group)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => client.Status(Player)).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Dispose_CompletesEveryStatusStreamAfterItsLastClosed()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var failingPlayer = new PlayerId("failing");
        service.Channel(BroadcastChannel).Attempt(a => a.Open());
        service.Channel(ChannelName.Player(Jackpots.DefaultWorkspace, failingPlayer)).Attempt(a => a.Respond(HttpStatusCode.Forbidden));
        var client = Client(service, Options(lingerSeconds: 30));
        var open = Record(client.Status(Group));
        var neverSubscribed = Record(client.Status(Player));
        var failed = Record(client.Status(failingPlayer));
        client.Broadcast(Group).Subscribe(_ => { });
        client.Player(failingPlayer).Subscribe(_ => { }, _ => { });
        test.Scheduler.Schedule(TimeSpan.FromSeconds(2), client.Dispose);

        test.Flush();

        open.Should().Equal(
            Next(ChannelState.Closed), Next(ChannelState.Connecting), Next(ChannelState.Open), Next(ChannelState.Closed), Completed());
        neverSubscribed.Should().Equal(Next(ChannelState.Closed), Completed());
        failed.Should().Equal(
            Next(ChannelState.Closed), Next(ChannelState.Connecting), Next(ChannelState.Failed), Next(ChannelState.Closed), Completed());
    }

    private static ChannelState[] StatesOf(IObservable<ChannelStatus> status)
    {
        var states = new List<ChannelState>();
        status.Subscribe(s => states.Add(s.State)).Dispose();
        return [.. states];
    }

    private static List<Notification<ChannelState>> Record(IObservable<ChannelStatus> status)
    {
        var notifications = new List<Notification<ChannelState>>();
        status.Select(s => s.State).Materialize().Subscribe(notifications.Add);
        return notifications;
    }

    private static Notification<ChannelState> Next(ChannelState state) => Notification.CreateOnNext(state);

    private static Notification<ChannelState> Completed() => Notification.CreateOnCompleted<ChannelState>();
}
