using Jackpot.Reactive.Samples;

namespace Jackpot.Reactive.Tests.Samples;

/// <summary>The <c>soak</c> command, run in-process for a few seconds. It measures process-wide resources, so it runs
/// alone, like the fault matrix.</summary>
[Collection(nameof(Reliability.FaultMatrixRunsAlone))]
public sealed class SoakCommandTests
{
    [Fact]
    public async Task RunAsync_ShortDuration_RotatesPrintsProgressAndAPassingReport()
    {
        var stdout = new LineRecorder();
        var stderr = new LineRecorder();

        int exitCode = await SoakCommand.RunAsync(
            ["--duration", "3s", "--progress", "1s", "--scenario", "drop-every-n", "--scenario", "malformed"],
            stdout,
            stderr,
            TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        exitCode.Should().Be(SoakCommand.ExitOk, stdout.Text + stderr.Text);
        stdout.Lines.Should().Contain(line => line.StartsWith("[00:0", StringComparison.Ordinal) && line.Contains("events", StringComparison.Ordinal));
        stdout.Text.Should().Contain("soak report")
            .And.Contain("events delivered")
            .And.Contain("reconnects by cause   end_of_stream")
            .And.Contain("lost                  0")
            .And.Contain("duplicated            0")
            .And.Contain("resources at start")
            .And.Contain("leaks                 none")
            .And.Contain("result                PASS");
        stdout.Text.Should().Contain("drop-every-n").And.Contain("malformed");
        stderr.Lines.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--duration", "0s")]
    [InlineData("--duration", "forever")]
    [InlineData("--scenario", "nope")]
    [InlineData("--verbose", null)]
    public async Task RunAsync_BadArguments_ExitsOneWithUsage(string option, string? value)
    {
        var stderr = new LineRecorder();
        string[] args = value is null ? [option] : [option, value];

        int exitCode = await SoakCommand.RunAsync(args, TextWriter.Null, stderr, TestContext.Current.CancellationToken);

        exitCode.Should().Be(SoakCommand.ExitBadArguments);
        stderr.Text.Should().Contain("error:").And.Contain("Usage:");
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageWithEveryScenario()
    {
        var stdout = new LineRecorder();

        int exitCode = await SoakCommand.RunAsync(["--help"], stdout, TextWriter.Null, TestContext.Current.CancellationToken);

        exitCode.Should().Be(SoakCommand.ExitOk);
        stdout.Text.Should().Contain("soak [--duration <span>]");
        foreach (var scenario in FaultScenarios.All)
        {
            stdout.Text.Should().Contain(scenario.Name);
        }
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2.5", 2.5)]
    [InlineData("500ms", 0.5)]
    public void ParseSpan_Forms_ReadsTheSpan(string text, double seconds) =>
        SoakOptions.ParseSpan(text, "--duration").Should().Be(TimeSpan.FromSeconds(seconds));
}
