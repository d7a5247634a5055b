namespace Jackpot.Reactive.Samples;

/// <summary>The settings of one <c>tail</c> run, read and checked from its command line.</summary>
/// <param name="Channel">The channel to follow.</param>
/// <param name="Connection">The connection settings: subscribe URI, reconnect policy, idle timeout, headers, last event
/// id, largest event.</param>
/// <param name="Raw">Whether to print SSE events as dispatched instead of decoded jackpot events.</param>
/// <param name="Count">How many events to print before exiting, or null for no limit.</param>
/// <param name="Timeout">How long to run before exiting, or null for no limit.</param>
internal sealed record TailOptions(
    ChannelName Channel,
    SseConnectionOptions Connection,
    bool Raw,
    int? Count,
    TimeSpan? Timeout)
{
    public const string Usage = """
        Usage: dotnet run --project Jackpot.Reactive.Samples -- tail --endpoint <subscribe url> --workspace <ws>
                   (--group <g> | --player <p>) [options]

        Follows one push channel and prints each event as one JSON object per line on stdout; status changes and
        errors go to stderr, also one JSON object per line.

          --endpoint <url>          the subscribe endpoint, e.g. https://push-events.flows.world/subscribe (required)
          --workspace <ws>          the workspace id (required)
          --group <g>               follow the broadcast channel <ws>_broadcast_<g>
          --player <p>              follow the player channel <ws>_user_<p> (the id is never printed on stderr)
          --raw                     print each SSE event as {"type","id","data"} instead of the decoded event
          --count <n>               exit with 0 after n events
          --timeout <seconds>       exit with 0 after this time
          --retry-initial-ms <ms>   initial reconnect delay (default 1000; 0 retries at once, then from 100 ms)
          --idle-timeout-ms <ms>    reconnect when nothing arrives for this long (default: off)
          --last-event-id <id>      the Last-Event-ID of the first request
          --max-event-size <bytes>  the largest event accepted, in bytes of data (default 1048576, the library's
                                    1 MiB); a larger event ends the run with exit code 2
          --header "Name: value"    an extra request header (repeatable)
          --help                    show this help

        Exit codes: 0 after --count events, when --timeout elapses or on Ctrl+C; 1 for bad arguments;
        2 when the connection fails for good (204, 4xx, wrong content type, oversized event).
        """;

    private const string EndpointOption = "--endpoint";
    private const string WorkspaceOption = "--workspace";
    private const string GroupOption = "--group";
    private const string PlayerOption = "--player";
    private const string HeaderOption = "--header";

    private static readonly string[] ValueOptions =
        [EndpointOption, WorkspaceOption, GroupOption, PlayerOption, "--count", "--timeout", "--retry-initial-ms", "--idle-timeout-ms", "--last-event-id", "--max-event-size"];

    private static readonly string[] RepeatableOptions = [HeaderOption];

    private static readonly string[] Flags = ["--raw", "--help"];

    /// <summary>Tells whether the arguments ask for help.</summary>
    public static bool IsHelp(IReadOnlyList<string> args) =>
        args.Any(argument => argument is "--help" or "-h" or "-?");

    /// <summary>Reads the arguments of <c>tail</c> (without the word <c>tail</c>).</summary>
    /// <exception cref="CommandLineException">An argument is missing or invalid.</exception>
    public static TailOptions Parse(IReadOnlyList<string> args)
    {
        var arguments = CommandLineArguments.Parse(args, ValueOptions, RepeatableOptions, Flags);
        var endpoint = arguments.HttpUri(EndpointOption) ?? throw new CommandLineException($"{EndpointOption} is required.");
        string workspace = arguments.Required(WorkspaceOption);
        string? group = arguments.Value(GroupOption);
        string? player = arguments.Value(PlayerOption);
        if ((group is null) == (player is null))
        {
            throw new CommandLineException($"Give exactly one of {GroupOption} and {PlayerOption}.");
        }

        int? count = arguments.Integer("--count", minimum: 1);
        var timeout = arguments.Seconds("--timeout");
        int? retryInitialMs = arguments.Integer("--retry-initial-ms", minimum: 0, maximum: 3_600_000);
        int? idleTimeoutMs = arguments.Integer("--idle-timeout-ms", minimum: 1);
        int maxEventSize = arguments.Integer("--max-event-size", minimum: 1) ?? SseEventParser.DefaultMaxEventSize;
        var headers = arguments.Values(HeaderOption).Select(ParseHeader).ToArray();

        var channel = BuildChannel(workspace, group, player);
        Uri subscribeUri;
        try
        {
            subscribeUri = JackpotPushEndpoint.BuildSubscribeUri(channel, endpoint);
        }
        catch (ArgumentException ex)
        {
            throw new CommandLineException($"{EndpointOption}: {ex.Message}", ex);
        }

        var reconnect = ReconnectPolicy.Default;
        if (retryInitialMs is { } initialMs)
        {
            var initial = TimeSpan.FromMilliseconds(initialMs);
            reconnect = reconnect with { InitialDelay = initial, MaxDelay = initial > reconnect.MaxDelay ? initial : reconnect.MaxDelay };
        }

        try
        {
            var connection = new SseConnectionOptions
            {
                Uri = subscribeUri,
                Reconnect = reconnect,
                IdleTimeout = idleTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                Headers = headers,
                LastEventId = arguments.Value("--last-event-id"),
                MaxEventSize = maxEventSize,
            };
            return new TailOptions(channel, connection, arguments.Has("--raw"), count, timeout);
        }
        catch (ArgumentException ex)
        {
            throw new CommandLineException(ex.Message, ex);
        }
    }

    /// <summary>Splits <c>"Name: value"</c> at the first colon.</summary>
    internal static KeyValuePair<string, string> ParseHeader(string header)
    {
        int colon = header.IndexOf(':', StringComparison.Ordinal);
        string name = colon > 0 ? header[..colon] : string.Empty;
        if (name.Length == 0 || !name.All(IsTokenChar))
        {
            throw new CommandLineException($"{HeaderOption} must look like \"Name: value\" with an HTTP token as the name.");
        }

        string value = header[(colon + 1)..].Trim(' ', '\t');
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new CommandLineException($"{HeaderOption} {name}: the value must not contain CR, LF or NUL.");
        }

        return new KeyValuePair<string, string>(name, value);
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static ChannelName BuildChannel(string workspace, string? group, string? player)
    {
        try
        {
            var workspaceId = new WorkspaceId(workspace);
            return group is not null
                ? ChannelName.Broadcast(workspaceId, new JackpotGroupId(group))
                : ChannelName.Player(workspaceId, new PlayerId(player!));
        }
        catch (ArgumentException ex)
        {
            // The messages name the parameter, never the (possibly secret) value.
            throw new CommandLineException($"The channel cannot be built: {ex.Message}", ex);
        }
    }
}
