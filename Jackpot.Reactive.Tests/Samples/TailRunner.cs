using System.Text.Json;
using Jackpot.Reactive.Samples;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Samples;

/// <summary>Runs <see cref="TailCommand"/> in-process for tests and reads its JSON lines.</summary>
internal static class TailRunner
{
    public const string Workspace = "ws";

    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A simulator that ticks fast and has no random wins, so events arrive quickly and only as the test makes them.</summary>
    public static PushEventSimulatorOptions FastSimulator() => new()
    {
        ValueInterval = TimeSpan.FromMilliseconds(50),
        WinProbabilityPerSpin = 0,
    };

    public static async Task<(int ExitCode, LineRecorder Stdout, LineRecorder Stderr)> RunAsync(params string[] args)
    {
        var stdout = new LineRecorder();
        var stderr = new LineRecorder();
        int exitCode = await TailCommand.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken)
            .WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        return (exitCode, stdout, stderr);
    }

    public static JsonElement Json(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    public static string[] Names(JsonElement element) => element.EnumerateObject().Select(property => property.Name).ToArray();
}
