namespace Jackpot.Reactive.Samples;

/// <summary>The options of the <c>cluster</c> command.</summary>
internal sealed record ClusterOptions
{
    public const string Usage = """
        usage: dotnet run --project Jackpot.Reactive.Samples -- cluster [options]

        Starts a local Orleans cluster (localhost clustering) in this process with the embedded simulator, and shows the
        board fed through it: each broadcast channel is a grain with one upstream connection for the whole cluster.
        While it runs, type a command and Enter:
          kill [n]     stop silo n at once (default: the silo holding the most channels) and watch its channels move
                       to another silo and resume; silo 0 is the seed (it holds the development membership table)
                       and hosts no channel
          where        show which silo holds which channel now
          quit         stop
        options:
          --silos <n>          silos to start, 2 to 9 (default 3)
          --groups <n>         jackpot groups (broadcast channels) to show, 1 to 20 (default 6)
          --kill-after <s>     kill the silo holding the most channels after s seconds (a scripted failover)
          --duration <s>       stop after s seconds (default: run until quit or Ctrl+C)
          -h, --help           show this help
        """;

    public int Silos { get; init; } = 3;

    public int Groups { get; init; } = 6;

    public TimeSpan? KillAfter { get; init; }

    public TimeSpan? Duration { get; init; }

    public static bool IsHelp(string[] args) => args.Any(a => a is "-h" or "-?" or "--help");

    /// <exception cref="CommandLineException">An option is unknown or out of range.</exception>
    public static ClusterOptions Parse(string[] args)
    {
        var parsed = CommandLineArguments.Parse(args, ["--silos", "--groups", "--kill-after", "--duration"], [], ["--help"]);
        return new ClusterOptions
        {
            Silos = parsed.Integer("--silos", 2, 9) ?? 3,
            Groups = parsed.Integer("--groups", 1, 20) ?? 6,
            KillAfter = parsed.Seconds("--kill-after"),
            Duration = parsed.Seconds("--duration"),
        };
    }
}
