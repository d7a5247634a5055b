using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Docs;

/// <summary>The worked example of docs/recording.md: ten minutes of the simulator, recorded with the <c>record</c>
/// command (the file beside this test), replayed through the client into a real pipeline whose output is a committed
/// snapshot; and the guide's examples are code of these tests.</summary>
public sealed class RecordingGuideTests
{
    private static readonly string RepositoryRoot = Packaging.RepositoryRoot.Find();

    [Fact]
    public void Board_TenMinutesOfTheSimulator_MatchesTheSnapshot()
    {
        var recording = JackpotRecording.Open(Path.Combine(RepositoryRoot, "Jackpot.Reactive.Tests", "Docs", "Recording", "simulator-10min.jsonl"));
        var scheduler = new TestScheduler();
        var service = new VirtualPushService(scheduler);
        recording.ReplayOn(service);
        using var client = service.CreateClient(VirtualPushService.DefaultClientOptions with { Workspace = new WorkspaceId("sim-workspace") });

        var board = client.Broadcast(new JackpotGroupId("sim-group"))
            .MergePlayerWins(client.Player(new PlayerId("redacted-1")), TimeSpan.FromSeconds(2), scheduler)
            .ThrottleValues(TimeSpan.FromSeconds(30), scheduler)
            .ToBoard();

        var observer = scheduler.CreateObserver<JackpotBoard>();
        using (board.Subscribe(observer))
        {
            scheduler.AdvanceTo(TimeSpan.FromMinutes(11).Ticks);
        }

        Snapshot.Match(SnapshotText.Render(observer.Messages), "TenMinutesOfTheSimulator");
    }

    [Fact]
    public void Events_TenMinutesOfTheSimulator_DrawTheFirstSecondsAsMarbles()
    {
        var recording = JackpotRecording.Open(Path.Combine(RepositoryRoot, "Jackpot.Reactive.Tests", "Docs", "Recording", "simulator-10min.jsonl"));

        var drawing = recording.Draw(TimeSpan.Zero, TimeSpan.FromSeconds(12), frameLength: TimeSpan.FromMilliseconds(100));

        drawing.Marbles.Should().MatchRegex(@"^[-a-z() 0-9.sm]+$");
        drawing.Legend.Should().NotBeEmpty().And.AllSatisfy(line => line.Should().MatchRegex(@"^[a-z] = JackpotValueUpdated \{ "));
        MarbleTest.Run(new MarbleTestOptions { FrameLength = drawing.FrameLength }, test =>
            test.ExpectObservable(recording.Events(test.Scheduler), "^ 12s !").ToBe(drawing.Marbles, drawing.Values));
    }

    [Fact]
    public void Guide_EveryExample_IsCopiedFromATest()
    {
        var sources = new[] { "Docs/Recording", "Testing/Recordings", "Testing/Snapshots" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "Jackpot.Reactive.Tests", folder), "*.cs"))
            .Select(File.ReadAllText);
        var testLines = string.Join("\n", sources.SelectMany(MarkdownExamples.Significant));

        var examples = MarkdownExamples.CSharpBlocks(File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "recording.md")));

        examples.Should().HaveCountGreaterThanOrEqualTo(3);
        examples.Should().AllSatisfy(example => testLines.Should().Contain(example));
    }
}
