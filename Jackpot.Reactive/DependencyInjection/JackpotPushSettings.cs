namespace Jackpot.Reactive;

/// <summary>
/// The bindable form of <see cref="JackpotPushClientOptions"/>: plain strings, numbers and time spans that
/// configuration (section <see cref="JackpotPushClientDefaults.ConfigurationSectionName"/>) binds to, mapped to the
/// options when the client is created. Used by <c>AddJackpotPushClient</c>.
/// </summary>
/// <remarks>
/// <para>Time spans are written as configuration writes them: <c>"00:00:05"</c> for 5 seconds, <c>"1.00:00:00"</c> for a day.
/// A property left unset keeps the default of the option it maps to.</para>
/// <para>The settings are validated when the host starts (<c>ValidateOnStart</c>); every failure message names the setting
/// by its configuration path, for example <c>JackpotPush:Workspace is required.</c></para>
/// <example>
/// <code language="json">
/// "JackpotPush": {
///   "Workspace": "my-workspace",
///   "Linger": "00:00:10",
///   "ExtraHeaders": { "Authorization": "Bearer …" },
///   "Reconnect": { "InitialDelay": "00:00:01", "MaxDelay": "00:00:30" }
/// }
/// </code>
/// </example>
/// </remarks>
public sealed class JackpotPushSettings
{
    /// <summary>Gets or sets the subscribe endpoint, an absolute http(s) URI without a <c>channel</c> query parameter.</summary>
    /// <value>The default value is null: <see cref="JackpotPushEndpoint.DefaultSubscribeUri"/>.</value>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the workspace whose channels the client subscribes to. Required.</summary>
    /// <value>The default value is null, which fails validation.</value>
    public string? Workspace { get; set; }

    /// <summary>Gets or sets how long a channel's connection stays open after its last subscriber leaves (see
    /// <see cref="JackpotPushClientOptions.Linger"/>). Zero or more.</summary>
    /// <value>The default value is 5 seconds (<see cref="JackpotPushClientOptions.DefaultLinger"/>).</value>
    public TimeSpan Linger { get; set; } = JackpotPushClientOptions.DefaultLinger;

    /// <summary>Gets or sets how long a connection may stay silent before it is reopened (see
    /// <see cref="JackpotPushClientOptions.IdleTimeout"/>). Positive, or null for none.</summary>
    /// <value>The default value is null: no idle timeout; in the browser 2 minutes
    /// (<see cref="JackpotPushClientOptions.DefaultBrowserIdleTimeout"/>).</value>
    public TimeSpan? IdleTimeout { get; set; } = JackpotPushClientOptions.PlatformDefaultIdleTimeout;

    /// <summary>Gets or sets the largest event accepted, in bytes of data (see <see cref="JackpotPushClientOptions.MaxEventSize"/>).</summary>
    /// <value>The default value is 1 MiB (<see cref="SseEventParser.DefaultMaxEventSize"/>).</value>
    public int MaxEventSize { get; set; } = SseEventParser.DefaultMaxEventSize;

    /// <summary>Gets or sets which HTTP version the event streams use (see <see cref="JackpotPushClientOptions.Protocol"/>):
    /// <c>Negotiate</c>, <c>Http11</c> or <c>Http2</c>.</summary>
    /// <value>The default value is null: the registered HTTP client's <see cref="HttpClient.DefaultRequestVersion"/> and
    /// <see cref="HttpClient.DefaultVersionPolicy"/>, which the registration sets to negotiate HTTP/2 over TLS.</value>
    public JackpotPushProtocol? Protocol { get; set; }

    /// <summary>Gets the extra request headers sent with every subscribe request, by header name (for example
    /// <c>Authorization</c>). Names are compared ignoring case, as configuration keys are.</summary>
    /// <value>The default value is empty.</value>
    public IDictionary<string, string> ExtraHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets how dropped connections are retried (see <see cref="JackpotPushClientOptions.Reconnect"/>).</summary>
    /// <value>The default value has the defaults of <see cref="ReconnectPolicy"/>.</value>
    public JackpotPushReconnectSettings Reconnect { get; } = new();

    /// <summary>Maps the settings to client options. Call after validation: an invalid setting throws here.</summary>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    internal JackpotPushClientOptions ToClientOptions() => ToClientOptions(
        string.IsNullOrWhiteSpace(Endpoint) ? JackpotPushEndpoint.DefaultSubscribeUri : new Uri(Endpoint.Trim(), UriKind.Absolute),
        Reconnect.ToPolicy());

    /// <summary>Maps the settings to client options with a given endpoint and policy, without throwing: a blank
    /// workspace maps to none (which the options' rules report).</summary>
    internal JackpotPushClientOptions ToClientOptions(Uri endpoint, ReconnectPolicy reconnect) => new()
    {
        Endpoint = endpoint,
        Workspace = string.IsNullOrWhiteSpace(Workspace) ? default : new WorkspaceId(Workspace),
        Linger = Linger,
        IdleTimeout = IdleTimeout,
        MaxEventSize = MaxEventSize,
        Protocol = Protocol,
        ExtraHeaders = [.. ExtraHeaders],
        Reconnect = reconnect,
    };
}
