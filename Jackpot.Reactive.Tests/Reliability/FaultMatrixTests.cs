using System.Net;
using Jackpot.Reactive.Samples;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Reliability;

/// <summary>The fault matrix runs alone: it measures process-wide resources (heap, threads, timers, sockets).</summary>
[CollectionDefinition(nameof(FaultMatrixRunsAlone), DisableParallelization = true)]
public sealed class FaultMatrixRunsAlone;

/// <summary>
/// Every fault of the matrix, end to end: the real <see cref="JackpotPushClient"/> over loopback HTTP against the
/// simulator. Per subscriber no event is lost or duplicated, the status stream tells the truth, the server sees every
/// stream closed, and the process holds no more heap, threads, timers or sockets than before.
/// </summary>
[Collection(nameof(FaultMatrixRunsAlone))]
public sealed class FaultMatrixTests
{
    /// <summary>Every scenario over HTTP/1.1 (a connection per channel) and over HTTP/2 (h2c: the channel a stream of a
    /// shared connection, a drop by abort a stream reset).</summary>
    public static TheoryData<string, JackpotPushProtocol> Scenarios
    {
        get
        {
            var data = new TheoryData<string, JackpotPushProtocol>();
            foreach (var protocol in new[] { JackpotPushProtocol.Http11, JackpotPushProtocol.Http2 })
            {
                foreach (var scenario in FaultScenarios.All)
                {
                    data.Add(scenario.Name, protocol);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task RunAsync_Fault_NothingLostDuplicatedUntrueOrLeaked(string name, JackpotPushProtocol protocol)
    {
        var scenario = FaultScenarios.Find(name)!;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var simulator = await PushEventSimulator.StartAsync(FaultMatrix.SimulatorOptions(protocol), cancellationToken);
        var warmUp = await FaultMatrix.RunAsync(simulator, FaultScenarios.Healthy, cancellationToken);
        warmUp.Violations.Should().BeEmpty();
        var before = ResourceUsage.Measure();

        var result = await FaultMatrix.RunAsync(simulator, scenario, cancellationToken);
        var (after, leaks) = await ResourceUsage.SettleAsync(before, LeakTolerance.Scenario, TimeSpan.FromSeconds(10), cancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"{result} in {result.Duration.TotalSeconds:0.0} s");
        TestContext.Current.TestOutputHelper?.WriteLine($"before: {before}");
        TestContext.Current.TestOutputHelper?.WriteLine($"after:  {after}");
        result.Violations.Should().BeEmpty();
        result.Lost.Should().Be(0);
        result.Duplicated.Should().Be(0);
        result.EventsDelivered.Should().BeGreaterThan(30);
        result.HttpVersions.Should().Equal(protocol == JackpotPushProtocol.Http2 ? HttpVersion.Version20 : HttpVersion.Version11);
        leaks.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_SubscriberSkipsAnEvent_ReportsItAsLost()
    {
        // The checker itself must be able to fail: a sequence with a hole is a loss, a repeated id a duplicate.
        var subscriber = new SequenceSubscriber("probe");
        foreach (long id in new long[] { 5, 6, 8, 8, 9 })
        {
            subscriber.OnNext(ValueWithId(id));
        }

        subscriber.CountLost(new HashSet<long>()).Should().Be(1);
        subscriber.CountLost(new HashSet<long> { 7 }).Should().Be(0);
        subscriber.Duplicated.Should().Be(1);
        subscriber.Received.Should().Be(4);
        await subscriber.WaitForIdAsync(9, TestContext.Current.CancellationToken);
    }

    private static JackpotValueUpdated ValueWithId(long id) => new(
        new JackpotId("j"), new JackpotInstanceId("j_1"), ChannelName.Broadcast(FaultMatrix.Workspace, FaultMatrix.Group), "EUR", id, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
