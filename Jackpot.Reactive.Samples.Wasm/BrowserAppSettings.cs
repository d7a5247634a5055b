using System.Text.Json.Nodes;
using Jackpot.Reactive.Samples.Web.Board;

namespace Jackpot.Reactive.Samples.Wasm;

/// <summary>
/// The <c>appsettings.json</c> the host serves in place of the browser app's own: the browser app's configuration, which
/// Blazor WebAssembly fetches at start. It holds the client's <c>JackpotPush</c> section (endpoint, workspace) and the
/// board's <c>Board</c> section (group, player, whether the simulator's controls are offered, how the client is built).
/// </summary>
internal sealed class BrowserAppSettings
{
    /// <summary>The path Blazor WebAssembly loads its configuration from.</summary>
    public const string Path = "/appsettings.json";

    /// <summary>The configuration key that says how the browser builds its client: <c>services</c> or <c>constructor</c>.</summary>
    public const string ClientKey = "client";

    private readonly WebBoardSettings _settings;
    private readonly string _client;
    private readonly Uri _service;
    private readonly bool _sameOrigin;
    private readonly bool _controls;

    /// <summary>Creates the settings.</summary>
    /// <param name="settings">What to watch.</param>
    /// <param name="client">How the browser builds its client.</param>
    /// <param name="service">The subscribe endpoint of the service (or simulator).</param>
    /// <param name="sameOrigin">Whether the browser connects to the host's own <c>/subscribe</c>, which forwards to <paramref name="service"/>.</param>
    /// <param name="controls">Whether the host offers the simulator's controls.</param>
    public BrowserAppSettings(WebBoardSettings settings, string client, Uri service, bool sameOrigin, bool controls)
    {
        _settings = settings;
        _client = client;
        _service = service;
        _sameOrigin = sameOrigin;
        _controls = controls;
    }

    /// <summary>Reads <c>--client</c>.</summary>
    /// <exception cref="InvalidOperationException">It is neither <c>services</c> nor <c>constructor</c>.</exception>
    public static string ReadClient(IConfiguration configuration) => configuration[ClientKey] switch
    {
        null or "" => "services",
        "services" => "services",
        "constructor" => "constructor",
        var other => throw new InvalidOperationException($"--{ClientKey} must be services or constructor, not '{other}'."),
    };

    /// <summary>Writes the settings for one request (the same-origin endpoint is the request's own origin).</summary>
    public Task WriteAsync(HttpContext context)
    {
        var endpoint = _sameOrigin
            ? new Uri(new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/"), SubscribeProxy.Path.TrimStart('/'))
            : _service;
        var json = new JsonObject
        {
            ["JackpotPush"] = new JsonObject
            {
                ["Endpoint"] = endpoint.ToString(),
                ["Workspace"] = _settings.Workspace.Value,
            },
            ["Board"] = new JsonObject
            {
                ["Group"] = _settings.Group.Value,
                ["Player"] = _settings.Player?.RawValue,
                ["Controls"] = _controls,
                ["Client"] = _client,
            },
        };
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json.ToJsonString());
    }
}
