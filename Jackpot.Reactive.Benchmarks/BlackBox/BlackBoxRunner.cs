using System.Globalization;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>One run of one consumer in one mode, from the consumer's result line.</summary>
internal sealed record BlackBoxRun(
    string Consumer,
    int Round,
    bool Paced,
    double EventsPerSecond,
    double CpuMicrosecondsPerEvent,
    double? AllocatedBytesPerEvent,
    double? P50Microseconds,
    double? P99Microseconds,
    double LoadAverage);

/// <summary>
/// The black-box benchmark: for each round, each consumer (in a rotated order) runs once against a flood and once
/// against a paced stream, each time as a fresh consumer process against a fresh server process.
/// </summary>
internal static class BlackBoxRunner
{
    public const string TunedConsumer = "ours-tuned";

    public static readonly IReadOnlyList<string> KnownConsumers = ["ours", TunedConsumer, "bcl", "naive", "node"];

    /// <summary>What docs/benchmarks.md recommends an application set for low event rates (see "Settings").</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> TunedEnvironment =
    [
        new("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0"),
        new("DOTNET_gcConcurrent", "0"),
    ];

    private static readonly TimeSpan ServerStartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BlackBoxSettings.Usage);
            return 0;
        }

        BlackBoxSettings settings;
        try
        {
            settings = BlackBoxSettings.Parse(args);
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            return 2;
        }

        var started = DateTimeOffset.UtcNow;
        var notes = new List<string>();
        var consumers = settings.Consumers.ToList();
        string? nodeDirectory = null;
        if (consumers.Contains("node") && (nodeDirectory = await NodeConsumer.PrepareAsync(notes).ConfigureAwait(false)) is null)
        {
            consumers.Remove("node");
        }

        Console.WriteLine($"Black box: {settings.Rounds} rounds × [{string.Join(", ", consumers)}], flood {settings.WarmupEvents:N0} + {settings.MeasuredEvents:N0} events, "
            + $"paced {settings.PacedRate:N0} events/s for {settings.PacedWarmupSeconds} + {settings.PacedSeconds} s; load {LoadAverage.Read()}");
        var runs = new List<BlackBoxRun>();
        for (int round = 1; round <= settings.Rounds; round++)
        {
            var order = consumers.Skip((round - 1) % consumers.Count).Concat(consumers.Take((round - 1) % consumers.Count));
            foreach (string consumer in order)
            {
                foreach (bool paced in (bool[])[false, true])
                {
                    try
                    {
                        var run = await MeasureAsync(consumer, round, paced, settings, nodeDirectory).ConfigureAwait(false);
                        runs.Add(run);
                        Console.WriteLine(BlackBoxReport.Describe(run));
                    }
                    catch (Exception error) when (error is InvalidOperationException or OperationCanceledException or KeyNotFoundException or FormatException)
                    {
                        // One failed run (a consumer that crashed or timed out) is reported and left out; the rest go on.
                        string note = $"Round {round}, {consumer}, {(paced ? "paced" : "flood")}: no result ({error.GetType().Name}: {error.Message.Split(Environment.NewLine)[0]}).";
                        notes.Add(note);
                        Console.WriteLine("  " + note);
                    }
                }
            }
        }

        string report = BlackBoxReport.Render(runs, settings, consumers, notes, started, DateTimeOffset.UtcNow);
        string directory = Path.Combine("BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "blackbox.md");
        await File.WriteAllTextAsync(path, report).ConfigureAwait(false);
        await File.WriteAllLinesAsync(Path.Combine(directory, "blackbox-runs.csv"), BlackBoxReport.Csv(runs)).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        return 0;
    }

    private static async Task<BlackBoxRun> MeasureAsync(string consumer, int round, bool paced, BlackBoxSettings settings, string? nodeDirectory)
    {
        using var server = ChildProcess.StartSelf(
            [BlackBoxServer.Command, paced ? "paced" : "flood", settings.PacedRate.ToString(CultureInfo.InvariantCulture)], []);
        string url = (await server.WaitForLineAsync(BlackBoxServer.ListeningLine, ServerStartTimeout).ConfigureAwait(false))[BlackBoxServer.ListeningLine.Length..];
        long warmup = paced ? (long)settings.PacedRate * settings.PacedWarmupSeconds : settings.WarmupEvents;
        long measured = paced ? (long)settings.PacedRate * settings.PacedSeconds : settings.MeasuredEvents;
        string[] window = [warmup.ToString(CultureInfo.InvariantCulture), measured.ToString(CultureInfo.InvariantCulture), paced ? "paced" : "flood"];
        var timeout = TimeSpan.FromSeconds(120) + TimeSpan.FromSeconds(paced ? settings.PacedWarmupSeconds + settings.PacedSeconds : (warmup + measured) / 20_000.0);
        using var child = consumer == "node"
            ? NodeConsumer.Start(nodeDirectory!, url, window)
            : ChildProcess.StartSelf(
                [BlackBoxConsumers.Command, consumer == TunedConsumer ? "ours" : consumer, url, .. window],
                consumer == TunedConsumer ? [.. settings.Environment, .. TunedEnvironment] : settings.Environment);
        var lines = await child.WaitForExitAsync(timeout).ConfigureAwait(false);
        string result = lines.FirstOrDefault(line => line.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {consumer} consumer wrote no result: {string.Join(Environment.NewLine, lines.Take(20))}");
        var fields = result[7..].Split(' ').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        double events = Number(fields["events"]);
        double? allocated = fields.TryGetValue("alloc_bytes", out string? bytes) ? Number(bytes)
            : consumer == "node" ? NodeConsumer.AllocatedInWindow(lines, fields["window_ms"]) : null;
        return new BlackBoxRun(
            consumer,
            round,
            paced,
            events / Number(fields["seconds"]),
            Number(fields["cpu_us"]) / events,
            allocated / events,
            fields.TryGetValue("p50_us", out string? p50) ? Number(p50) : null,
            fields.TryGetValue("p99_us", out string? p99) ? Number(p99) : null,
            LoadAverage.OneMinute());
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>The load average (Linux): on a shared machine it says how far to trust the figures.</summary>
internal static class LoadAverage
{
    private const string Path = "/proc/loadavg";

    public static string Read() =>
        File.Exists(Path) ? string.Join(", ", File.ReadAllText(Path).Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "unknown";

    public static double OneMinute() =>
        File.Exists(Path) ? double.Parse(File.ReadAllText(Path).Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;
}
