using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing.Recordings;

public sealed class JackpotRecordingTests : IDisposable
{
    private readonly RecordingFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Open_Header_ReadsVersionSourceAndChannels()
    {
        string path = _files.Write([RecordingFiles.Header]);

        var recording = JackpotRecording.Open(path);

        recording.Header.Version.Should().Be(1);
        recording.Header.Source.Should().Be("test");
        recording.Header.RecordedAt.Should().Be(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        recording.Header.Channels.Should().Equal(Jackpots.DefaultBroadcastChannel);
        recording.Header.PlayerIdsRedacted.Should().BeTrue();
        recording.Entries.Should().BeEmpty();
    }

    [Fact]
    public void Entries_EveryKind_ReadAsWritten()
    {
        string path = _files.Write([
            RecordingFiles.Header,
            RecordingFiles.Line(0, "connect", 1, "\"lastEventId\":\"41\""),
            RecordingFiles.Line(1.5, "open", 1, "\"status\":200,\"contentType\":\"text/event-stream\""),
            RecordingFiles.ValueEvent(2.25, 1, "42", "372.20"),
            RecordingFiles.Line(3, "retry", 1, "\"ms\":2500"),
            RecordingFiles.Line(4, "comment", 1, "\"text\":\" heartbeat\""),
            RecordingFiles.Line(5, "error", 1, "\"status\":503,\"retryAfterMs\":1000,\"headers\":{\"Retry-After\":\"1\"},\"cause\":\"SseHttpException\",\"message\":\"busy\""),
            """{"t":6,"kind":"stop","reason":"duration"}""",
        ]);

        var entries = JackpotRecording.Open(path).Entries.ToList();

        entries.Select(e => e.Kind).Should().Equal(
            RecordingEntryKind.Connect, RecordingEntryKind.Open, RecordingEntryKind.Event, RecordingEntryKind.Retry,
            RecordingEntryKind.Comment, RecordingEntryKind.Error, RecordingEntryKind.Stop);
        entries[0].EventId.Should().Be("41");
        entries[1].Status.Should().Be(200);
        entries[2].Should().Match<RecordingEntry>(e => e.Line == 4 && e.Time == TimeSpan.FromTicks(22_500) && e.EventId == "42" && e.EventType == "message" && e.Attempt == 1);
        entries[2].Data.Should().Contain("\"value\":\"372.20\"");
        entries[3].Delay.Should().Be(TimeSpan.FromMilliseconds(2500));
        entries[4].Data.Should().Be(" heartbeat");
        entries[5].Should().Match<RecordingEntry>(e => e.Status == 503 && e.Delay == TimeSpan.FromSeconds(1) && e.Cause == "SseHttpException" && e.Message == "busy");
        entries[5].Headers.Should().ContainKey("retry-after");
        entries[6].Cause.Should().Be("duration");
    }

    [Theory]
    [InlineData("{\"t\":1,\"kind\":\"event\",\"channel\":\"W1_broadcast_G1\",\"attempt\":1,\"id\":\"1\"}", "an event needs 'data'.")]
    [InlineData("{\"t\":1,\"kind\":\"jump\",\"channel\":\"W1_broadcast_G1\",\"attempt\":1}", "unknown kind \"jump\".")]
    [InlineData("{\"kind\":\"open\",\"channel\":\"W1_broadcast_G1\",\"attempt\":1}", "'t' (milliseconds since the start) is missing.")]
    [InlineData("{\"t\":-1,\"kind\":\"open\",\"channel\":\"W1_broadcast_G1\",\"attempt\":1}", "'t' must be a number of milliseconds, 0 or more.")]
    [InlineData("{\"t\":1,\"kind\":\"open\",\"channel\":\"nope\",\"attempt\":1}", "'channel' \"nope\" is not a channel name.")]
    [InlineData("[1,2]", "not a JSON object.")]
    [InlineData("", "not a JSON object: ")]
    public void Entries_MalformedLine_ThrowsNamingFileLineAndReason(string line, string reason)
    {
        string path = _files.Write([RecordingFiles.Header, RecordingFiles.Line(0, "connect", 1), line]);
        var recording = JackpotRecording.Open(path);

        var act = () => recording.Entries.ToList();

        var error = act.Should().Throw<RecordingFormatException>().Which;
        error.FileName.Should().Be(path);
        error.LineNumber.Should().Be(3);
        error.Reason.Should().StartWith(reason);
        error.Message.Should().StartWith($"Recording '{path}', line 3: {reason}");
    }

    [Fact]
    public void Open_UnknownVersion_ThrowsNamingTheVersion()
    {
        string path = _files.Write([RecordingFiles.Header.Replace("\"version\":1", "\"version\":7", StringComparison.Ordinal)]);

        var act = () => JackpotRecording.Open(path);

        act.Should().Throw<RecordingFormatException>().WithMessage(
            $"Recording '{path}', line 1: unknown format version 7; this package reads version 1.");
    }

    [Fact]
    public void Open_NotARecording_ThrowsAtLineOne()
    {
        string emptyFile = _files.Write([], truncated: true);
        string other = _files.Write(["{\"hello\":1}"]);

        FluentActions.Invoking(() => JackpotRecording.Open(emptyFile)).Should().Throw<RecordingFormatException>()
            .Which.Reason.Should().Be("the file is empty; a recording starts with its header line.");
        FluentActions.Invoking(() => JackpotRecording.Open(other)).Should().Throw<RecordingFormatException>()
            .Which.Should().Match<RecordingFormatException>(e => e.LineNumber == 1 && e.Reason.Contains("not a recording header", StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_TruncatedLastLine_ThrowsUnlessSkipped()
    {
        string path = _files.Write([RecordingFiles.Header, RecordingFiles.Line(0, "connect", 1), "{\"t\":1,\"kind\":\"op"], truncated: true);

        var strict = () => JackpotRecording.Open(path).Entries.ToList();
        var skipped = new List<RecordingFormatException>();
        var lenient = JackpotRecording.Open(path, new RecordingReadOptions { SkipMalformedLines = true, OnSkipped = skipped.Add }).Entries.ToList();

        strict.Should().Throw<RecordingFormatException>().Which.Should().Match<RecordingFormatException>(e =>
            e.LineNumber == 3 && e.Reason.StartsWith("the file is truncated", StringComparison.Ordinal));
        lenient.Should().ContainSingle().Which.Kind.Should().Be(RecordingEntryKind.Connect);
        skipped.Should().ContainSingle().Which.LineNumber.Should().Be(3);
    }

    [Fact]
    public void Entries_WholeLastLineWithoutStop_IsAValidRecording()
    {
        // What Ctrl+C or a crash leaves: whole lines, no stop line.
        string path = _files.Write([RecordingFiles.Header, RecordingFiles.Line(0, "connect", 1), RecordingFiles.Line(1, "open", 1)]);

        JackpotRecording.Open(path).Entries.Should().HaveCount(2);
    }

    [Fact]
    public void Events_OnTestScheduler_EmitAtRecordedTimesAndCompleteAtTheLastLine()
    {
        string path = _files.Write([
            RecordingFiles.Header,
            RecordingFiles.Line(0, "connect", 1),
            RecordingFiles.Line(3, "open", 1),
            RecordingFiles.ValueEvent(10, 1, "1", "1.00"),
            RecordingFiles.ValueEvent(10, 1, "2", "2.00"),
            RecordingFiles.ValueEvent(1500.25, 1, "3", "3.00"),
            """{"t":2000,"kind":"stop","reason":"duration"}""",
        ]);

        var observer = Replay(JackpotRecording.Open(path));

        observer.Messages.Select(m => m.Time).Should().Equal(100_000, 100_000, 15_002_500, 20_000_000);
        observer.Messages.Take(3).Select(m => m.Value.Value.RawValue).Should().Equal("1.00", "2.00", "3.00");
        observer.Messages[3].Value.Kind.Should().Be(System.Reactive.NotificationKind.OnCompleted);
    }

    [Fact]
    public void Events_ScaledAndCompressed_MapEveryGap()
    {
        string path = _files.Write([
            RecordingFiles.Header,
            RecordingFiles.ValueEvent(1000, 1, "1", "1.00"),
            RecordingFiles.ValueEvent(3000, 1, "2", "2.00"),
            RecordingFiles.ValueEvent(603_000, 1, "3", "3.00"),
        ]);
        var recording = JackpotRecording.Open(path);

        var fast = Replay(recording, new RecordingReplayOptions { Speed = 2 });
        var compressed = Replay(recording, new RecordingReplayOptions { MaxSilence = TimeSpan.FromSeconds(5) });

        fast.Messages.Take(3).Select(m => TimeSpan.FromTicks(m.Time)).Should().Equal(
            TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(301_500));
        compressed.Messages.Take(3).Select(m => TimeSpan.FromTicks(m.Time)).Should().Equal(
            TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(3000), TimeSpan.FromMilliseconds(8000));
    }

    [Fact]
    public void Events_MalformedLineMidway_ErrorsAfterTheEventsBeforeIt()
    {
        string path = _files.Write([RecordingFiles.Header, RecordingFiles.ValueEvent(1, 1, "1", "1.00"), "{oops"]);

        var observer = Replay(JackpotRecording.Open(path));

        observer.Messages.Should().HaveCount(2);
        observer.Messages[1].Value.Exception.Should().BeOfType<RecordingFormatException>().Which.LineNumber.Should().Be(3);
    }

    [Fact]
    public void ReplayOptions_InvalidSpeedOrSilence_Throw()
    {
        FluentActions.Invoking(() => new RecordingReplayOptions { Speed = 0 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RecordingReplayOptions { Speed = double.NaN }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RecordingReplayOptions { MaxSilence = TimeSpan.FromTicks(-1) }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => JackpotRecording.Open("")).Should().Throw<ArgumentException>();
    }

    /// <summary>Replays the events on a test scheduler subscribed at time 0 and runs it to the end.</summary>
    internal static ITestableObserver<JackpotEvent> Replay(JackpotRecording recording, RecordingReplayOptions? options = null)
    {
        var scheduler = new TestScheduler();
        var observer = scheduler.CreateObserver<JackpotEvent>();
        using (recording.Events(scheduler, options).Subscribe(observer))
        {
            scheduler.Start();
        }

        return observer;
    }
}
