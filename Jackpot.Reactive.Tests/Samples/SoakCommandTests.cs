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
            .And.Contain("handles changed       ")
            .And.Contain("leaks                 none")
            .And.Contain("result                PASS");
        stdout.Text.Should().Contain("drop-every-n").And.Contain("malformed");
        stdout.Lines.Should().Contain(line => line.StartsWith("warm-up: every scenario once", StringComparison.Ordinal));
        stdout.Text.Should().Contain("(3 of them the warm-up: every scenario once, before the start measurement)");
        stderr.Lines.Should().BeEmpty();
    }

    [Fact]
    public void ExitCode_NothingFound_IsZero()
    {
        var totals = new SoakTotals();
        totals.Add(Result());

        SoakCommand.ExitCode(totals, []).Should().Be(SoakCommand.ExitOk);
    }

    [Fact]
    public void ExitCode_LostDuplicatedUntrueOrLeaked_IsThree()
    {
        SoakCommand.ExitCode(TotalsOf(Result() with { Lost = 1 }), []).Should().Be(SoakCommand.ExitFindings);
        SoakCommand.ExitCode(TotalsOf(Result() with { Duplicated = 1 }), []).Should().Be(SoakCommand.ExitFindings);
        SoakCommand.ExitCode(TotalsOf(Result() with { Violations = ["the last status after disposal is Open, not Closed"] }), []).Should().Be(SoakCommand.ExitFindings);
        SoakCommand.ExitCode(TotalsOf(Result()), ["handles 210 -> 293: socket +83"]).Should().Be(SoakCommand.ExitFindings);
        SoakCommand.ExitCode(new SoakTotals(), []).Should().Be(SoakCommand.ExitFindings, "a soak that ran nothing proved nothing");
    }

    [Fact]
    public void ExitCode_LossInTheWarmUp_IsThree()
    {
        var totals = new SoakTotals();
        totals.AddWarmUp(Result() with { Lost = 2 });
        totals.Add(Result());

        SoakCommand.ExitCode(totals, []).Should().Be(SoakCommand.ExitFindings);
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

    private static ScenarioResult Result() => new(
        "drop-every-n", 1, 100, 0, 0, new Dictionary<string, int> { ["end_of_stream"] = 4 }, new Dictionary<string, int>(), [], TimeSpan.FromSeconds(1));

    private static SoakTotals TotalsOf(ScenarioResult result)
    {
        var totals = new SoakTotals();
        totals.Add(result);
        return totals;
    }
}
