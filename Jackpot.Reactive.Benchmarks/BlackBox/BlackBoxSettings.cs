using System.Globalization;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>The black-box command line: <c>blackbox [--rounds n] [--events n] [--warmup n] [--rate n] [--paced-seconds n]
/// [--consumers a,b] [--tuned] [--env NAME=VALUE] [--quick]</c>.</summary>
internal sealed record BlackBoxSettings
{
    public const string Usage = """
          dotnet run -c Release --project Jackpot.Reactive.Benchmarks -- blackbox [options]
              each consumer in a fresh process against a server in its own process, round-robin, then the table
              --rounds <n>          rounds (default 5); each round runs every consumer once per mode, order rotated
              --events <n>          measured flood events per run (default 500000), after as many warm-up events
              --warmup <n>          flood warm-up events (default: as many as --events)
              --rate <n>            events/s of the paced runs (default 1000)
              --paced-seconds <n>   measured seconds of a paced run (default 10), after 2 s of warm-up
              --consumers <list>    any of ours,bcl,naive,node (default all four; node is skipped where it is missing)
              --tuned               also run ours with the settings docs/benchmarks.md recommends (ours-tuned)
              --env NAME=VALUE      set an environment variable for every .NET consumer (repeatable)
              --quick               2 rounds, 100000 events, 3 paced seconds: a check that it all works (about 2 minutes)
        """;

    public int Rounds { get; init; } = 5;

    public long WarmupEvents { get; init; } = 500_000;

    public long MeasuredEvents { get; init; } = 500_000;

    public int PacedRate { get; init; } = 1000;

    public int PacedSeconds { get; init; } = 10;

    public int PacedWarmupSeconds { get; init; } = 2;

    public IReadOnlyList<string> Consumers { get; init; } = ["ours", "bcl", "naive", "node"];

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    public string CommandLine { get; init; } = "blackbox";

    public static BlackBoxSettings Parse(string[] args)
    {
        var settings = args.Contains("--quick")
            ? new BlackBoxSettings { Rounds = 2, WarmupEvents = 100_000, MeasuredEvents = 100_000, PacedSeconds = 3 }
            : new BlackBoxSettings();
        long? warmup = null;
        var consumers = settings.Consumers.ToList();
        var environment = new List<KeyValuePair<string, string>>();
        bool tuned = false;
        for (int i = 1; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--quick":
                    break;
                case "--tuned":
                    tuned = true;
                    break;
                case "--rounds":
                    settings = settings with { Rounds = Positive(name, Value()) };
                    break;
                case "--events":
                    settings = settings with { MeasuredEvents = Positive(name, Value()) };
                    break;
                case "--warmup":
                    warmup = Positive(name, Value());
                    break;
                case "--rate":
                    settings = settings with { PacedRate = Positive(name, Value()) };
                    break;
                case "--paced-seconds":
                    settings = settings with { PacedSeconds = Positive(name, Value()) };
                    break;
                case "--consumers":
                    consumers = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    break;
                case "--env":
                    string[] pair = Value().Split('=', 2);
                    environment.Add(new(pair[0], pair.Length > 1 ? pair[1] : string.Empty));
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.{System.Environment.NewLine}{Usage}");
            }
        }

        if (tuned && !consumers.Contains(BlackBoxRunner.TunedConsumer))
        {
            consumers.Insert(consumers.IndexOf("ours") + 1, BlackBoxRunner.TunedConsumer);
        }

        foreach (string consumer in consumers)
        {
            if (!BlackBoxRunner.KnownConsumers.Contains(consumer))
            {
                throw new ArgumentException($"Unknown consumer '{consumer}'; use {string.Join(", ", BlackBoxRunner.KnownConsumers)}.");
            }
        }

        return settings with
        {
            WarmupEvents = warmup ?? (args.Contains("--events") || args.Contains("--quick") ? settings.MeasuredEvents : settings.WarmupEvents),
            Consumers = consumers,
            Environment = environment,
            CommandLine = string.Join(' ', args),
        };
    }

    private static int Positive(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive whole number, not '{text}'.");
}
