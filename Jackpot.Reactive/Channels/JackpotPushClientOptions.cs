namespace Jackpot.Reactive;

/// <summary>Settings of a <see cref="JackpotPushClient"/>. Validated when the client is created.</summary>
public sealed class JackpotPushClientOptions
{
    /// <summary>The default <see cref="Linger"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultLinger = TimeSpan.FromSeconds(5);

    /// <summary>The largest <see cref="ExtraHeaders"/> count accepted.</summary>
    private const int MaxExtraHeaders = 64;

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

    /// <summary>Gets the default idle timeout of a platform: <see cref="DefaultBrowserIdleTimeout"/> in the browser, else none.</summary>
    /// <param name="browser">Whether the platform is the browser.</param>
    /// <returns>The default.</returns>
    internal static TimeSpan? DefaultIdleTimeoutFor(bool browser) => browser ? DefaultBrowserIdleTimeout : null;

    /// <summary>Checks every setting and throws an exception that names the first invalid one.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void Validate()
    {
        if (Endpoint is null)
        {
            throw new ArgumentException($"{nameof(JackpotPushClientOptions)}.{nameof(Endpoint)} is required.", nameof(Endpoint));
        }

        try
        {
            JackpotPushEndpoint.ValidateEndpoint(Endpoint, nameof(Endpoint));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{nameof(JackpotPushClientOptions)}.{nameof(Endpoint)}: {ex.Message}", nameof(Endpoint), ex);
        }

        if (Workspace.Value.Length == 0)
        {
            throw new ArgumentException($"{nameof(JackpotPushClientOptions)}.{nameof(Workspace)} is required.", nameof(Workspace));
        }

        if (Reconnect is null)
        {
            throw new ArgumentException($"{nameof(JackpotPushClientOptions)}.{nameof(Reconnect)} is required.", nameof(Reconnect));
        }

        if (IdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), idle, $"{nameof(JackpotPushClientOptions)}.{nameof(IdleTimeout)} must be positive, or null for none.");
        }

        if (Linger < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Linger), Linger, $"{nameof(JackpotPushClientOptions)}.{nameof(Linger)} must not be negative.");
        }

        if (MaxEventSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEventSize), MaxEventSize, $"{nameof(JackpotPushClientOptions)}.{nameof(MaxEventSize)} must be positive.");
        }

        ValidateHeaders(ExtraHeaders);
    }

    private static void ValidateHeaders(IReadOnlyList<KeyValuePair<string, string>>? extraHeaders)
    {
        const string name = $"{nameof(JackpotPushClientOptions)}.{nameof(ExtraHeaders)}";
        if (extraHeaders is null)
        {
            throw new ArgumentException($"{name} must not be null.", nameof(extraHeaders));
        }

        if (extraHeaders.Count > MaxExtraHeaders)
        {
            throw new ArgumentException($"{name} holds {extraHeaders.Count} headers; at most {MaxExtraHeaders} are allowed.", nameof(extraHeaders));
        }

        foreach (var (key, value) in extraHeaders)
        {
            if (string.IsNullOrWhiteSpace(key) || key.AsSpan().IndexOfAny(" :\r\n\t") >= 0)
            {
                throw new ArgumentException($"{name}: '{key}' is not a valid header name.", nameof(extraHeaders));
            }

            if (value is null || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"{name}: the value of '{key}' must not be null or contain CR or LF.", nameof(extraHeaders));
            }
        }
    }
}
