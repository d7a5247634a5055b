namespace Jackpot.Reactive.Testing;

/// <summary>
/// The settings of a client made by <see cref="VirtualPushService.CreateClient(VirtualClientOptions)"/>. Every setting
/// starts at a deterministic test default, so a test changes only what it is about and keeps the rest:
/// <c>service.CreateClient(new VirtualClientOptions { IdleTimeout = TimeSpan.FromSeconds(30) })</c> still has no linger
/// and no jitter. Derive variants with <c>with</c>.
/// </summary>
/// <remarks>The values are checked when the client is created, by <see cref="JackpotPushClientOptions.Validate"/>, with
/// its messages. Settings of <see cref="JackpotPushClientOptions"/> that this record does not carry keep the library's
/// defaults.</remarks>
public sealed record VirtualClientOptions
{
    private static readonly JackpotPushClientOptions LibraryDefaults = new();

    /// <summary>Gets the client's workspace.</summary>
    /// <value>The default value is <see cref="Jackpots.DefaultWorkspace"/>, so <c>Broadcast(Jackpots.DefaultGroup)</c> is
    /// <see cref="Jackpots.DefaultBroadcastChannel"/>.</value>
    public WorkspaceId Workspace { get; init; } = Jackpots.DefaultWorkspace;

    /// <summary>Gets how dropped connections are retried.</summary>
    /// <value>The default value is <see cref="VirtualPushService.DefaultClientReconnect"/>: the library's back-off without jitter.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ReconnectPolicy Reconnect
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Reconnect));
    } = VirtualPushService.DefaultClientReconnect;

    /// <summary>Gets how long a channel's connection stays open after its last subscriber leaves.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>: a test's unsubscription closes the connection in the same frame.</value>
    public TimeSpan Linger { get; init; } = TimeSpan.Zero;

    /// <summary>Gets the idle timeout of a connection.</summary>
    /// <value>The default value is the library's: <see langword="null"/>, no idle timeout.</value>
    public TimeSpan? IdleTimeout { get; init; } = LibraryDefaults.IdleTimeout;

    /// <summary>Gets the largest event the client accepts, in bytes.</summary>
    /// <value>The default value is the library's: 1 MiB.</value>
    public int MaxEventSize { get; init; } = LibraryDefaults.MaxEventSize;

    /// <summary>Gets headers sent with every connection attempt (recorded in <see cref="VirtualConnectionAttempt.Headers"/>).</summary>
    /// <value>The default value is the library's: an empty list.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(ExtraHeaders));
    } = LibraryDefaults.ExtraHeaders;

    /// <summary>Gets the subscribe endpoint; the virtual service routes by channel, so it only needs to be valid.</summary>
    /// <value>The default value is the library's: <see cref="JackpotPushEndpoint.DefaultSubscribeUri"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public Uri Endpoint
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Endpoint));
    } = LibraryDefaults.Endpoint;

    /// <summary>Creates the library's options from these settings.</summary>
    /// <returns>New options; the library's defaults for every setting this record does not carry.</returns>
    public JackpotPushClientOptions ToClientOptions() => new()
    {
        Workspace = Workspace,
        Reconnect = Reconnect,
        Linger = Linger,
        IdleTimeout = IdleTimeout,
        MaxEventSize = MaxEventSize,
        ExtraHeaders = ExtraHeaders,
        Endpoint = Endpoint,
    };
}
