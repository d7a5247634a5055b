using System.Reactive;
using Jackpot.Reactive.Orleans.Tests.Infrastructure;

namespace Jackpot.Reactive.Orleans.Tests.Channels;

/// <summary>Subscribers that throw, in a cluster process: each is unsubscribed as if it had left; nobody else notices.</summary>
[Collection(SharedClusterDefinition.Name)]
public sealed class SubscriberIsolationTests(SharedChannelCluster cluster)
{
    [Fact]
    public async Task Broadcast_SubscribersThrow_AreUnsubscribed_TheOthersGetEveryEventOnTheSameLease()
    {
        var group = cluster.NewGroup();
        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var channels = cluster.ClientChannels;
        var healthy = new EventRecorder<JackpotEvent>();
        int thrownOn = 0;
        int terminalCalls = 0;
        using var healthySubscription = channels.Broadcast(group).Subscribe(healthy);
        using var thrower = channels.Broadcast(group).Subscribe(Observer.Create<JackpotEvent>(
            _ =>
            {
                if (Interlocked.Increment(ref thrownOn) == 3)
                {
                    throw new InvalidOperationException("a subscriber's bug");
                }
            },
            _ => Interlocked.Increment(ref terminalCalls),
            () => Interlocked.Increment(ref terminalCalls)));
        using var onNextOnly = channels.Broadcast(group).Subscribe(_ => throw new InvalidOperationException("a handler's bug"));
        using var throwingStatus = channels.Status(channel).Subscribe(_ => throw new InvalidOperationException("a status handler's bug"));

        await healthy.WaitForCountAsync(25);
        var info = await channels.GetInfoAsync(channel);

        Volatile.Read(ref thrownOn).Should().Be(3, "a subscriber that threw gets nothing after that event");
        Volatile.Read(ref terminalCalls).Should().Be(0, "nor OnError or OnCompleted");
        healthy.Items.OfType<JackpotValueUpdated>().Should().NotBeEmpty();
        info.Subscribers.Should().Be(1, "the process keeps its one lease for its healthy subscriber");
        cluster.Requests.For(channel).Should().ContainSingle("nothing reconnected");
    }

    [Fact]
    public async Task Broadcast_TheOnlySubscriberThrows_LeavesAsIfUnsubscribed_TheLeaseEnds()
    {
        var group = cluster.NewGroup();
        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = cluster.ChannelsOn(cluster.Silos[2]).Broadcast(group).Subscribe(_ =>
        {
            first.TrySetResult();
            throw new InvalidOperationException("a handler's bug");
        });

        await first.Task.WaitAsync(EventRecorder<object>.Timeout, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(
            async () => (await cluster.ClientChannels.GetInfoAsync(channel)).Subscribers == 0,
            "the process that lost its only subscriber ends its lease");
    }
}
