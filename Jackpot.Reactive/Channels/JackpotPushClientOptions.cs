namespace Jackpot.Reactive;

/// <summary>Settings of a <see cref="JackpotPushClient"/>. Validated when the client is created, by the rules that
/// configuration and <c>AddJackpotPushClient</c> use (see <see cref="JackpotPushSettings"/>, their bindable form).</summary>
/// <remarks>A record: derive variants with <see langword="with"/> (as the Testing package's test defaults,
/// <c>VirtualPushService.DefaultClientOptions</c>, are derived).</remarks>
public sealed record JackpotPushClientOptions
{
    /// <summary>The default <see cref="Linger"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultLinger = TimeSpan.FromSeconds(5);

    /// <summary>Gets the subscribe endpoint; the channel is appended as the <c>channel</c> query parameter.</summary>
    /// <value>The default value is <c>https://push-events.flows.world/subscribe</c> (<see cref="JackpotPushEndpoint.DefaultSubscribeUri"/>).</value>
    public Uri Endpoint { get; init; } = JackpotPushEndpoint.DefaultSubscribeUri;

    /// <summary>Gets the workspace whose channels the client subscribes to. Required.</summary>
    /// <value>There is no default: a client without a workspace is rejected.</value>
    public WorkspaceId Workspace { get; init; }

    /// <summary>Gets how dropped connections are retried.</summary>
    /// <value>The default value is <see cref="ReconnectPolicy.Default"/>.</value>
    public ReconnectPolicy Reconnect { get; init; } = ReconnectPolicy.Default;

    /// <summary>The default <see cref="IdleTimeout"/> in the browser: 2 minutes. Outside the browser there is none (TCP
    /// keep-alive finds dead connections there).</summary>
    /// <remarks>
    /// A browser has no TCP keep-alive, so a connection that died without a word (a NAT or proxy that dropped a quiet
    /// flow, a server host that vanished) would never be noticed: a player channel that carries only that player's wins
    /// would miss them for the rest of the session. Two minutes puts detection in the same order as keep-alive's minute
    /// elsewhere, costs a quiet channel one request every two minutes when the server sends nothing, and is at least
    /// four times any usual heartbeat interval (15–30 s), so a server that sends heartbeat comments is never cut.
    /// </remarks>
    public static readonly TimeSpan DefaultBrowserIdleTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Gets how long a connection may stay silent (no event, no comment) before it is considered dead and reopened.
    /// Silence is counted while the client waits for the server, from when the last events received have been delivered
    /// to every subscriber: slow subscribers never look like a silent server. Null turns it off.</summary>
    /// <value>The default value is <see langword="null"/> (no idle timeout; dead connections are found by TCP keep-alive),
    /// and in the browser 2 minutes (<see cref="DefaultBrowserIdleTimeout"/>), where there is no TCP keep-alive.</value>
    public TimeSpan? IdleTimeout { get; init; } = PlatformDefaultIdleTimeout;

    /// <summary>Gets the default idle timeout of the platform the code runs on.</summary>
    internal static TimeSpan? PlatformDefaultIdleTimeout => DefaultIdleTimeoutFor(OperatingSystem.IsBrowser());

    /// <summary>Gets how long a channel's connection stays open after its last subscriber leaves, so a UI that
    /// re-subscribes does not churn connections. Zero closes it at once.</summary>
    /// <value>The default value is 5 seconds (<see cref="DefaultLinger"/>).</value>
    public TimeSpan Linger { get; init; } = DefaultLinger;

    /// <summary>Gets the largest event accepted, in bytes of data; a larger event fails the channel (terminal: the server would send it again).</summary>
    /// <value>The default value is 1 MiB (<see cref="SseEventParser.DefaultMaxEventSize"/>).</value>
    public int MaxEventSize { get; init; } = SseEventParser.DefaultMaxEventSize;

    /// <summary>Gets extra request headers sent with every subscribe request (for example an authorization header).</summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];

    /// <summary>Gets which HTTP version the event streams use: HTTP/2 lets many channels share one connection.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="JackpotPushProtocol.Negotiate"/> (HTTP/2 over TLS
    /// when the server offers it by ALPN, else HTTP/1.1) with the client's own <see cref="HttpClient"/>; with an
    /// <see cref="HttpClient"/> given to <see cref="JackpotPushClient"/>, that client's
    /// <see cref="HttpClient.DefaultRequestVersion"/> and <see cref="HttpClient.DefaultVersionPolicy"/>.</value>
    /// <remarks>On plain <c>http://</c>, HTTP/2 needs prior knowledge that the server speaks it (h2c):
    /// <see cref="JackpotPushProtocol.Http2"/>. A set value applies to a given <see cref="HttpClient"/> too.</remarks>
    public JackpotPushProtocol? Protocol { get; init; }

    /// <summary>Gets the default idle timeout of a platform: <see cref="DefaultBrowserIdleTimeout"/> in the browser, else none.</summary>
    /// <param name="browser">Whether the platform is the browser.</param>
    /// <returns>The default.</returns>
    internal static TimeSpan? DefaultIdleTimeoutFor(bool browser) => browser ? DefaultBrowserIdleTimeout : null;

    /// <summary>Checks every setting, with the rules and messages that configuration and <c>AddJackpotPushClient</c> use.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names every invalid one by its
    /// configuration path (for example <c>JackpotPush:Reconnect:MaxDelay must not be less than
    /// JackpotPush:Reconnect:InitialDelay …</c>), without echoing header values.</exception>
    public void Validate() => JackpotPushOptionsValidator.ThrowIfInvalid(this);
}
