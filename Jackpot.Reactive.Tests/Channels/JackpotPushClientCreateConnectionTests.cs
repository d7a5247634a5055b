using System.Reactive.Linq;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Channels;

/// <summary><see cref="JackpotPushClient.CreateConnection"/>: a connection of its own that resumes from a given id.</summary>
public sealed class JackpotPushClientCreateConnectionTests
{
    private static readonly ChannelName BroadcastChannel = Jackpots.DefaultBroadcastChannel;

    [Fact]
    public void CreateConnection_WithLastEventId_SendsItAndReportsResumed()
    {
        var scheduler = new TestScheduler();
        var service = new VirtualPushService(scheduler);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J1", 11m);
        service.Channel(BroadcastChannel).Attempt("-ab", values);
        using var client = service.CreateClient();
        var connection = client.CreateConnection(BroadcastChannel, "41");
        var ids = new List<string>();
        var statuses = new List<ChannelStatus>();

        using var status = connection.Status.Subscribe(statuses.Add);
        using var subscription = connection.Subscribe(e => ids.Add(e.LastEventId));
        scheduler.Start();

        service.Channel(BroadcastChannel).Attempts.Should().ContainSingle().Which.LastEventId.Should().Be("41");
        statuses.Should().Contain(s => s.State == ChannelState.Open && s.Continuity == StreamContinuity.Resumed);
        ids.Should().Equal("1", "2");
        connection.LastEventId.Should().Be("2");
    }

    [Fact]
    public void CreateConnection_WithoutLastEventId_StartsLiveAndIsNotSharedWithTheChannelSource()
    {
        var scheduler = new TestScheduler();
        var service = new VirtualPushService(scheduler);
        using var client = service.CreateClient();
        var statuses = new List<ChannelStatus>();

        using var shared = client.Channel(BroadcastChannel).Subscribe(_ => { });
        var connection = client.CreateConnection(BroadcastChannel, lastEventId: null);
        using var status = connection.Status.Subscribe(statuses.Add);
        using var own = connection.Subscribe(_ => { });
        scheduler.Start();

        var attempts = service.Channel(BroadcastChannel).Attempts;
        attempts.Should().HaveCount(2);
        attempts[1].LastEventId.Should().BeNullOrEmpty();
        statuses.Should().Contain(s => s.State == ChannelState.Open && s.Continuity == StreamContinuity.Initial);
    }

    [Fact]
    public void CreateConnection_BadArguments_Throw()
    {
        var service = new VirtualPushService(new TestScheduler());
        var client = service.CreateClient();

        FluentActions.Invoking(() => client.CreateConnection(default, null)).Should().Throw<ArgumentException>().WithParameterName("channel");
        FluentActions.Invoking(() => client.CreateConnection(ChannelName.Broadcast(new WorkspaceId("other"), Jackpots.DefaultGroup), null))
            .Should().Throw<ArgumentException>().WithMessage("*workspace*");
        FluentActions.Invoking(() => client.CreateConnection(BroadcastChannel, "1\n2")).Should().Throw<ArgumentException>();
        client.Dispose();
        FluentActions.Invoking(() => client.CreateConnection(BroadcastChannel, null)).Should().Throw<ObjectDisposedException>();
    }
}
