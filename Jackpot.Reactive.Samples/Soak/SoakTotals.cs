using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Jackpot.Reactive.Samples;

/// <summary>What a soak has seen so far: the sum of its scenario results. Thread-safe: the progress line reads it while
/// the rotation adds to it.</summary>
internal sealed class SoakTotals
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _reconnects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Runs, long Events, TimeSpan Time)> _byScenario = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private long _events;
    private long _lost;
    private long _duplicated;
    private int _runs;
    private int _warmUpRuns;
    private string _current = "-";

    public long Lost
    {
        get
        {
            lock (_gate)
            {
                return _lost;
            }
        }
    }

    public long Duplicated
    {
        get
        {
            lock (_gate)
            {
                return _duplicated;
            }
        }
    }

    public int ViolationCount
    {
        get
        {
            lock (_gate)
            {
                return _violations.Count;
            }
        }
    }

    /// <summary>Notes the scenario that runs now, for the progress line.</summary>
    public void Starting(FaultScenario scenario)
    {
        lock (_gate)
        {
            _current = scenario.Name;
        }
    }

    public void Add(ScenarioResult result)
    {
        lock (_gate)
        {
            _runs++;
            _events += result.EventsDelivered;
            _lost += result.Lost;
            _duplicated += result.Duplicated;
            Sum(_reconnects, result.Reconnects);
            Sum(_failures, result.Failures);
            _violations.AddRange(result.Violations.Select(violation => result.Scenario + ": " + violation));
            var (runs, events, time) = _byScenario.GetValueOrDefault(result.Scenario);
            _byScenario[result.Scenario] = (runs + 1, events + result.EventsDelivered, time + result.Duration);
        }
    }

    /// <summary>Adds a run of the warm-up rotation: it counts like any other, and the report tells how many there were.</summary>
    public void AddWarmUp(ScenarioResult result)
    {
        Add(result);
        lock (_gate)
        {
            _warmUpRuns++;
        }
    }

    /// <summary>One line of progress, e.g. <c>[00:35] run 23 (churn): 12,345 events, 120 reconnects, lost 0, duplicated 0, violations 0</c>.</summary>
    public string ProgressLine(TimeSpan elapsed)
    {
        lock (_gate)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"[{FormatElapsed(elapsed)}] run {_runs + 1} ({_current}): {_events:N0} events, {_reconnects.Values.Sum():N0} reconnects, lost {_lost}, duplicated {_duplicated}, violations {_violations.Count}");
        }
    }

    /// <summary>The final report, with the resources at the start and the end and what grew past its tolerance.</summary>
    public string Report(SoakRunInfo info, ResourceUsage start, ResourceUsage end, IReadOnlyList<string> leaks)
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            void Line(string label, string value) => text.Append(CultureInfo.InvariantCulture, $"  {label,-22}{value}\n");
            text.Append("soak report\n");
            Line("started", info.Started.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            Line("duration", $"{FormatElapsed(info.Elapsed)} (asked for {FormatElapsed(info.Requested)}), after a warm-up of {FormatElapsed(info.WarmUp)}");
            Line("machine", $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
            Line("load (1/5/15 min)", $"start {info.LoadAtStart}, end {LoadAverage.Read()}");
            Line("scenario runs", string.Create(CultureInfo.InvariantCulture, $"{_runs:N0} ({_warmUpRuns} of them the warm-up: every scenario once, before the start measurement)"));
            foreach (var (scenario, (runs, events, time)) in _byScenario.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                Line("  " + scenario, string.Create(CultureInfo.InvariantCulture, $"{runs:N0} runs, {events:N0} events, {time.TotalSeconds / runs:0.0} s a run"));
            }

            Line("events delivered", string.Create(CultureInfo.InvariantCulture, $"{_events:N0}"));
            Line("reconnects by cause", Describe(_reconnects));
            Line("failures by cause", Describe(_failures) + " (terminal, on purpose: oversized, 401)");
            Line("lost", _lost.ToString(CultureInfo.InvariantCulture));
            Line("duplicated", _duplicated.ToString(CultureInfo.InvariantCulture));
            Line("violations", _violations.Count.ToString(CultureInfo.InvariantCulture));
            foreach (string violation in _violations.Take(20))
            {
                Line(string.Empty, violation);
            }

            Line("resources at start", start.ToString());
            Line("resources at end", end.ToString());
            Line("handles at end", HandleKinds.Summarize(end.HandlesByKind));
            Line("handles changed", end.HandlesByKind.Count == 0 ? "n/a" : HandleKinds.DescribeChanges(start.HandlesByKind, end.HandlesByKind));
            Line("leaks", leaks.Count == 0 ? "none" : string.Join("; ", leaks));
            Line("result", Passed(leaks) ? "PASS" : "FAIL");
            return text.ToString();
        }
    }

    public bool Passed(IReadOnlyList<string> leaks)
    {
        lock (_gate)
        {
            return _runs > 0 && _lost == 0 && _duplicated == 0 && _violations.Count == 0 && leaks.Count == 0;
        }
    }

    private static void Sum(Dictionary<string, long> totals, IReadOnlyDictionary<string, int> counts)
    {
        foreach (var (cause, count) in counts)
        {
            totals[cause] = totals.GetValueOrDefault(cause) + count;
        }
    }

    private static string Describe(Dictionary<string, long> counts) => counts.Count == 0
        ? "none"
        : string.Join(", ", counts.OrderByDescending(pair => pair.Value).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value:N0}")));

    private static string FormatElapsed(TimeSpan span) =>
        span.ToString(span >= TimeSpan.FromHours(1) ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
}

/// <summary>When a soak started, how long it ran and was asked to run, how long its warm-up took, and the machine's load
/// at its start.</summary>
internal sealed record SoakRunInfo(DateTimeOffset Started, TimeSpan Elapsed, TimeSpan Requested, TimeSpan WarmUp, string LoadAtStart);

/// <summary>The system's load averages, where the platform tells (Linux's <c>/proc/loadavg</c>).</summary>
internal static class LoadAverage
{
    public static string Read()
    {
        try
        {
            string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(" ", fields.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
