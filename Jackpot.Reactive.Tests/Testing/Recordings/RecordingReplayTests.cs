using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing.Recordings;

/// <summary>A recording replayed through the real client on the virtual push service: the recorded connections become
/// the service's script, so drops, <c>retry:</c> and 503s drive the client's reconnects.</summary>
public sealed class RecordingReplayTests : IDisposable
{
    private readonly RecordingFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ReplayOn_DropRetryAnd503_ClientReconnectsAsRecorded()
    {
        string path = _files.Write([
            RecordingFiles.Header,
            RecordingFiles.Line(0, "connect", 1),
            RecordingFiles.Line(5, "open", 1, "\"status\":200,\"contentType\":\"text/event-stream\""),
            RecordingFiles.ValueEvent(10, 1, "1", "1.00"),
            RecordingFiles.Line(10, "retry", 1, "\"ms\":3000"),
            RecordingFiles.ValueEvent(20, 1, "2", "2.00"),
            RecordingFiles.Line(30, "error", 1, "\"cause\":\"IOException\",\"message\":\"reset\""),
            RecordingFiles.Line(3030, "connect", 2, "\"lastEventId\":\"2\""),
            RecordingFiles.Line(3035, "error", 2, "\"status\":503,\"retryAfterMs\":8000,\"headers\":{\"Retry-After\":\"8\"},\"cause\":\"SseHttpException\",\"message\":\"busy\""),
            RecordingFiles.Line(11035, "connect", 3, "\"lastEventId\":\"2\""),
            RecordingFiles.Line(11040, "open", 3),
            RecordingFiles.ValueEvent(11050, 3, "3", "3.00"),
            """{"t":12000,"kind":"stop","reason":"duration"}""",
        ]);
        var recording = JackpotRecording.Open(path);
        var times = new List<(TimeSpan At, string Value)>();
        var statuses = new List<ChannelStatus>();
        VirtualChannel? channel = null;

        MarbleTest.Run(test =>
        {
            var service = new VirtualPushService(test);
            channel = recording.ReplayOn(service).Single();
            var client = service.CreateClient();
            client.Status(Jackpots.DefaultGroup).Subscribe(statuses.Add);
            client.Broadcast(Jackpots.DefaultGroup).Subscribe(e => times.Add((TimeSpan.FromTicks(test.Scheduler.Now.UtcTicks), e.RawValue)));
        });

        times.Should().Equal(
            (TimeSpan.FromMilliseconds(10), "1.00"), (TimeSpan.FromMilliseconds(20), "2.00"), (TimeSpan.FromMilliseconds(11_050), "3.00"));
        channel!.Attempts.Select(a => a.LastEventId ?? string.Empty).Should().Equal(string.Empty, "2", "2");
        channel.Attempts.Select(a => a.StartedAt.UtcTicks).Should().Equal(0, TimeSpan.FromMilliseconds(3030).Ticks, TimeSpan.FromMilliseconds(11_035).Ticks);
        statuses.Where(s => s.State == ChannelState.Reconnecting).Select(s => s.Cause!.GetType()).Should().Equal(typeof(IOException), typeof(SseHttpException));
        statuses.Where(s => s.State == ChannelState.Reconnecting).Select(s => s.Delay).Should().Equal(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));
    }
}
