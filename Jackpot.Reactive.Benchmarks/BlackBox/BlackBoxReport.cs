using System.Globalization;
using System.Text;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>Renders the black-box runs: the table of medians with their spread, the same-round ratios and the goals.</summary>
internal static class BlackBoxReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (string Name, bool Paced, Func<BlackBoxRun, double?> Value, string Format)[] Figures =
    [
        ("events/s", false, run => run.EventsPerSecond, "k"),
        ("CPU µs/event", false, run => run.CpuMicrosecondsPerEvent, "F2"),
        ("alloc B/event", false, run => run.AllocatedBytesPerEvent, "F0"),
        ("p50 µs at rate", true, run => run.P50Microseconds, "F0"),
        ("p99 µs at rate", true, run => run.P99Microseconds, "F0"),
        ("CPU µs/event at rate", true, run => run.CpuMicrosecondsPerEvent, "F1"),
    ];

    public static string Describe(BlackBoxRun run) => run.Paced
        ? string.Create(Invariant, $"  round {run.Round} {run.Consumer,-10} paced: p50 {run.P50Microseconds:F0} µs, p99 {run.P99Microseconds:F0} µs, {run.CpuMicrosecondsPerEvent:F1} µs CPU/event, {run.AllocatedBytesPerEvent:F0} B/event (load {run.LoadAverage:F2})")
        : string.Create(Invariant, $"  round {run.Round} {run.Consumer,-10} flood: {run.EventsPerSecond / 1000:F0} k events/s, {run.CpuMicrosecondsPerEvent:F2} µs CPU/event, {run.AllocatedBytesPerEvent:F0} B/event (load {run.LoadAverage:F2})");

    public static IEnumerable<string> Csv(IEnumerable<BlackBoxRun> runs) =>
        runs.Select(run => string.Create(
            Invariant,
            $"{run.Consumer},{run.Round},{(run.Paced ? "paced" : "flood")},{run.EventsPerSecond:F0},{run.CpuMicrosecondsPerEvent:F3},{run.AllocatedBytesPerEvent:F1},{run.P50Microseconds:F1},{run.P99Microseconds:F1},{run.LoadAverage:F2}"))
        .Prepend("consumer,round,mode,events_per_s,cpu_us_per_event,alloc_b_per_event,p50_us,p99_us,load1");

    public static string Render(List<BlackBoxRun> runs, BlackBoxSettings settings, List<string> consumers, List<string> notes, DateTimeOffset started, DateTimeOffset ended)
    {
        var text = new StringBuilder();
        var loads = runs.Select(run => run.LoadAverage).Order().ToList();
        text.AppendLine(Invariant, $"Black box, `dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- {settings.CommandLine}`");
        text.AppendLine(Invariant, $"{started:yyyy-MM-dd HH:mm}–{ended:HH:mm} UTC; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        text.AppendLine(loads.Count == 0
            ? $"No run produced a result; load at the end: {LoadAverage.Read()}"
            : string.Create(Invariant, $"Load average (1 min) at the end of each run: median {Median(loads):F2}, {loads[0]:F2}–{loads[^1]:F2}; at the end: {LoadAverage.Read()}"));
        text.AppendLine(Invariant, $"{settings.Rounds} rounds; flood: {settings.WarmupEvents:N0} warm-up + {settings.MeasuredEvents:N0} measured events; paced: {settings.PacedRate:N0} events/s, {settings.PacedWarmupSeconds} s warm-up + {settings.PacedSeconds} s measured.");
        foreach (string note in notes)
        {
            text.AppendLine(note);
        }

        text.AppendLine();
        text.AppendLine(Invariant, $"| consumer | events/s | CPU µs/event | alloc B/event | p50 / p99 µs at {settings.PacedRate:N0} ev/s | CPU µs/event at {settings.PacedRate:N0} ev/s |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|");
        foreach (string consumer in consumers)
        {
            var cells = Figures.Select(figure => Cell(runs, consumer, figure)).ToList();
            text.AppendLine(Invariant, $"| {Label(consumer)} | {cells[0]} | {cells[1]} | {cells[2]} | {cells[3]} / {cells[4]} | {cells[5]} |");
        }

        text.AppendLine();
        text.AppendLine("Medians over the rounds, (min–max) below them in each cell's parentheses. Node's bytes are V8's GC trace, approximate.");
        text.AppendLine();
        text.AppendLine("Ratios, each the median over the rounds of the two consumers' figures in the same round (events/s: above 1 is better; the rest: below 1 is better):");
        text.AppendLine();
        text.AppendLine("| ratio | " + string.Join(" | ", Figures.Select(figure => figure.Name.Replace("at rate", $"at {settings.PacedRate:N0} ev/s", StringComparison.Ordinal))) + " |");
        text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("--:|", Figures.Length)));
        foreach (string consumer in consumers.Where(c => c is not ("bcl" or "naive")))
        {
            foreach (string baseline in (string[])["bcl", "naive"])
            {
                if (consumers.Contains(baseline))
                {
                    text.AppendLine($"| {consumer} ÷ {baseline} | " + string.Join(" | ", Figures.Select(figure => Ratio(runs, consumer, baseline, figure.Paced, figure.Value))) + " |");
                }
            }
        }

        text.AppendLine();
        text.AppendLine("Goals (ours, default options):");
        text.AppendLine();
        AppendGoals(text, runs, consumers);
        return text.ToString();
    }

    private static void AppendGoals(StringBuilder text, List<BlackBoxRun> runs, List<string> consumers)
    {
        double? vsBcl = consumers.Contains("bcl") ? RatioValue(runs, "ours", "bcl", false, run => run.EventsPerSecond) : null;
        double? vsNaive = consumers.Contains("naive") ? RatioValue(runs, "ours", "naive", false, run => run.EventsPerSecond) : null;
        double? bytes = MedianOf(runs, "ours", false, run => run.AllocatedBytesPerEvent);
        double? p99 = MedianOf(runs, "ours", true, run => run.P99Microseconds);
        double? pacedCpu = MedianOf(runs, "ours", true, run => run.CpuMicrosecondsPerEvent);
        double? nodeCpu = consumers.Contains("node") ? MedianOf(runs, "node", true, run => run.CpuMicrosecondsPerEvent) : null;
        Goal(text, "events/s ≥ 1.3× bcl", vsBcl, vsBcl is { } b ? b >= 1.3 : null, "F2", "×");
        Goal(text, "events/s ≥ 2× naive", vsNaive, vsNaive is { } v ? v >= 2 : null, "F2", "×");
        Goal(text, "≤ 128 B/event", bytes, bytes is { } a ? a <= 128 : null, "F0", " B");
        Goal(text, "p99 ≤ 1 ms at the paced rate", p99, p99 is { } p ? p <= 1000 : null, "F0", " µs");
        Goal(text, "CPU µs/event at the paced rate ≤ Node's", pacedCpu, nodeCpu is { } node && pacedCpu is { } ours ? ours <= node : null, "F1", nodeCpu is { } n ? string.Create(Invariant, $" µs (Node {n:F1})") : " µs (Node not run)");
    }

    private static void Goal(StringBuilder text, string goal, double? value, bool? met, string format, string unit) =>
        text.AppendLine(Invariant, $"- {goal}: {(value is { } v ? v.ToString(format, Invariant) + unit : "—")} — {(met switch { true => "met", false => "**missed**", null => "not measured" })}");

    private static string Label(string consumer) => consumer switch
    {
        "ours" => "ours: `JackpotPushClient.Broadcast`, default options",
        BlackBoxRunner.TunedConsumer => "ours, with the recommended runtime settings",
        "bcl" => "bcl: HttpClient + `SseParser` + STJ source-gen from the UTF-8 span + `Subject`",
        "naive" => "naive: HttpClient + `StreamReader.ReadLineAsync` + reflection STJ + `Subject`",
        "node" => "npm `eventsource` 4.1.1 on Node (`JSON.parse` in `onmessage`)",
        _ => consumer,
    };

    private static string Cell(List<BlackBoxRun> runs, string consumer, (string Name, bool Paced, Func<BlackBoxRun, double?> Value, string Format) figure)
    {
        var values = runs.Where(run => run.Consumer == consumer && run.Paced == figure.Paced).Select(figure.Value).OfType<double>().Order().ToList();
        if (values.Count == 0)
        {
            return "—";
        }

        string Format(double value) => figure.Format == "k" ? (value / 1000).ToString("F0", Invariant) + " k" : value.ToString(figure.Format, Invariant);
        return values.Count == 1 ? Format(values[0]) : $"{Format(Median(values))} ({Format(values[0])}–{Format(values[^1])})";
    }

    private static string Ratio(List<BlackBoxRun> runs, string consumer, string baseline, bool paced, Func<BlackBoxRun, double?> value) =>
        RatioValue(runs, consumer, baseline, paced, value) is { } ratio ? ratio.ToString("F2", Invariant) + "×" : "—";

    private static double? RatioValue(List<BlackBoxRun> runs, string consumer, string baseline, bool paced, Func<BlackBoxRun, double?> value)
    {
        var ratios = runs.Where(run => run.Consumer == consumer && run.Paced == paced)
            .Join(runs.Where(run => run.Consumer == baseline && run.Paced == paced), run => run.Round, run => run.Round, (ours, theirs) => value(ours) / value(theirs))
            .OfType<double>().Order().ToList();
        return ratios.Count == 0 ? null : Median(ratios);
    }

    private static double? MedianOf(List<BlackBoxRun> runs, string consumer, bool paced, Func<BlackBoxRun, double?> value)
    {
        var values = runs.Where(run => run.Consumer == consumer && run.Paced == paced).Select(value).OfType<double>().Order().ToList();
        return values.Count == 0 ? null : Median(values);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
