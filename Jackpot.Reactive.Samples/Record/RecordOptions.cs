namespace Jackpot.Reactive.Samples;

/// <summary>The settings of one <c>record</c> run, read and checked from its command line.</summary>
/// <param name="Endpoint">The subscribe endpoint, or null to record from an embedded simulator.</param>
/// <param name="Workspace">The workspace of every recorded channel.</param>
/// <param name="Groups">The jackpot groups whose broadcast channels to record.</param>
/// <param name="Players">The players whose channels to record.</param>
/// <param name="Output">The file to write.</param>
/// <param name="Duration">How long to record, or null for no limit.</param>
/// <param name="Count">How many events to record (all channels together), or null for no limit.</param>
/// <param name="KeepPlayerIds">Whether player ids are written as they are instead of pseudonymised.</param>
/// <param name="Reconnect">The reconnect policy of the recording client.</param>
/// <param name="IdleTimeout">The idle timeout of the recording client.</param>
/// <param name="Headers">Extra request headers.</param>
/// <param name="Simulator">The embedded simulator's settings, when <paramref name="Endpoint"/> is null.</param>
internal sealed record RecordOptions(
    Uri? Endpoint,
    WorkspaceId Workspace,
    IReadOnlyList<JackpotGroupId> Groups,
    IReadOnlyList<PlayerId> Players,
    string Output,
    TimeSpan? Duration,
    int? Count,
    bool KeepPlayerIds,
    ReconnectPolicy Reconnect,
    TimeSpan? IdleTimeout,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    RecordSimulatorOptions? Simulator)
{
    public const string Usage = """
        Usage: dotnet run --project Jackpot.Reactive.Samples -- record --output <file>
                   (--simulator | --endpoint <subscribe url> --workspace <ws>) [--group <g>]... [--player <p>]... [options]

        Records push channels — broadcast and player channels at once — into a recording (docs/recording.md): a header
        line, then one JSON object per line for every connection attempt (with its Last-Event-ID), response, event
        (SSE id, type and data as received), retry: field, comment, end and error (status, Retry-After, cause), each
        with its time. Every line is flushed as it is written, so Ctrl+C or a crash leaves a valid recording up to its
        last whole line. Player ids are replaced by pseudonyms (redacted-1, redacted-2, …) unless --keep-player-ids.
        Progress and status changes go to stderr as JSON lines.

          --output <file>           the recording to write (required; replaced if it exists)
          --endpoint <url>          the subscribe endpoint, e.g. https://push-events.flows.world/subscribe
          --workspace <ws>          the workspace id (required with --endpoint)
          --group <g>               record the broadcast channel <ws>_broadcast_<g> (repeatable)
          --player <p>              record the player channel <ws>_user_<p> (repeatable)
          --duration <span>         stop after this time: 90s, 10m, 1h, or seconds
          --count <n>               stop after n events (all channels together)
          --keep-player-ids         write player ids as they are (keep such a recording private)
          --retry-initial-ms <ms>   initial reconnect delay (default 1000)
          --idle-timeout-ms <ms>    reconnect when nothing arrives for this long (default: off)
          --header "Name: value"    an extra request header (repeatable)
          --simulator               record from an embedded simulator on 127.0.0.1; without --group and --player it
                                    records its broadcast channel and the player sim-player-1
          --sim-interval-ms <ms>    the simulator's value update interval (default 1000)
          --sim-player-win-every <span>  the recorded player wins this often (default 60s; simulator only)
          --sim-drop-every-ms <ms>  the simulator drops every stream this often (a recording with drops)
          --sim-unavailable-requests <n>  the simulator answers the first n requests with 503 and Retry-After: 1
          --help                    show this help

        Exit codes: 0 after --duration, --count or Ctrl+C; 1 for bad arguments; 2 when every channel failed for good
        (204, 4xx, wrong content type) — the failure is in the recording too.
        """;

    private const string HeaderOption = "--header";

    private static readonly string[] ValueOptions =
    [
        "--output", "--endpoint", "--workspace", "--duration", "--count", "--retry-initial-ms", "--idle-timeout-ms",
        "--sim-interval-ms", "--sim-player-win-every", "--sim-drop-every-ms", "--sim-unavailable-requests",
    ];

    private static readonly string[] RepeatableOptions = ["--group", "--player", HeaderOption];

    private static readonly string[] Flags = ["--simulator", "--keep-player-ids", "--help"];

    /// <summary>Tells whether the arguments ask for help.</summary>
    public static bool IsHelp(IReadOnlyList<string> args) => args.Any(argument => argument is "--help" or "-h" or "-?");

    /// <summary>Reads the arguments of <c>record</c> (without the word <c>record</c>).</summary>
    /// <exception cref="CommandLineException">An argument is missing or invalid.</exception>
    public static RecordOptions Parse(IReadOnlyList<string> args)
    {
        var arguments = CommandLineArguments.Parse(args, ValueOptions, RepeatableOptions, Flags);
        string output = arguments.Required("--output");
        bool simulator = arguments.Has("--simulator");
        var endpoint = arguments.HttpUri("--endpoint");
        if (simulator == (endpoint is not null))
        {
            throw new CommandLineException("Give exactly one of --simulator and --endpoint.");
        }

        if (!simulator && arguments.Has("--sim-interval-ms") | arguments.Has("--sim-player-win-every") | arguments.Has("--sim-drop-every-ms") | arguments.Has("--sim-unavailable-requests"))
        {
            throw new CommandLineException("The --sim-… options need --simulator.");
        }

        try
        {
            var workspace = new WorkspaceId(simulator
                ? arguments.Value("--workspace") ?? Jackpot.Reactive.Simulator.PushEventSimulatorOptions.DefaultWorkspace
                : arguments.Required("--workspace"));
            var groups = arguments.Values("--group").Select(g => new JackpotGroupId(g)).ToList();
            var players = arguments.Values("--player").Select(p => new PlayerId(p)).ToList();
            if (groups.Count == 0 && players.Count == 0)
            {
                if (!simulator)
                {
                    throw new CommandLineException("Give at least one --group or --player.");
                }

                groups.Add(new JackpotGroupId(Jackpot.Reactive.Simulator.PushEventSimulatorOptions.DefaultGroup));
                players.Add(new PlayerId(Jackpot.Reactive.Simulator.PushEventSimulatorOptions.SimulatedPlayerIdPrefix + "1"));
            }

            var reconnect = ReconnectPolicy.Default;
            if (arguments.Integer("--retry-initial-ms", minimum: 0, maximum: 3_600_000) is { } initialMs)
            {
                var initial = TimeSpan.FromMilliseconds(initialMs);
                reconnect = reconnect with { InitialDelay = initial, MaxDelay = initial > reconnect.MaxDelay ? initial : reconnect.MaxDelay };
            }

            return new RecordOptions(
                endpoint,
                workspace,
                groups.Distinct().ToList(),
                players.Distinct().ToList(),
                output,
                SoakOptions.ParseSpan(arguments.Value("--duration"), "--duration"),
                arguments.Integer("--count", minimum: 1),
                arguments.Has("--keep-player-ids"),
                reconnect,
                arguments.Integer("--idle-timeout-ms", minimum: 1) is { } idle ? TimeSpan.FromMilliseconds(idle) : null,
                arguments.Values(HeaderOption).Select(TailOptions.ParseHeader).ToList(),
                simulator ? RecordSimulatorOptions.Parse(arguments) : null);
        }
        catch (ArgumentException ex)
        {
            // The messages name the parameter, never the (possibly secret) value.
            throw new CommandLineException(ex.Message, ex);
        }
    }

    /// <summary>Gets the recorded channels, broadcast channels first.</summary>
    public IReadOnlyList<ChannelName> Channels =>
        [.. Groups.Select(g => ChannelName.Broadcast(Workspace, g)), .. Players.Select(p => ChannelName.Player(Workspace, p))];
}

/// <summary>The embedded simulator of a <c>record</c> run.</summary>
/// <param name="ValueInterval">The value update interval.</param>
/// <param name="PlayerWinEvery">How often the recorded players win.</param>
/// <param name="DropEvery">How often every stream is dropped, or null for never.</param>
/// <param name="UnavailableRequests">How many first requests get a 503.</param>
internal sealed record RecordSimulatorOptions(TimeSpan ValueInterval, TimeSpan PlayerWinEvery, TimeSpan? DropEvery, int UnavailableRequests)
{
    public static RecordSimulatorOptions Parse(CommandLineArguments arguments) => new(
        arguments.Integer("--sim-interval-ms", minimum: 1) is { } interval ? TimeSpan.FromMilliseconds(interval) : Jackpot.Reactive.Simulator.PushEventSimulatorOptions.DefaultValueInterval,
        SoakOptions.ParseSpan(arguments.Value("--sim-player-win-every"), "--sim-player-win-every") ?? TimeSpan.FromSeconds(60),
        arguments.Integer("--sim-drop-every-ms", minimum: 1) is { } drop ? TimeSpan.FromMilliseconds(drop) : null,
        arguments.Integer("--sim-unavailable-requests", minimum: 0) ?? 0);
}
