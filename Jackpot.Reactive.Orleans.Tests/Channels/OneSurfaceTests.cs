using Jackpot.Reactive.Orleans.Tests.Infrastructure;
using Jackpot.Reactive.Samples;

namespace Jackpot.Reactive.Orleans.Tests.Channels;

/// <summary>
/// One surface for both sources of channels: code written against <see cref="IJackpotChannels"/> behaves the same over a
/// <see cref="JackpotPushClient"/> and over the cluster's channels, and the console board runs on either.
/// </summary>
[Collection(SharedClusterDefinition.Name)]
public sealed class OneSurfaceTests(SharedChannelCluster cluster)
{
    [Fact]
    public async Task SameCode_ClientOrCluster_LateSubscriberGetsEveryJackpotsLatestValueThenLiveEvents()
    {
        await using var client = new JackpotPushClient(new JackpotPushClientOptions { Workspace = cluster.Workspace, Endpoint = cluster.Simulator.SubscribeUri });

        var direct = await LateSubscriberAsync(client, cluster.NewGroup());
        var clustered = await LateSubscriberAsync(cluster.ClientChannels, cluster.NewGroup());

        foreach (var (snapshot, live) in new[] { direct, clustered })
        {
            snapshot.Should().HaveCount(3, "the latest value of each of the group's three jackpots")
                .And.OnlyContain(e => e is JackpotValueUpdated);
            live.Should().NotBeEmpty("then the live events");
        }
    }

    [Fact]
    public async Task Cluster_SubscriberThrows_IsReportedOnDiagnostics_TheOthersGoOn()
    {
        var group = cluster.NewGroup();
        var channels = cluster.ClientChannels;
        var diagnostics = new EventRecorder<JackpotPushDiagnostic>();
        using var watching = channels.Diagnostics.Subscribe(diagnostics);
        var healthy = new EventRecorder<JackpotEvent>();
        using var healthySubscription = channels.Broadcast(group).Subscribe(healthy);
        using var thrower = channels.Broadcast(group).Subscribe(_ => throw new InvalidOperationException("a handler's bug"));

        await diagnostics.WaitForCountAsync(1);
        int seen = healthy.Items.Count;
        await healthy.WaitForCountAsync(seen + 5);

        var fault = diagnostics.Items.Should().ContainSingle().Subject;
        fault.Kind.Should().Be(JackpotPushDiagnosticKind.SubscriberFault);
        fault.Channel.Should().Be(ChannelName.Broadcast(cluster.Workspace, group));
        fault.Error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("a handler's bug");
        fault.FaultedCall.Should().Be("OnNext (events)");
    }

    [Fact]
    public async Task BoardCommand_Cluster_RunsTheSameBoardThroughChannelGrains()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exitCode = await BoardCommand.RunAsync(["--cluster", "--plain", "--duration", "10"], TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

        exitCode.Should().Be(0, stderr.ToString());
        string output = stdout.ToString();
        output.Should().Contain("through channel grains on 3 in-process Orleans silos");
        output.Should().Contain(" broadcast channel open").And.Contain(" player channel open");
        output.Should().MatchRegex(@"[0-9A-Za-z]{8} EUR \d{1,3}(,\d{3})*\.\d\d", "the board shows the jackpots' values");
    }

    /// <summary>Subscribes once, waits for live events, then subscribes again: what the late subscriber gets first.</summary>
    private static async Task<(List<JackpotEvent> Snapshot, IReadOnlyList<JackpotEvent> Live)> LateSubscriberAsync(IJackpotChannels channels, JackpotGroupId group)
    {
        var first = new EventRecorder<JackpotEvent>();
        using var early = channels.Broadcast(group).Subscribe(first);
        await first.WaitUntilAsync(items => items.OfType<JackpotValueUpdated>().Select(v => v.Jackpot).Distinct().Count() == 3, "every jackpot has a value");

        var late = new EventRecorder<JackpotEvent>();
        using var subscription = channels.Broadcast(group).Subscribe(late);
        await late.WaitForCountAsync(5);
        var items = late.Items;
        return ([.. items.Take(3)], [.. items.Skip(3)]);
    }
}
