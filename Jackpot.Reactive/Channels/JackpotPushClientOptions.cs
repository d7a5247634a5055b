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

    /// <summary>Gets how long a connection may stay silent (no event, no comment) before it is considered dead and reopened.
    /// Silence is counted while the client waits for the server, from when the last events received have been delivered
    /// to every subscriber: slow subscribers never look like a silent server.</summary>
    /// <value>The default value is <see langword="null"/>: no idle timeout; dead connections are found by TCP keep-alive.</value>
    public TimeSpan? IdleTimeout { get; init; }

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

        if (Protocol is { } protocol && !Enum.IsDefined(protocol))
        {
            throw new ArgumentOutOfRangeException(nameof(Protocol), protocol, $"{nameof(JackpotPushClientOptions)}.{nameof(Protocol)} must be Negotiate, Http11 or Http2, or null for the default.");
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
