using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples.Web.Board;

/// <summary>
/// What the web board watches, read from configuration with the console board's names: <c>--endpoint</c>,
/// <c>--workspace</c>, <c>--group</c> and <c>--player</c> on the command line (or the keys <c>endpoint</c>, <c>workspace</c>,
/// <c>group</c>, <c>player</c> in any other configuration source).
/// </summary>
/// <param name="Endpoint">The service's subscribe endpoint, or null to run against an in-process simulator.</param>
/// <param name="Workspace">The workspace.</param>
/// <param name="Group">The jackpot group whose broadcast channel is shown.</param>
/// <param name="Player">The player whose wins are celebrated, or null to follow the broadcast channel only.</param>
/// <remarks>
/// As with the console board: without <c>endpoint</c>, <c>workspace</c> or <c>group</c> the board starts a simulator on
/// 127.0.0.1 and plays as <see cref="DefaultSimulatorPlayer"/>; with any of them it watches the real service, and then
/// <c>workspace</c> and <c>group</c> are required and <c>endpoint</c> defaults to the service's. With <c>--cluster</c>
/// (the key <c>cluster</c> = <c>true</c>) the board is fed through channel grains: the app runs an Orleans silo of its own
/// (<see cref="Cluster"/>).
/// </remarks>
internal sealed record WebBoardSettings(Uri? Endpoint, WorkspaceId Workspace, JackpotGroupId Group, PlayerId? Player)
{
    /// <summary>The player the board plays as against the simulator (the console board's).</summary>
    public const string DefaultSimulatorPlayer = "newcomer@example.com";

    /// <summary>Gets a value indicating whether the board runs against an in-process simulator.</summary>
    public bool UsesSimulator => Endpoint is null;

    /// <summary>Gets a value indicating whether the board is fed through channel grains on an Orleans silo the app runs
    /// (localhost clustering, file grain storage), the Jackpot.Reactive.Orleans package, rather than by a client of its own.</summary>
    public bool Cluster { get; init; }

    /// <summary>Turns the console board's bare <c>--cluster</c> flag into a configuration value (<c>--cluster=true</c>).</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The command line for the configuration.</returns>
    public static string[] NormalizeArguments(string[] args) =>
        [.. args.Select((arg, i) => arg == "--cluster" && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) ? "--cluster=true" : arg)];

    /// <summary>Reads and checks the settings.</summary>
    /// <param name="configuration">The application's configuration.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid; the message names it.</exception>
    public static WebBoardSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? endpoint = Read(configuration, "endpoint");
        string? workspace = Read(configuration, "workspace");
        string? group = Read(configuration, "group");
        string? player = Read(configuration, "player");
        bool cluster = Read(configuration, "cluster") is { } value
            && (bool.TryParse(value, out bool on) ? on : throw new InvalidOperationException($"--cluster must be true or false, not '{value}'."));
        return Parse(endpoint, workspace, group, player) with { Cluster = cluster };
    }

    private static WebBoardSettings Parse(string? endpoint, string? workspace, string? group, string? player)
    {
        try
        {
            if (endpoint is null && workspace is null && group is null)
            {
                return new WebBoardSettings(
                    null,
                    new WorkspaceId(PushEventSimulatorOptions.DefaultWorkspace),
                    new JackpotGroupId(PushEventSimulatorOptions.DefaultGroup),
                    new PlayerId(player ?? DefaultSimulatorPlayer));
            }

            var endpointUri = endpoint is null ? JackpotPushEndpoint.DefaultSubscribeUri : ParseHttpUri(endpoint);
            var settings = new WebBoardSettings(
                endpointUri,
                new WorkspaceId(workspace ?? throw new InvalidOperationException("--workspace is required with the real service.")),
                new JackpotGroupId(group ?? throw new InvalidOperationException("--group is required with the real service.")),
                player is null ? null : new PlayerId(player));

            // Fail at start-up for ids and endpoints the client would reject later.
            _ = JackpotPushEndpoint.BuildSubscribeUri(ChannelName.Broadcast(settings.Workspace, settings.Group), endpointUri);
            return settings;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }

    private static string? Read(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value ? value : null;

    private static Uri ParseHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"--endpoint must be an absolute http or https URL, not '{value}'.");
}
