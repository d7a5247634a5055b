namespace Jackpot.Reactive.Simulator;

/// <summary>
/// How a <see cref="PushEventSimulator"/> serves apps of other origins (a Blazor WebAssembly board, a page using
/// <c>EventSource</c>): Cross-Origin Resource Sharing, off unless set (<see cref="PushEventSimulatorOptions.Cors"/>).
/// </summary>
/// <remarks>
/// <para>
/// Every answer to an allowed origin — streams, errors such as 503 and 401 alike — carries
/// <c>Access-Control-Allow-Origin</c> (the origin itself, with <c>Vary: Origin</c>, or <c>*</c> when any origin is allowed)
/// and <c>Access-Control-Expose-Headers: Retry-After</c>, so a script sees the status and the back-off a 503 asks for.
/// </para>
/// <para>
/// A preflight (<c>OPTIONS</c> with <c>Access-Control-Request-Method</c>) is answered with 204, <c>GET</c> and
/// <see cref="AllowedHeaders"/>, unless <see cref="AnswerPreflights"/> is off: then every <c>OPTIONS</c> gets 405 with no
/// CORS header, as from a service set up only for the browser's <c>EventSource</c>, which never sends a preflight.
/// </para>
/// </remarks>
public sealed class SimulatorCorsOptions
{
    /// <summary>The origin that stands for any origin.</summary>
    public const string AnyOrigin = "*";

    /// <summary>How long a browser may cache a preflight's answer: 10 minutes.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    private IReadOnlyList<string> _allowedOrigins = [AnyOrigin];
    private IReadOnlyList<string> _allowedHeaders = ["Last-Event-ID", "Cache-Control"];

    /// <summary>Gets the origins served, e.g. <c>http://127.0.0.1:5090</c>, or <see cref="AnyOrigin"/>.</summary>
    /// <value>The default value is <c>["*"]</c>.</value>
    /// <exception cref="ArgumentException">The list is empty, or holds a value that is neither <c>*</c> nor an http(s)
    /// origin (scheme, host and port only).</exception>
    public IReadOnlyList<string> AllowedOrigins
    {
        get => _allowedOrigins;
        init => _allowedOrigins = Origins(value, nameof(AllowedOrigins));
    }

    /// <summary>Gets the request headers a preflight allows.</summary>
    /// <value>The default value is <c>["Last-Event-ID", "Cache-Control"]</c>: what an SSE client may send besides the
    /// CORS-safelisted <c>Accept</c>.</value>
    /// <exception cref="ArgumentException">The list holds an empty name.</exception>
    public IReadOnlyList<string> AllowedHeaders
    {
        get => _allowedHeaders;
        init => _allowedHeaders = Headers(value, nameof(AllowedHeaders));
    }

    /// <summary>Gets a value indicating whether preflights are answered.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AnswerPreflights { get; init; } = true;

    /// <summary>Gets a value indicating whether any origin is served.</summary>
    public bool AllowsAnyOrigin => _allowedOrigins.Contains(AnyOrigin);

    /// <summary>Gets a value indicating whether an origin is served.</summary>
    /// <param name="origin">The request's <c>Origin</c>.</param>
    /// <returns><see langword="true"/> when it is allowed.</returns>
    public bool Allows(string origin) =>
        AllowsAnyOrigin || _allowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);

    private static string[] Headers(IReadOnlyList<string> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        return values.Any(string.IsNullOrWhiteSpace)
            ? throw new ArgumentException($"{name} cannot hold an empty name.", name)
            : [.. values];
    }

    private static string[] Origins(IReadOnlyList<string> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0)
        {
            throw new ArgumentException($"{name} needs at least one origin, or *.", name);
        }

        foreach (string origin in values)
        {
            bool valid = origin == AnyOrigin
                || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    && uri.PathAndQuery == "/" && origin.TrimEnd('/').Length == uri.GetLeftPart(UriPartial.Authority).Length);
            if (!valid)
            {
                throw new ArgumentException($"'{origin}' is not an origin (scheme://host[:port]) or *.", name);
            }
        }

        return [.. values.Select(origin => origin.TrimEnd('/'))];
    }
}
