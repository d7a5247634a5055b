using System.Collections.Concurrent;
using System.Reactive.Linq;
using Jackpot.Reactive.Simulator;
using Jackpot.Reactive.Testing;
using Jackpot.Reactive.Tests.Packaging;

namespace Jackpot.Reactive.Tests.Testing.Recordings;

/// <summary>Records the simulator over loopback — a 503 with <c>Retry-After</c>, then a drop every few events — and
/// replays the recording through the client in virtual time: the same events in the same order at the recorded times,
/// the same reconnects with the same <c>Last-Event-ID</c>s, the same statuses.</summary>
public sealed class RecordingRoundTripTests : IDisposable
{
    private static readonly ReconnectPolicy Policy = ReconnectPolicy.Default with
    {
        InitialDelay = TimeSpan.FromMilliseconds(100),
        JitterRatio = 0,
        RandomSource = static () => 0.0,
    };

    private readonly TemporaryFolder _folder = new("jackpot-roundtrip-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RecordThenReplay_SimulatorWith503AndDrops_SameEventsTimesReconnectsAndStatuses()
    {
        string path = _folder.Combine("roundtrip.jsonl");
        var live = await RecordAsync(path, events: 12);

        var recording = JackpotRecording.Open(path);
        var recorded = recording.Entries.ToList();
        var recordedEvents = recorded.Where(e => e.Kind == RecordingEntryKind.Event).ToList();
        var replayed = Replay(recording, live.Channel);

        recorded.Should().Contain(e => e.Kind == RecordingEntryKind.Error && e.Status == 503, "the first request was answered 503");
        recorded.Count(e => e.Kind == RecordingEntryKind.End).Should().BeGreaterThanOrEqualTo(2, "the simulator dropped the stream every 4 events");
        live.Events.Should().HaveCountGreaterThanOrEqualTo(12);

        replayed.Events.Select(e => e.Event).Should().Equal(live.Events, "the same events in the same order");
        // Each at its recorded time. The one exception is real: a live timer that fired a little early reconnected
        // sooner than the exact back-off the replaying client waits, and the replay never runs a connection's steps
        // before it exists, so those steps come that much later — by the timer's earliness, never more than a few ms.
        replayed.Events.Select(e => e.At).Zip(recordedEvents.Select(e => e.Time)).Should().AllSatisfy(pair =>
            (pair.First - pair.Second).Should().BeGreaterThanOrEqualTo(TimeSpan.Zero).And.BeLessThan(TimeSpan.FromMilliseconds(20)));
        replayed.Events.Select(e => e.At).Count(at => recordedEvents.Any(r => r.Time == at)).Should().BeGreaterThan(replayed.Events.Count / 2);
        var recordedConnects = recorded.Where(e => e.Kind == RecordingEntryKind.Connect).Select(e => e.EventId ?? string.Empty).ToList();
        replayed.LastEventIds.Take(recordedConnects.Count).Should().Equal(recordedConnects, "the same reconnects with the same Last-Event-ID");
        replayed.Statuses.Take(live.Statuses.Count).Should().Equal(live.Statuses, "the faults reproduce the same statuses");
    }

    private static (List<(JackpotEvent Event, TimeSpan At)> Events, List<string> LastEventIds, List<string> Statuses) Replay(JackpotRecording recording, ChannelName channel)
    {
        var events = new List<(JackpotEvent, TimeSpan)>();
        var statuses = new List<string>();
        VirtualChannel? replayed = null;
        MarbleTest.Run(test =>
        {
            var service = new VirtualPushService(test);
            replayed = recording.ReplayOn(service).Single();
            var client = service.CreateClient(VirtualPushService.DefaultClientOptions with { Workspace = channel.Workspace, Reconnect = Policy });
            client.Status(channel.Group).Subscribe(status => statuses.Add(Describe(status)));
            client.Broadcast(channel.Group).Subscribe(e => events.Add((e, TimeSpan.FromTicks(test.Scheduler.Now.UtcTicks))));
        });
        return (events, replayed!.Attempts.Select(a => a.LastEventId ?? string.Empty).ToList(), statuses);
    }

    private static async Task<(ChannelName Channel, List<JackpotEvent> Events, List<string> Statuses)> RecordAsync(string path, int events)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions
            {
                ValueInterval = TimeSpan.FromMilliseconds(40),
                Faults = new SimulatorFaultOptions { ServiceUnavailableRequests = 1, DropConnectionsEveryEvents = 4 },
            },
            cancellation);
        var channel = simulator.BroadcastChannel;
        var received = new ConcurrentQueue<JackpotEvent>();
        var statuses = new ConcurrentQueue<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var writer = RecordingWriter.Create(path, new RecordingWriterOptions { Source = "simulator", Channels = [channel] }))
        using (var http = new HttpSseTransport())
        using (var client = new JackpotPushClient(
            new JackpotPushClientOptions { Endpoint = simulator.SubscribeUri, Workspace = channel.Workspace, Reconnect = Policy, Linger = TimeSpan.Zero },
            new RecordingSseTransport(http, writer),
            scheduler: null,
            loggerFactory: null))
        {
            using (client.Status(channel.Group).Subscribe(status => statuses.Enqueue(Describe(status))))
            using (client.Broadcast(channel.Group).Subscribe(e =>
            {
                received.Enqueue(e);
                if (received.Count >= events)
                {
                    enough.TrySetResult();
                }
            }))
            {
                await enough.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellation);
                var snapshot = (received.ToList(), statuses.ToList());
                return (channel, snapshot.Item1, snapshot.Item2);
            }
        }
    }

    private static string Describe(ChannelStatus status) =>
        $"{status.State} attempt {status.Attempt} delay {status.Delay.TotalMilliseconds}ms {status.Cause?.GetType().Name} {status.Continuity}";
}
