using System.Diagnostics;
using System.Globalization;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>Runs the benchmark suites and prints the goals table.</summary>
internal static class SuiteRunner
{
    public const string Usage = """
        Jackpot.Reactive benchmarks

        """ + BlackBox.BlackBoxSettings.Usage + """
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- quick
              every benchmark, short (about 3 minutes): in-process BenchmarkDotNet runs, the loopback and scale harness,
              then a table of ratios (ours / baseline) against the goals
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- full [--out-of-process]
              the same with BenchmarkDotNet's default job (in process unless --out-of-process) and longer harness runs
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- micro [--full]
              the BenchmarkDotNet part of quick (or full) only
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- loopback [--full]
              flood throughput, CPU per event and latency over loopback only
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- scale [--full]
              managed heap per idle channel only
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- --filter '*Parser*' [--job short] [--inProcess]
              BenchmarkDotNet's own command line over the micro benchmarks; add --cpu-clock to time its default job in
              process by the thread's CPU time
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- recording [--hours N] [--large-mb M]
              recording replay: recorded hours per wall-clock second (events and through the client) on N hours of
              simulator-like traffic (default 1), and heap growth while a M MB recording replays (default 100)
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- profile <stages|decode|pipeline|straightforward|loopback|naive> [seconds]
              one hot path in a loop, for dotnet-trace or dotnet-counters; stages: CPU and bytes per event of each stage
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- profile reads <seconds> <channel url>
              how HttpClient hands out a running blackbox-server's flood: bytes per read, CPU per MB
        """ + "\n" + ManyChannelsBenchmark.Usage;

    private static readonly string ResultsDirectory = Path.Combine("BenchmarkDotNet.Artifacts", "results");

    public static async Task<int> RunAsync(bool full, bool outOfProcess)
    {
        var stopwatch = Stopwatch.StartNew();
        var settings = full ? HarnessSettings.Full : HarnessSettings.Quick;
        var micro = MicroBenchmarks.Run(full ? MicroBenchmarks.Full(outOfProcess) : MicroBenchmarks.Quick());
        var rows = new List<GoalRow>(ResultRows.Micro(micro));
        Console.WriteLine("Loopback: flood throughput (simulator process → this process)");
        var flood = await FloodThroughput.RunAsync(settings, Console.Out).ConfigureAwait(false);
        Console.WriteLine($"Loopback: latency at {settings.LatencyRate:N0} events/s");
        var latency = await LatencyMeasurement.RunAsync(settings, Console.Out).ConfigureAwait(false);
        rows.AddRange(ResultRows.Loopback(flood, latency));
        Console.WriteLine("Scale: managed heap per idle channel");
        var idle = await IdleChannelMemory.RunAsync(settings, Console.Out).ConfigureAwait(false);
        rows.AddRange(ResultRows.Scale(idle));
        return Report(full ? "full" : "quick", rows, micro.Environment, stopwatch.Elapsed);
    }

    public static int RunMicro(bool full)
    {
        var stopwatch = Stopwatch.StartNew();
        var micro = MicroBenchmarks.Run(full ? MicroBenchmarks.Full(outOfProcess: false) : MicroBenchmarks.Quick());
        return Report("micro", ResultRows.Micro(micro).ToList(), micro.Environment, stopwatch.Elapsed);
    }

    public static async Task<int> RunLoopbackAsync(HarnessSettings settings)
    {
        var stopwatch = Stopwatch.StartNew();
        var flood = await FloodThroughput.RunAsync(settings, Console.Out).ConfigureAwait(false);
        var latency = await LatencyMeasurement.RunAsync(settings, Console.Out).ConfigureAwait(false);
        return Report("loopback", ResultRows.Loopback(flood, latency).ToList(), HostLine(), stopwatch.Elapsed);
    }

    public static async Task<int> RunScaleAsync(HarnessSettings settings)
    {
        var stopwatch = Stopwatch.StartNew();
        var idle = await IdleChannelMemory.RunAsync(settings, Console.Out).ConfigureAwait(false);
        return Report("scale", ResultRows.Scale(idle).ToList(), HostLine(), stopwatch.Elapsed);
    }

    private static int Report(string name, List<GoalRow> rows, IEnumerable<string> environment, TimeSpan elapsed)
    {
        string table = GoalTable.Render(rows);
        int met = rows.Count(row => row.IsMet == true);
        int goals = rows.Count(row => row.IsMet is not null);
        string text = string.Join(Environment.NewLine, environment) + Environment.NewLine + LoadLine() + Environment.NewLine + Environment.NewLine
            + table + Environment.NewLine
            + string.Create(CultureInfo.InvariantCulture, $"Goals met: {met} of {goals}. {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalSeconds:F0} s.")
            + Environment.NewLine;
        Directory.CreateDirectory(ResultsDirectory);
        string path = Path.Combine(ResultsDirectory, $"goals-{name}.md");
        File.WriteAllText(path, text);
        Console.WriteLine();
        Console.WriteLine(text);
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        return 0;
    }

    /// <summary>The load average when the run ended (Linux): on a shared machine it says how far to trust the figures.</summary>
    private static string LoadLine()
    {
        const string LoadAverage = "/proc/loadavg";
        return File.Exists(LoadAverage)
            ? $"Load average (1, 5, 15 min) at the end: {string.Join(", ", File.ReadAllText(LoadAverage).Split(' ').Take(3))} on {Environment.ProcessorCount} cores"
            : string.Empty;
    }

    private static IEnumerable<string> HostLine() =>
    [
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, "
        + $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}",
    ];
}
