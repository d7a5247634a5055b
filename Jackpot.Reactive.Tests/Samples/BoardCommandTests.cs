using System.Text.RegularExpressions;
using Jackpot.Reactive.Samples;
using Jackpot.Reactive.Simulator;
using Spectre.Console;

namespace Jackpot.Reactive.Tests.Samples;

public sealed partial class BoardCommandTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [GeneratedRegex(@"^\d\d:\d\d:\d\d [0-9A-Za-z]{8} EUR \d{1,3}(,\d{3})*\.\d\d \((round|new round) [0-9A-Za-z]{8}_\d+\)$")]
    private static partial Regex FirstValueLine();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d [0-9A-Za-z]{8} EUR \d{1,3}(,\d{3})*\.\d\d \([+-]\d{1,3}(,\d{3})*\.\d\d\)$")]
    private static partial Regex ChangedValueLine();

    [Fact]
    public async Task RunAsync_SimulatorWithShortDuration_PrintsJackpotLinesAndExitsZero()
    {
        var stdout = new LineRecorder();
        var stderr = new LineRecorder();

        int exitCode = await BoardCommand.RunAsync(["--duration", "5"], stdout, stderr, TestContext.Current.CancellationToken)
            .WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        exitCode.Should().Be(0);
        stderr.Lines.Should().BeEmpty();
        var lines = stdout.Lines;
        lines[0].Should().Contain("Jackpot board: in-process simulator at http://127.0.0.1:").And.Contain("playing as ne***");
        lines.Should().Contain(line => line.EndsWith(" broadcast channel open", StringComparison.Ordinal));
        lines.Should().Contain(line => line.EndsWith(" player channel open", StringComparison.Ordinal));
        lines.Count(line => FirstValueLine().IsMatch(line)).Should().Be(PushEventSimulatorOptions.DefaultJackpotsPerGroup);
        lines.Should().Contain(line => ChangedValueLine().IsMatch(line));
        lines[^1].Should().EndWith(" stopped");
        stdout.Text.Should().NotContain(BoardOptions.DefaultSimulatorPlayer);
    }

    [Fact]
    public async Task RunAsync_SimulatorPlayerWins_PrintsTheCelebrationLine()
    {
        var stdout = new LineRecorder();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = BoardCommand.RunAsync(["--win-every", "0.5", "--duration", "60"], stdout, TextWriter.Null, cancellation.Token);
        string won = await stdout.WaitForLineAsync(line => line.Contains("*** YOU WON! ***", StringComparison.Ordinal));
        await cancellation.CancelAsync();

        (await run.WaitAsync(RunTimeout, TestContext.Current.CancellationToken)).Should().Be(0);
        won.Should().MatchRegex(@"^\d\d:\d\d:\d\d [0-9A-Za-z]{8} EUR [\d,]+\.\d\d \*\*\* YOU WON! \*\*\* new round [0-9A-Za-z]{8}_\d+$");
    }

    [Fact]
    public async Task RunAsync_RealServiceMode_ReportsThePlayersWinOnceAndOtherWinsAsToasts()
    {
        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(100), WinProbabilityPerSpin = 0 },
            TestContext.Current.CancellationToken);
        var player = new PlayerId("player-7@example.com");
        var stdout = new LineRecorder();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = BoardCommand.RunAsync(
            ["--endpoint", simulator.SubscribeUri.ToString(), "--workspace", PushEventSimulatorOptions.DefaultWorkspace,
             "--group", PushEventSimulatorOptions.DefaultGroup, "--player", player.RawValue],
            stdout,
            TextWriter.Null,
            cancellation.Token);
        await stdout.WaitForLineAsync(line => line.EndsWith(" player channel open", StringComparison.Ordinal));
        await stdout.WaitForLineAsync(line => FirstValueLine().IsMatch(line));

        var playerWin = simulator.MakePlayerWin(player);
        var otherWin = simulator.MakePlayerWin(new PlayerId("someone-else"), simulator.GetJackpots()[1].Jackpot);
        await stdout.WaitForLineAsync(line => line.EndsWith($"(new round {playerWin.NewInstance})", StringComparison.Ordinal));
        await stdout.WaitForLineAsync(line => line.EndsWith($"won by another player; new round {otherWin.NewInstance}", StringComparison.Ordinal));
        await cancellation.CancelAsync();

        (await run.WaitAsync(RunTimeout, TestContext.Current.CancellationToken)).Should().Be(0);
        stdout.Lines.Where(line => line.EndsWith($"new round {playerWin.NewInstance}", StringComparison.Ordinal))
            .Should().ContainSingle().Which.Should().Contain("*** YOU WON! ***");
        stdout.Text.Should().NotContain(player.RawValue);
    }

    [Fact]
    public async Task RunAsync_BroadcastChannelRejected_ExitsTwoWithMessage()
    {
        await using var simulator = await PushEventSimulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        simulator.Faults.RejectChannel(simulator.BroadcastChannel);
        var stdout = new LineRecorder();
        var stderr = new LineRecorder();

        int exitCode = await BoardCommand.RunAsync(
                ["--endpoint", simulator.SubscribeUri.ToString(), "--workspace", PushEventSimulatorOptions.DefaultWorkspace,
                 "--group", PushEventSimulatorOptions.DefaultGroup],
                stdout,
                stderr,
                TestContext.Current.CancellationToken)
            .WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        exitCode.Should().Be(2);
        stderr.Text.Should().Contain("error: the board stopped").And.Contain("401");
        stdout.Lines.Should().Contain(line => line.Contains(" broadcast channel failed: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LiveConsole_DrawsTableAndStatusLine()
    {
        var output = new LineRecorder();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = BoardCommand.RunAsync(["--duration", "60"], TextWriter.Null, TextWriter.Null, console, cancellation.Token);
        await output.WaitForLineAsync(line => line.Contains("broadcast: open", StringComparison.Ordinal));
        await output.WaitForLineAsync(line => Regex.IsMatch(line, @"EUR \d{1,3}(,\d{3})*\.\d\d"));
        await cancellation.CancelAsync();

        (await run.WaitAsync(RunTimeout, TestContext.Current.CancellationToken)).Should().Be(0);
        output.Text.Should().Contain("Jackpot").And.Contain("Amount").And.Contain("Round").And.Contain("Ctrl+C to quit");
    }

    [Theory]
    [InlineData(new[] { "--duration", "soon" }, "--duration")]
    [InlineData(new[] { "--workspace", "ws" }, "--group")]
    [InlineData(new[] { "--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--win-every", "3" }, "--win-every")]
    [InlineData(new[] { "--endpoint", "not a uri", "--workspace", "ws", "--group", "g" }, "--endpoint")]
    [InlineData(new[] { "--colour" }, "--colour")]
    public async Task RunAsync_BadArguments_ExitsOneWithUsage(string[] args, string mentioned)
    {
        var stdout = new LineRecorder();
        var stderr = new LineRecorder();

        int exitCode = await BoardCommand.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);

        exitCode.Should().Be(1);
        stdout.Lines.Should().BeEmpty();
        stderr.Lines[0].Should().StartWith("error: ").And.Contain(mentioned);
        stderr.Text.Should().Contain("Usage:");
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageAndExitsZero()
    {
        var stdout = new LineRecorder();

        int exitCode = await BoardCommand.RunAsync(["--help"], stdout, TextWriter.Null, TestContext.Current.CancellationToken);

        exitCode.Should().Be(0);
        stdout.Text.Should().Contain("Usage:").And.Contain("--duration <seconds>");
    }
}
