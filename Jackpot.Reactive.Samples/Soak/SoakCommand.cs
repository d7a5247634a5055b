using System.Diagnostics;
using System.Globalization;
using System.Reactive.Linq;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The <c>soak</c> command (see <see cref="SoakOptions.Usage"/>): the fault matrix in rotation for a given time against an
/// in-process simulator, a progress line every few seconds, a report at the end.
/// </summary>
/// <remarks>
/// The scenarios are those the fault-matrix tests run (<see cref="FaultScenarios"/>). Results are consumed as an
/// asynchronous stream, filtered with System.Linq's and System.Interactive.Async's operators; progress lines come from an
/// Rx interval read with <c>await foreach</c> through the library's bounded <c>ToAsyncEnumerable</c>.
/// </remarks>
internal static class SoakCommand
{
    public const int ExitOk = 0;
    public const int ExitBadArguments = 1;
    public const int ExitFindings = 3;

    /// <summary>How long the process may take to give back sockets, threads and memory after the last scenario.</summary>
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(15);

    /// <summary>Runs <c>soak</c>.</summary>
    /// <param name="args">The arguments after the word <c>soak</c>.</param>
    /// <param name="stdout">Receives progress lines and the report.</param>
    /// <param name="stderr">Receives each failing scenario run, errors and usage.</param>
    /// <param name="cancellationToken">Stops the rotation after the running scenario (Ctrl+C); the report still follows.</param>
    /// <returns>The exit code: 0, 1 (bad arguments) or 3 (something was lost, duplicated, untrue or leaked).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (SoakOptions.IsHelp(args))
        {
            await stdout.WriteLineAsync(SoakOptions.Usage).ConfigureAwait(false);
            return ExitOk;
        }

        SoakOptions options;
        try
        {
            options = SoakOptions.Parse(args);
        }
        catch (CommandLineException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync(SoakOptions.Usage).ConfigureAwait(false);
            return ExitBadArguments;
        }

        var started = DateTimeOffset.UtcNow;
        string loadAtStart = LoadAverage.Read();
        await using var simulator = await PushEventSimulator.StartAsync(FaultMatrix.SimulatorOptions(), cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(
            $"soak: {options.Duration} of {string.Join(", ", options.Scenarios)} against {simulator.SubscribeUri}").ConfigureAwait(false);

        // A warm-up rotation runs every scenario once before the start measurement: the process loads assemblies
        // (each keeps a handle open), grows its pools and fills its caches on first use of each fault's code path, and
        // that one-off growth must not count as a leak. Its runs are checked like any other.
        var totals = new SoakTotals();
        long warmUpClock = Stopwatch.GetTimestamp();
        foreach (var scenario in (FaultScenario[])[FaultScenarios.Healthy, .. options.Scenarios])
        {
            var result = await FaultMatrix.RunAsync(simulator, scenario, CancellationToken.None).ConfigureAwait(false);
            totals.AddWarmUp(result);
            if (!result.Passed)
            {
                await stderr.WriteLineAsync("FAIL (warm-up) " + result).ConfigureAwait(false);
            }
        }

        var warmUp = Stopwatch.GetElapsedTime(warmUpClock);
        var start = ResourceUsage.Measure();
        await stdout.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"warm-up: every scenario once in {warmUp.TotalSeconds:0.0} s; start: {start}")).ConfigureAwait(false);
        long clock = Stopwatch.GetTimestamp();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Duration);
        var progress = PrintProgressAsync(stdout, totals, options.ProgressInterval, clock, stop.Token);
        var rotation = FaultMatrix.RotateAsync(simulator, options.Scenarios, totals.Starting, stop.Token);
        await foreach (var failed in rotation.Do(totals.Add).Where(result => !result.Passed).ConfigureAwait(false))
        {
            await stderr.WriteLineAsync("FAIL " + failed).ConfigureAwait(false);
        }

        await progress.ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(clock);
        var (end, leaks) = await ResourceUsage.SettleAsync(start, LeakTolerance.Soak, SettleDeadline, CancellationToken.None).ConfigureAwait(false);
        await stdout.WriteAsync(totals.Report(new SoakRunInfo(started, elapsed, options.Duration, warmUp, loadAtStart), start, end, leaks)).ConfigureAwait(false);
        await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCode(totals, leaks);
    }

    /// <summary>The exit code of a finished soak: <see cref="ExitOk"/> when nothing was lost, duplicated, untrue or
    /// leaked, else <see cref="ExitFindings"/>.</summary>
    internal static int ExitCode(SoakTotals totals, IReadOnlyList<string> leaks) => totals.Passed(leaks) ? ExitOk : ExitFindings;

    /// <summary>Prints <see cref="SoakTotals.ProgressLine"/> every <paramref name="interval"/> until <paramref name="stop"/>.</summary>
    /// <remarks>Lines come from an Rx interval, read through a small buffer that keeps the newest: a line that waited
    /// behind a slow console is replaced by a fresher one.</remarks>
    private static async Task PrintProgressAsync(TextWriter stdout, SoakTotals totals, TimeSpan interval, long clock, CancellationToken stop)
    {
        var lines = Observable.Interval(interval).Select(_ => totals.ProgressLine(Stopwatch.GetElapsedTime(clock)));
        try
        {
            await foreach (string line in lines.ToAsyncEnumerable(capacity: 2, AsyncBufferOverflow.DropOldest).WithCancellation(stop).ConfigureAwait(false))
            {
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The soak's time is up, or Ctrl+C.
        }
    }
}
