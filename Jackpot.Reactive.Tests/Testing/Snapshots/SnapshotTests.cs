using System.Reactive;
using System.Reactive.Concurrency;
using Jackpot.Reactive.Testing;
using Jackpot.Reactive.Tests.Packaging;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing.Snapshots;

public sealed class SnapshotTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("jackpot-snapshots-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Render_Notifications_OneStableInvariantLineEach()
    {
        var messages = new[]
        {
            new Recorded<Notification<JackpotEvent>>(TimeSpan.FromMilliseconds(1500).Ticks, Notification.CreateOnNext<JackpotEvent>(Jackpots.Value("J1", 1408.2m))),
            new Recorded<Notification<JackpotEvent>>(TimeSpan.FromMinutes(61).Ticks + 5, Notification.CreateOnNext<JackpotEvent>(Jackpots.WonByOther("J1", 1500m))),
            new Recorded<Notification<JackpotEvent>>(TimeSpan.FromHours(2).Ticks, Notification.CreateOnError<JackpotEvent>(new TimeoutException("late"))),
        };

        string text;
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            text = SnapshotText.Render(messages);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }

        text.Should().Be(
            """
            00:00:01.500  next       JackpotValueUpdated J1 J1_1 1,408.20 EUR W1_broadcast_G1
            01:01:00.0000005  next       JackpotWonByOther J1 J1_1 -> J1_2 1,500.00 EUR W1_broadcast_G1
            02:00:00.000  error      TimeoutException: late

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void MatchFile_NoSnapshot_WritesItOrUnderCiFailsKeepingTheReceivedOutput()
    {
        string path = _folder.Combine("first.approved.txt");
        bool buildServer = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

        var match = () => Snapshot.MatchFile("a\nb\n", path);

        if (buildServer)
        {
            // On a build server nothing is approved unread: the run fails and the output waits beside it for review.
            match.Should().Throw<SnapshotMismatchException>().WithMessage("*no approved snapshot*");
            File.Exists(path).Should().BeFalse();
            File.ReadAllText(_folder.Combine("first.received.txt")).Should().Be("a\nb\n");
        }
        else
        {
            match();
            File.ReadAllText(path).Should().Be("a\nb\n");
        }
    }

    [Fact]
    public void MatchFile_OneValueChanged_FailsShowingWhereAndSavesTheReceivedOutput()
    {
        string path = _folder.Combine("board.approved.txt");
        var lines = Enumerable.Range(1, 30).Select(i => $"00:00:{i:00}.000  next       J1 {i}.00").ToList();
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        lines[14] = "00:00:15.000  next       J1 15.01";

        var act = () => Snapshot.MatchFile(string.Join("\n", lines) + "\n", path);

        var error = act.Should().Throw<SnapshotMismatchException>().Which;
        error.FirstDifferentLine.Should().Be(15);
        error.ReceivedPath.Should().Be(_folder.Combine("board.received.txt"));
        File.ReadAllText(error.ReceivedPath).Should().Contain("J1 15.01");
        error.Message.Should().EndWith(
            """
            First difference at line 15: 1 line(s) of the snapshot (-) became 1 line(s) (+).
                  12 | 00:00:12.000  next       J1 12.00
                  13 | 00:00:13.000  next       J1 13.00
                  14 | 00:00:14.000  next       J1 14.00
            -     15 | 00:00:15.000  next       J1 15.00
            +     15 | 00:00:15.000  next       J1 15.01
                  16 | 00:00:16.000  next       J1 16.00
                  17 | 00:00:17.000  next       J1 17.00
                  18 | 00:00:18.000  next       J1 18.00
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void MatchFile_MatchAfterAFailure_DeletesTheReceivedFile()
    {
        string path = _folder.Combine("same.approved.txt");
        File.WriteAllText(path, "x\r\ny\r\n");
        File.WriteAllText(_folder.Combine("same.received.txt"), "old");

        Snapshot.MatchFile("x\ny\n", path);

        File.Exists(_folder.Combine("same.received.txt")).Should().BeFalse("CRLF in the snapshot still matches, and a stale received file goes");
    }

    [Fact]
    public void Match_InvalidName_Throws()
    {
        FluentActions.Invoking(() => Snapshot.Match("x", "a/b")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Snapshot.Match("x", "")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Draw_Notifications_MarblesPasteableIntoAMarbleTest()
    {
        var scheduler = new TestScheduler();
        var observer = scheduler.CreateObserver<JackpotEvent>();
        var a = Jackpots.Value("J1", 1m);
        var b = Jackpots.Value("J1", 2m);
        scheduler.Schedule(new DateTimeOffset(TimeSpan.FromMilliseconds(2).Ticks, TimeSpan.Zero), () => observer.OnNext(a));
        scheduler.Schedule(new DateTimeOffset(TimeSpan.FromMilliseconds(2).Ticks, TimeSpan.Zero), () => observer.OnNext(b));
        scheduler.Schedule(new DateTimeOffset(TimeSpan.FromMilliseconds(1500).Ticks, TimeSpan.Zero), () => observer.OnNext(a));
        scheduler.Schedule(new DateTimeOffset(TimeSpan.FromMilliseconds(1503).Ticks, TimeSpan.Zero), () => observer.OnCompleted());
        scheduler.Start();

        var drawing = MarbleDrawing.Draw(observer.Messages, TimeSpan.FromMilliseconds(1));

        drawing.Marbles.Should().Be("--(ab) 1.497s a--|");
        drawing.Values.Should().Equal(new Dictionary<char, JackpotEvent> { ['a'] = a, ['b'] = b });
        drawing.Legend.Should().Equal(
            "a = JackpotValueUpdated { J1 J1_1 1.00 EUR W1_broadcast_G1 }",
            "b = JackpotValueUpdated { J1 J1_1 2.00 EUR W1_broadcast_G1 }");
        MarbleTest.Run(test => test.ExpectObservable(test.Hot(drawing.Marbles, drawing.Values)).ToBe(drawing.Marbles, drawing.Values));
    }
}
