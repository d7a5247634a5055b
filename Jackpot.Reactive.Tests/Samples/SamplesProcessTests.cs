using System.Diagnostics;
using System.Text.Json;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Samples;

/// <summary>Runs the built sample as a process, to prove that <c>Program.Main</c> wires the <c>tail</c> command.</summary>
public sealed class SamplesProcessTests
{
    [Fact]
    public async Task Main_TailWithCount_PrintsJsonLinesAndExitsZero()
    {
        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(50) }, TestContext.Current.CancellationToken);
        string sample = Path.Combine(AppContext.BaseDirectory, "Jackpot.Reactive.Samples.dll");
        File.Exists(sample).Should().BeTrue("the test project references the samples project, which is copied next to the tests");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
                 {
                     sample, "tail", "--endpoint", simulator.SubscribeUri.ToString(), "--workspace", PushEventSimulatorOptions.DefaultWorkspace,
                     "--group", PushEventSimulatorOptions.DefaultGroup, "--count", "2", "--timeout", "60",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.ExitCode.Should().Be(0, await stderr);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        foreach (string line in lines)
        {
            using var json = JsonDocument.Parse(line);
            json.RootElement.GetProperty("reason").GetString().Should().Be(JackpotReasons.Value);
        }

        (await stderr).Should().Contain("{\"status\":\"open\",\"continuity\":\"initial\"}");
    }
}
