using Jackpot.Reactive.Orleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Jackpot.Reactive.Orleans.Tests.Channels;

/// <summary>
/// A cluster whose silos run their grains on a virtual clock: Orleans drives grain timers with the silo's default
/// <see cref="TimeProvider"/> (<c>TimeProviderNames.Grains</c>), and the channel grains read their leases' time from it
/// too, so the linger and the lease expiry happen when a test moves the clock, never on their own. Orleans' background
/// areas (membership, messaging, directory, activation collection) stay on real time.
/// </summary>
public sealed class VirtualTimeCluster : ChannelCluster
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<TimeProvider>(Clock);
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
    }
}

/// <summary>
/// The linger and the lease expiry of a channel grain, in virtual time. Each step moves the clock, then asks the grain
/// (a call the grain handles after the timer ticks the step caused), so each assertion holds at an exact virtual time.
/// </summary>
public sealed class ChannelTimeTests(VirtualTimeCluster cluster) : IClassFixture<VirtualTimeCluster>
{
    private static readonly TimeSpan OneTick = TimeSpan.FromMilliseconds(1);


    [Fact]
    public async Task Channel_LastSubscriberLeaves_UpstreamClosesWhenTheLingerHasPassedAndTheNextLifeStartsFresh()
    {
        var group = cluster.NewGroup();
        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var recorder = new EventRecorder<JackpotEvent>();
        var subscription = cluster.ClientChannels.Broadcast(group).Subscribe(recorder);
        await recorder.WaitForCountAsync(5);
        var before = await InfoAsync(channel);

        subscription.Dispose();
        await Eventually.HoldsAsync(async () => (await InfoAsync(channel)).Subscribers == 0, "the lease is ended");
        var lingering = await InfoAsync(channel);
        cluster.Clock.Advance(cluster.Linger - OneTick);
        var lingerAlmostOver = await InfoAsync(channel);
        cluster.Clock.Advance(OneTick);
        var lingerOver = await InfoAsync(channel);

        var again = new EventRecorder<JackpotEvent>();
        using var next = cluster.ClientChannels.Broadcast(group).Subscribe(again);
        await again.WaitForCountAsync(1);
        var after = await InfoAsync(channel);

        lingering.IsUpstreamOpen.Should().BeTrue("the upstream lingers after the last subscriber leaves");
        lingerAlmostOver.IsUpstreamOpen.Should().BeTrue("the linger has not passed in virtual time");
        lingerOver.IsUpstreamOpen.Should().BeFalse("the linger has passed in virtual time");
        var requests = cluster.Requests.For(channel);
        requests.Should().HaveCount(2);
        requests[1].LastEventId.Should().BeNull("a new life starts fresh, without Last-Event-ID");
        after.Epoch.Should().Be(before.Epoch + 1);
    }

    [Fact]
    public async Task Channel_SubscriberDiesWithoutUnsubscribing_LeaseExpiresAtItsEndThenTheUpstreamClosesAfterTheLinger()
    {
        var channel = ChannelName.Broadcast(cluster.Workspace, cluster.NewGroup());
        var observer = new SilentObserver();
        var reference = cluster.Client.CreateObjectReference<IJackpotChannelObserver>(observer);
        try
        {
            // A subscribing process that subscribes once and then dies: it never renews and never unsubscribes. The grain
            // looks for expired leases every checkpoint interval (its housekeeping period here).
            var housekeeping = cluster.CheckpointInterval;
            housekeeping.Should().BeLessThan(cluster.LeaseDuration / 4);
            await cluster.Grain(channel).Subscribe(channel, reference, after: null);
            var heldAt = new List<int>();
            for (var elapsed = housekeeping; elapsed < cluster.LeaseDuration; elapsed += housekeeping)
            {
                cluster.Clock.Advance(housekeeping);
                heldAt.Add((await InfoAsync(channel)).Subscribers);
            }

            cluster.Clock.Advance(housekeeping);
            var leaseOver = await InfoAsync(channel);
            cluster.Clock.Advance(cluster.Linger - OneTick);
            var lingerAlmostOver = await InfoAsync(channel);
            cluster.Clock.Advance(OneTick);
            var lingerOver = await InfoAsync(channel);

            heldAt.Should().HaveCount((int)(cluster.LeaseDuration / housekeeping) - 1).And.OnlyContain(count => count == 1, "the lease holds until its end");
            leaseOver.Subscribers.Should().Be(0, "the lease has expired");
            leaseOver.IsUpstreamOpen.Should().BeTrue("the linger starts when the lease expires");
            lingerAlmostOver.IsUpstreamOpen.Should().BeTrue();
            lingerOver.IsUpstreamOpen.Should().BeFalse("the linger has passed");
            cluster.Requests.For(channel).Should().ContainSingle();
        }
        finally
        {
            cluster.Client.DeleteObjectReference<IJackpotChannelObserver>(reference);
        }
    }

    private Task<JackpotChannelInfo> InfoAsync(ChannelName channel) => cluster.ClientChannels.GetInfoAsync(channel);
}
