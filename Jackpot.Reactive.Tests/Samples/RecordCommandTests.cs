using Jackpot.Reactive.Samples;
using Jackpot.Reactive.Testing;
using Jackpot.Reactive.Tests.Packaging;

namespace Jackpot.Reactive.Tests.Samples;

/// <summary>The <c>record</c> command against its embedded simulator over loopback.</summary>
public sealed class RecordCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("jackpot-record-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_Help_PrintsUsageAndExitsWithZero()
    {
        var stdout = new StringWriter();

        int exit = await RecordCommand.RunAsync(["--help"], stdout, TextWriter.Null, TestContext.Current.CancellationToken);

        exit.Should().Be(RecordCommand.ExitOk);
        stdout.ToString().Should().Contain("--output <file>").And.Contain("--keep-player-ids").And.Contain("--duration <span>");
    }

    [Theory]
    [InlineData(new[] { "--simulator" }, "--output is required.")]
    [InlineData(new[] { "--output", "x.jsonl" }, "Give exactly one of --simulator and --endpoint.")]
    [InlineData(new[] { "--output", "x.jsonl", "--endpoint", "http://localhost/subscribe", "--workspace", "W1" }, "Give at least one --group or --player.")]
    [InlineData(new[] { "--output", "x.jsonl", "--endpoint", "http://localhost/subscribe", "--workspace", "W1", "--group", "G1", "--sim-interval-ms", "5" }, "The --sim-… options need --simulator.")]
    [InlineData(new[] { "--output", "x.jsonl", "--simulator", "--count", "0" }, "--count must be a whole number from 1")]
    public async Task Run_BadArguments_ExitsWithOneNamingTheProblem(string[] args, string message)
    {
        var stderr = new StringWriter();

        int exit = await RecordCommand.RunAsync(args, TextWriter.Null, stderr, TestContext.Current.CancellationToken);

        exit.Should().Be(RecordCommand.ExitBadArguments);
        stderr.ToString().Should().Contain(message);
    }

    [Fact]
    public async Task Run_SimulatorWithCount_WritesAValidRecordingWithPseudonymisedPlayer()
    {
        string output = _folder.Combine("count.jsonl");
        var stderr = new StringWriter();

        int exit = await RecordCommand.RunAsync(
            ["--simulator", "--output", output, "--count", "6", "--sim-interval-ms", "50", "--sim-player-win-every", "0.2", "--duration", "60"],
            TextWriter.Null,
            stderr,
            TestContext.Current.CancellationToken);

        exit.Should().Be(RecordCommand.ExitOk);
        var recording = JackpotRecording.Open(output);
        var entries = recording.Entries.ToList();
        recording.Header.Channels.Select(c => c.RawValue).Should().Equal("sim-workspace_broadcast_sim-group", "sim-workspace_user_redacted-1");
        recording.Header.PlayerIdsRedacted.Should().BeTrue();
        entries.Count(e => e.Kind == RecordingEntryKind.Event).Should().BeGreaterThanOrEqualTo(6);
        entries[^1].Should().Match<RecordingEntry>(e => e.Kind == RecordingEntryKind.Stop && e.Cause == "count");
        entries.Should().Contain(e => e.Kind == RecordingEntryKind.Close, "the connections are closed before the stop line");
        File.ReadAllText(output).Should().NotContain("sim-player-1", "player ids are pseudonymised by default");
        stderr.ToString().Should().Contain("\"stopped\":\"count\"").And.NotContain("sim-player-1");
    }

    [Fact]
    public async Task Run_KeepPlayerIds_WritesThemAsTheyAre()
    {
        string output = _folder.Combine("kept.jsonl");

        int exit = await RecordCommand.RunAsync(
            ["--simulator", "--output", output, "--count", "3", "--sim-interval-ms", "50", "--keep-player-ids", "--duration", "60"],
            TextWriter.Null,
            TextWriter.Null,
            TestContext.Current.CancellationToken);

        exit.Should().Be(RecordCommand.ExitOk);
        var recording = JackpotRecording.Open(output);
        recording.Header.PlayerIdsRedacted.Should().BeFalse();
        recording.Header.Channels.Select(c => c.RawValue).Should().Contain("sim-workspace_user_sim-player-1");
    }

    [Fact]
    public async Task Run_Cancelled_LeavesAValidRecordingEndingWithItsStopLine()
    {
        string output = _folder.Combine("cancelled.jsonl");
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var stderr = new LineWaitingWriter("\"status\":\"open\"", cancellation);

        int exit = await RecordCommand.RunAsync(
            ["--simulator", "--output", output, "--group", "sim-group", "--sim-interval-ms", "50", "--duration", "60"],
            TextWriter.Null,
            stderr,
            cancellation.Token);

        exit.Should().Be(RecordCommand.ExitOk);
        var entries = JackpotRecording.Open(output).Entries.ToList();
        entries.Should().Contain(e => e.Kind == RecordingEntryKind.Open);
        entries[^1].Should().Match<RecordingEntry>(e => e.Kind == RecordingEntryKind.Stop && e.Cause == "cancelled");
    }

    /// <summary>Cancels the run once a line containing a text is written (the channel is open).</summary>
    private sealed class LineWaitingWriter(string text, CancellationTokenSource cancellation) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(text, StringComparison.Ordinal) == true)
            {
                cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
