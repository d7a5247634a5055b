namespace Jackpot.Reactive;

/// <summary>Options of one <see cref="SseConnection"/>. Each property is validated when it is set.</summary>
public sealed class SseConnectionOptions
{
    /// <summary>Gets the absolute http(s) URI of the event stream (for a channel, see
    /// <see cref="JackpotPushEndpoint.BuildSubscribeUri"/>).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">The value is not an absolute http or https URI, or has a fragment.</exception>
    public required Uri Uri
    {
        get;
        init
        {
            JackpotPushEndpoint.ValidateStreamUri(value, nameof(Uri));
            field = value;
        }
    }

    /// <summary>Gets how failed connections are retried.</summary>
    /// <value>The default value is <see cref="ReconnectPolicy.Default"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">The policy's initial delay exceeds its maximum delay.</exception>
    public ReconnectPolicy Reconnect
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Reconnect));
            value.ThrowIfInconsistent(nameof(Reconnect));
            field = value;
        }
    } = ReconnectPolicy.Default;

    /// <summary>Gets how long a connection may go without receiving a byte (events and comments count) before it is
    /// dropped with <see cref="SseIdleTimeoutException"/> and reconnected; null turns the idle timeout off. The time
    /// counts while the client waits for the server: it starts again when the events of the last bytes received have
    /// been delivered, so slow subscribers never look like a silent server.</summary>
    /// <value>The default value is null (off); in the browser, 2 minutes
    /// (<see cref="JackpotPushClientOptions.DefaultBrowserIdleTimeout"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    /// <remarks>
    /// Off by default because a quiet channel (a player channel carries only that player's wins) may rightly send nothing
    /// for hours, and the service does not promise keep-alive comments: a timeout would reconnect it over and over. Dead
    /// connections are found by TCP keep-alive instead (<see cref="HttpSseTransport.CreateDefaultHandler()"/>). In the
    /// browser, which has no TCP keep-alive, it is on by default (see
    /// <see cref="JackpotPushClientOptions.DefaultBrowserIdleTimeout"/> for the reasoning). Turn it on,
    /// a few times longer than the server's keep-alive interval, when the server sends keep-alives. The clock runs from
    /// the start of each attempt, so a server that never answers is caught too.
    /// </remarks>
    public TimeSpan? IdleTimeout
    {
        get;
        init => field = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(IdleTimeout), value, "The idle timeout must be positive.");
    } = JackpotPushClientOptions.PlatformDefaultIdleTimeout;

    /// <summary>Gets the most bytes of data one event may carry; a larger event fails the connection with
    /// <see cref="SseEventTooLargeException"/>, which is not retried by default.</summary>
    /// <value>The default value is 1 MiB (<see cref="SseEventParser.DefaultMaxEventSize"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int MaxEventSize
    {
        get;
        init => field = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxEventSize), value, "The maximum event size must be positive.");
    } = SseEventParser.DefaultMaxEventSize;

    /// <summary>Gets extra request headers (for example authorization), sent on every attempt.</summary>
    /// <value>The default value is empty.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">A name is not an HTTP token, or a value is null or contains CR, LF or NUL.</exception>
    public IReadOnlyList<KeyValuePair<string, string>> Headers
    {
        get;
        init
        {
            SseHeaderValidation.ThrowIfInvalid(value, nameof(Headers));
            field = value.Count == 0 ? [] : [.. value];
        }
    } = [];

    /// <summary>Gets the last event id to resume from on the first connection (sent as <c>Last-Event-ID</c>); null or
    /// empty for none.</summary>
    /// <value>The default value is null.</value>
    /// <exception cref="ArgumentException">The value contains U+0000, CR or LF.</exception>
    public string? LastEventId
    {
        get;
        init => field = value is null || value.AsSpan().IndexOfAny('\0', '\r', '\n') < 0
            ? value
            : throw new ArgumentException("A last event id cannot contain U+0000, CR or LF.", nameof(LastEventId));
    }
}
