using Jackpot.Reactive.Orleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Jackpot.Reactive.Orleans.Tests.Grains;

/// <summary>A cluster on a virtual grain clock whose channel checkpoints go to a <see cref="RecordingGrainStorage"/>.</summary>
public sealed class CheckpointCluster : ChannelCluster
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    internal RecordingGrainStorage Storage { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<TimeProvider>(Clock);
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        silo.Services.AddKeyedSingleton<IGrainStorage>(JackpotChannelOptions.StorageName, Storage);
    }
}

/// <summary>
/// The channel grain's checkpoint, write by write, on a virtual grain clock: the life's first event id reaches the store
/// a quarter interval after it arrives, then every checkpoint interval writes the position staged one interval before,
/// so a new activation after a crash always resumes close behind, with <c>Last-Event-ID</c>.
/// </summary>
public sealed class ChannelCheckpointTests(CheckpointCluster cluster) : IClassFixture<CheckpointCluster>
{
    private static readonly TimeSpan OneTick = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task NewLife_FirstEventWithAnId_IsWrittenOnceSettledLongBeforeTheFirstInterval()
    {
        var group = cluster.NewGroup();
        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var grain = cluster.Grain(channel).GetGrainId();
        var recorder = new EventRecorder<JackpotEvent>();
        using var subscription = cluster.ClientChannels.Broadcast(group).Subscribe(recorder);
        await recorder.WaitForCountAsync(1);
        var settle = cluster.CheckpointInterval / 4;

        cluster.Clock.Advance(settle - OneTick);
        await cluster.ClientChannels.GetInfoAsync(channel);
        var beforeSettled = cluster.Storage.WritesOf(grain);
        cluster.Clock.Advance(OneTick);
        var info = await cluster.ClientChannels.GetInfoAsync(channel);
        var settled = cluster.Storage.WritesOf(grain);

        beforeSettled.Should().ContainSingle("only the life's start is written before its first event has settled")
            .Which.LastEventId.Should().BeEmpty();
        settled.Should().HaveCount(2, "the first event is written once settled, without waiting for the checkpoint interval");
        var first = settled[1];
        first.Live.Should().BeTrue();
        first.LastEventId.Should().NotBeEmpty("a crash from now on resumes with Last-Event-ID");
        first.Epoch.Should().Be(info.Epoch);
        first.Sequence.Should().BeInRange(1, info.Sequence);
    }

    [Fact]
    public async Task LiveChannel_EachCheckpointInterval_WritesThePositionOfTheIntervalBeforeWithItsEventId()
    {
        var group = cluster.NewGroup();
        var channel = ChannelName.Broadcast(cluster.Workspace, group);
        var grain = cluster.Grain(channel).GetGrainId();
        var recorder = new EventRecorder<JackpotEvent>();
        using var subscription = cluster.ClientChannels.Broadcast(group).Subscribe(recorder);
        await recorder.WaitForCountAsync(3);

        const int Intervals = 6;
        var positions = new List<long>();
        for (int i = 0; i < Intervals; i++)
        {
            // Events arrive (real time), then the interval ends (virtual time); the next call runs after the tick.
            int seen = recorder.Items.Count;
            await recorder.WaitForCountAsync(seen + 3);
            cluster.Clock.Advance(cluster.CheckpointInterval);
            positions.Add((await cluster.ClientChannels.GetInfoAsync(channel)).Sequence);
        }

        var writes = cluster.Storage.WritesOf(grain);
        writes.Should().HaveCount(Intervals + 1, "the life's start, its first event, then every interval from the second on");
        writes[0].LastEventId.Should().BeEmpty("the life starts without an id");
        var withIds = writes.Skip(1).ToList();
        withIds.Should().OnlyContain(w => w.Live && w.LastEventId.Length > 0, "a live position is written with its event id");
        withIds.Select(w => w.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("each write is further on");
        withIds[^1].Sequence.Should().BeGreaterThanOrEqualTo(positions[^3]).And.BeLessThanOrEqualTo(positions[^2], "written one interval behind");
    }
}
