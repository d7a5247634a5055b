using System.Globalization;
using System.Text.RegularExpressions;

namespace Jackpot.Reactive.Samples;

/// <summary>The settings of one <c>soak</c> run, read and checked from its command line.</summary>
/// <param name="Duration">How long to rotate through the scenarios.</param>
/// <param name="ProgressInterval">How often to print a progress line.</param>
/// <param name="Scenarios">The scenarios to rotate through.</param>
internal sealed partial record SoakOptions(TimeSpan Duration, TimeSpan ProgressInterval, IReadOnlyList<FaultScenario> Scenarios)
{
    public const string Usage = """
        Usage: dotnet run --project Jackpot.Reactive.Samples -- soak [--duration <span>] [options]

        Runs the fault matrix in rotation against an in-process simulator on 127.0.0.1: connection drops and aborts,
        503 bursts with Retry-After, a stall only the idle timeout finds, malformed and oversized events, a 401 in the
        middle of a healthy stream, the listener closed and reopened on the same port, a slow subscriber,
        subscribers joining and leaving from several threads, and subscribers that throw. Every event carries its id,
        so each subscriber's events are checked for losses and duplicates. Runs every scenario once first (a warm-up,
        checked like the rest), then measures heap, threads, timers, handles and sockets, and compares them at the end.
        Prints a progress line every few seconds and a report at the end.

          --duration <span>         how long to run: 90s, 5m, 1h, 1h30m, or seconds (default 30m)
          --progress <span>         how often to print a progress line (default 5s)
          --scenario <name>         run only this scenario (repeatable): drop-every-n, abort-every-n, 503-burst,
                                    stall, malformed, oversized, 401-mid-stream, listener-restart, slow-subscriber, churn,
                                    throwing-subscriber
          --help                    show this help

        Exit codes: 0 when nothing was lost, duplicated, untrue or leaked; 1 for bad arguments; 3 when anything was.
        Ctrl+C stops after the running scenario and prints the report.
        """;

    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromSeconds(5);

    private static readonly string[] ValueOptions = ["--duration", "--progress"];

    private static readonly string[] RepeatableOptions = ["--scenario"];

    private static readonly string[] Flags = ["--help"];

    /// <summary>Tells whether the arguments ask for help.</summary>
    public static bool IsHelp(IReadOnlyList<string> args) => args.Any(argument => argument is "--help" or "-h" or "-?");

    /// <summary>Reads the arguments of <c>soak</c> (without the word <c>soak</c>).</summary>
    /// <exception cref="CommandLineException">An argument is unknown or invalid.</exception>
    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var arguments = CommandLineArguments.Parse(args, ValueOptions, RepeatableOptions, Flags);
        var duration = ParseSpan(arguments.Value("--duration"), "--duration") ?? DefaultDuration;
        var progress = ParseSpan(arguments.Value("--progress"), "--progress") ?? DefaultProgressInterval;
        var names = arguments.Values("--scenario");
        var scenarios = names.Count == 0
            ? FaultScenarios.All
            : names.Select(name => FaultScenarios.Find(name) ?? throw new CommandLineException($"--scenario: there is no scenario '{name}'.")).Distinct().ToArray();
        return new SoakOptions(duration, progress, scenarios);
    }

    /// <summary>Reads a span such as <c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c>, or a number of seconds.</summary>
    /// <exception cref="CommandLineException">The text is not a positive span of at most a week.</exception>
    public static TimeSpan? ParseSpan(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        TimeSpan span = TimeSpan.Zero;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds))
        {
            span = seconds <= TimeSpan.FromDays(7).TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
        }
        else if (SpanPattern().Match(text) is { Success: true } match)
        {
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var piece = PartPattern().Match(part.Value);
                double amount = double.Parse(piece.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                span += piece.Groups["unit"].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(Math.Min(amount, 7 * 24 * 60 + 1)),
                    _ => TimeSpan.FromHours(Math.Min(amount, 7 * 24 + 1)),
                };
            }
        }
        else
        {
            throw new CommandLineException($"{option} must be a span such as 90s, 5m, 1h or 1h30m, not '{text}'.");
        }

        return span > TimeSpan.Zero && span <= TimeSpan.FromDays(7)
            ? span
            : throw new CommandLineException($"{option} must be more than zero and at most a week, not '{text}'.");
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex SpanPattern();

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)(?<unit>ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();
}
