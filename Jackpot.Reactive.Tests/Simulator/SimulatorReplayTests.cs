using System.Collections.Concurrent;
using System.Net;
using Jackpot.Reactive.Simulator;
using Jackpot.Reactive.Testing;
using Jackpot.Reactive.Tests.Testing.Recordings;

namespace Jackpot.Reactive.Tests.Simulator;

/// <summary>The simulator serves a recording over HTTP: a recorded 503 and a recorded drop reproduce over the wire.</summary>
public sealed class SimulatorReplayTests : IDisposable
{
    private readonly RecordingFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Replay_RecordingWith503AndDrop_ClientMeetsThemOverHttp()
    {
        string path = _files.Write([
            RecordingFiles.Header,
            RecordingFiles.Line(0, "connect", 1),
            RecordingFiles.Line(5, "error", 1, "\"status\":503,\"retryAfterMs\":1000,\"headers\":{\"Retry-After\":\"1\"},\"cause\":\"SseHttpException\",\"message\":\"busy\""),
            RecordingFiles.Line(1010, "connect", 2),
            RecordingFiles.Line(1012, "open", 2),
            RecordingFiles.ValueEvent(1020, 2, "1", "1.00"),
            RecordingFiles.ValueEvent(1030, 2, "2", "2.00"),
            RecordingFiles.Line(1040, "end", 2),
            RecordingFiles.Line(1200, "connect", 3, "\"lastEventId\":\"2\""),
            RecordingFiles.Line(1210, "open", 3),
            RecordingFiles.ValueEvent(1220, 3, "3", "3.00"),
        ]);
        var cancellation = TestContext.Current.CancellationToken;
        await using var simulator = await PushEventSimulator.StartAsync(new PushEventSimulatorOptions { ReplayFile = path, ReplaySpeed = 2 }, cancellation);
        var values = new ConcurrentQueue<string>();
        var causes = new ConcurrentQueue<Exception>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new JackpotPushClient(new JackpotPushClientOptions
        {
            Endpoint = simulator.SubscribeUri,
            Workspace = Jackpots.DefaultWorkspace,
            Reconnect = ReconnectPolicy.Default with { InitialDelay = TimeSpan.FromMilliseconds(50), JitterRatio = 0 },
        });

        using (client.Status(Jackpots.DefaultGroup).Subscribe(s =>
        {
            if (s is { State: ChannelState.Reconnecting, Cause: { } cause })
            {
                causes.Enqueue(cause);
            }
        }))
        using (client.Broadcast(Jackpots.DefaultGroup).Subscribe(e =>
        {
            values.Enqueue(e.RawValue);
            if (values.Count == 3)
            {
                third.TrySetResult();
            }
        }))
        {
            await third.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellation);
        }

        values.Should().Equal("1.00", "2.00", "3.00");
        causes.Should().HaveCount(2);
        causes.First().Should().BeOfType<SseHttpException>().Which.Should().Match<SseHttpException>(e =>
            e.StatusCode == HttpStatusCode.ServiceUnavailable && e.RetryAfter == TimeSpan.FromSeconds(1));
        causes.Last().Should().BeOfType<SseStreamEndedException>();
    }

    [Fact]
    public async Task Replay_ChannelNotInTheRecording_Answers404()
    {
        string path = _files.Write([RecordingFiles.Header]);
        var cancellation = TestContext.Current.CancellationToken;
        await using var simulator = await PushEventSimulator.StartAsync(new PushEventSimulatorOptions { ReplayFile = path }, cancellation);
        using var http = new HttpClient();

        using var response = await http.GetAsync(simulator.GetChannelUri(ChannelName.Parse("W1_broadcast_other")), cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void CommandLine_ReplayAndSpeed_AreRead()
    {
        var options = SimulatorCommandLine.Parse(["--replay", "x.jsonl", "--speed", "4"], out string error);

        error.Should().BeEmpty();
        options!.ReplayFile.Should().Be("x.jsonl");
        options.ReplaySpeed.Should().Be(4);
    }
}
