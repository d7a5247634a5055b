namespace Jackpot.Reactive.Samples;

/// <summary>The options of the <c>cluster</c> command.</summary>
internal sealed record ClusterOptions
{
    public const string Usage = """
        usage: dotnet run --project Jackpot.Reactive.Samples -- cluster [options]

        Starts a local Orleans cluster with the embedded simulator, and shows the board fed through it: each broadcast
        channel is a grain with one upstream connection for the whole cluster. By default each silo is its own OS
        process on Redis membership and Redis grain storage (a local redis-server on a free port, or --redis), and the
        client runs here. While it runs, type a command and Enter:
          kill [n]     kill silo n with SIGKILL, a real crash (default: the silo holding the most channels), and watch
                       its channels move to another silo and resume; with --in-process, a cancelled stop of silo n
                       (silo 0 is the seed there: it holds the development membership table and hosts no channel)
          where        show which silo holds which channel now
          quit         stop
        options:
          --silos <n>          silos to start, 2 to 9 (default 3)
          --processes          each silo in its own process on Redis (the default)
          --in-process         all silos in this process, localhost clustering and file storage (no real crash)
          --redis <conn>       an existing Redis (StackExchange.Redis connection string) instead of a local redis-server
          --detection <d>      defaults (Orleans' failure detection) or tuned (ProbeTimeout 1 s, NumMissedProbesLimit 2,
                               RangeLeaseDuration 0, renewals every second); default: tuned
          --groups <n>         jackpot groups (broadcast channels) to show, 1 to 20 (default 6)
          --kill-after <s>     kill the silo holding the most channels after s seconds (a scripted failover)
          --duration <s>       stop after s seconds (default: run until quit or Ctrl+C)
          -h, --help           show this help
        """;

    public int Silos { get; init; } = 3;

    public int Groups { get; init; } = 6;

    public TimeSpan? KillAfter { get; init; }

    public TimeSpan? Duration { get; init; }

    public bool InProcess { get; init; }

    public string? Redis { get; init; }

    public FailureDetection Detection { get; init; } = FailureDetection.Tuned;

    public static bool IsHelp(string[] args) => args.Any(a => a is "-h" or "-?" or "--help");

    /// <exception cref="CommandLineException">An option is unknown or out of range.</exception>
    public static ClusterOptions Parse(string[] args)
    {
        var parsed = CommandLineArguments.Parse(args, ["--silos", "--groups", "--kill-after", "--duration", "--redis", "--detection"], [], ["--help", "--processes", "--in-process"]);
        if (parsed.Has("--processes") && parsed.Has("--in-process"))
        {
            throw new CommandLineException("--processes and --in-process exclude each other.");
        }

        if (parsed.Has("--in-process") && parsed.Has("--redis"))
        {
            throw new CommandLineException("--redis needs silo processes (not --in-process).");
        }

        return new ClusterOptions
        {
            InProcess = parsed.Has("--in-process"),
            Redis = parsed.Value("--redis"),
            Detection = parsed.Value("--detection") is { } detection ? FailureDetectionSettings.Parse(detection) : FailureDetection.Tuned,
            Silos = parsed.Integer("--silos", 2, 9) ?? 3,
            Groups = parsed.Integer("--groups", 1, 20) ?? 6,
            KillAfter = parsed.Seconds("--kill-after"),
            Duration = parsed.Seconds("--duration"),
        };
    }
}
