using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples;

/// <summary>The settings of the live board, read and checked from its command line.</summary>
/// <param name="Endpoint">The service's subscribe endpoint, or null to run against an in-process simulator.</param>
/// <param name="Workspace">The workspace.</param>
/// <param name="Group">The jackpot group whose broadcast channel is shown.</param>
/// <param name="Player">The player whose wins are celebrated, or null to follow the broadcast channel only.</param>
/// <param name="Duration">How long to run, or null until Ctrl+C.</param>
/// <param name="Plain">Whether to print plain lines even on a terminal.</param>
/// <param name="PlayerWinEvery">With the simulator: how often the player wins, or null for every 15 to 20 seconds.</param>
internal sealed record BoardOptions(
    Uri? Endpoint,
    WorkspaceId Workspace,
    JackpotGroupId Group,
    PlayerId? Player,
    TimeSpan? Duration,
    bool Plain,
    TimeSpan? PlayerWinEvery)
{
    /// <summary>The player the sample plays as against the simulator.</summary>
    public const string DefaultSimulatorPlayer = "newcomer@example.com";

    /// <summary>The number of silos of the in-process cluster <c>--cluster</c> starts.</summary>
    public const int ClusterSilos = 3;

    /// <summary>Gets a value indicating whether the board is fed through channel grains on an in-process Orleans cluster
    /// (<c>--cluster</c>) rather than by a client of its own.</summary>
    public bool Cluster { get; init; }

    public const string Usage = """
        Usage: dotnet run --project Jackpot.Reactive.Samples [-- options]
               dotnet run --project Jackpot.Reactive.Samples -- tail --help

        Shows a live jackpot board. Without --endpoint, --workspace or --group it starts an in-process simulator on
        127.0.0.1 and plays as newcomer@example.com, who wins now and then. When stdout is not a terminal it prints
        one plain line per change instead.

          --endpoint <url>        the service's subscribe endpoint (default https://push-events.flows.world/subscribe
                                  when --workspace and --group are given)
          --workspace <ws>        the workspace id (real service)
          --group <g>             the jackpot group (real service)
          --player <p>            the player to celebrate (optional with the real service)
          --duration <seconds>    stop by itself after this time (exit code 0)
          --plain                 print plain lines even on a terminal
          --win-every <seconds>   simulator only: how often the player wins (default every 15 to 20 s)
          --cluster               simulator only: feed the board through channel grains on an in-process Orleans
                                  cluster of 3 silos (Jackpot.Reactive.Orleans) instead of a client of its own
          --help                  show this help

        Exit codes: 0 when stopped (--duration or Ctrl+C); 1 for bad arguments; 2 when a channel fails for good.
        """;

    private static readonly string[] ValueOptions = ["--endpoint", "--workspace", "--group", "--player", "--duration", "--win-every"];

    private static readonly string[] Flags = ["--plain", "--cluster", "--help"];

    /// <summary>Gets a value indicating whether the board runs against an in-process simulator.</summary>
    public bool UsesSimulator => Endpoint is null;

    /// <summary>Tells whether the arguments ask for help.</summary>
    public static bool IsHelp(IReadOnlyList<string> args) =>
        args.Any(argument => argument is "--help" or "-h" or "-?");

    /// <summary>Reads the board's arguments.</summary>
    /// <exception cref="CommandLineException">An argument is missing or invalid.</exception>
    public static BoardOptions Parse(IReadOnlyList<string> args)
    {
        var arguments = CommandLineArguments.Parse(args, ValueOptions, [], Flags);
        var duration = arguments.Seconds("--duration");
        var winEvery = arguments.Seconds("--win-every");
        bool plain = arguments.Has("--plain");
        bool realService = arguments.Has("--endpoint") || arguments.Has("--workspace") || arguments.Has("--group");
        try
        {
            if (!realService)
            {
                var player = new PlayerId(arguments.Value("--player") ?? DefaultSimulatorPlayer);
                return new BoardOptions(
                    null,
                    new WorkspaceId(PushEventSimulatorOptions.DefaultWorkspace),
                    new JackpotGroupId(PushEventSimulatorOptions.DefaultGroup),
                    player,
                    duration,
                    plain,
                    winEvery)
                {
                    Cluster = arguments.Has("--cluster"),
                };
            }

            if (winEvery is not null)
            {
                throw new CommandLineException("--win-every works with the simulator only.");
            }

            if (arguments.Has("--cluster"))
            {
                throw new CommandLineException("--cluster works with the simulator only (the cluster's silos connect to it).");
            }

            var endpoint = arguments.HttpUri("--endpoint") ?? JackpotPushEndpoint.DefaultSubscribeUri;
            var workspace = new WorkspaceId(arguments.Required("--workspace"));
            var group = new JackpotGroupId(arguments.Required("--group"));
            PlayerId? realPlayer = arguments.Value("--player") is { } playerId ? new PlayerId(playerId) : null;

            // Fail here, with exit code 1, for ids and endpoints the client would reject later.
            var broadcast = ChannelName.Broadcast(workspace, group);
            _ = JackpotPushEndpoint.BuildSubscribeUri(broadcast, endpoint);
            return new BoardOptions(endpoint, workspace, group, realPlayer, duration, plain, PlayerWinEvery: null);
        }
        catch (ArgumentException ex)
        {
            throw new CommandLineException(ex.Message, ex);
        }
    }
}
