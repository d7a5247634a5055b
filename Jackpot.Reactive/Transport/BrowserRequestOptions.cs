namespace Jackpot.Reactive;

/// <summary>
/// The per-request options the runtime's browser (fetch-based) HTTP handler reads from
/// <see cref="HttpRequestMessage.Options"/>, set here without a package from ASP.NET Core: the keys and value types are
/// those of <c>System.Net.Http.BrowserHttpHandler</c> in dotnet/runtime (what
/// <c>SetBrowserResponseStreamingEnabled</c> and <c>SetBrowserRequestCache</c> of
/// <c>Microsoft.AspNetCore.Components.WebAssembly.Http</c> set). Other handlers ignore them.
/// </summary>
internal static class BrowserRequestOptions
{
    /// <summary>The key of the response-streaming switch: true makes the response body a stream read as bytes
    /// arrive; false (or an app's <c>WasmEnableStreamingResponse=false</c>) buffers the whole body first, which for an
    /// endless event stream never ends.</summary>
    public static readonly HttpRequestOptionsKey<bool> EnableStreamingResponse = new("WebAssemblyEnableStreamingResponse");

    /// <summary>The key of the options copied onto fetch's <c>RequestInit</c> (for example <c>cache</c>,
    /// <c>credentials</c>, <c>mode</c>).</summary>
    public static readonly HttpRequestOptionsKey<IDictionary<string, object>> FetchOptions = new("WebAssemblyFetchOptions");

    /// <summary>The fetch option that names the request's cache mode.</summary>
    public const string CacheOption = "cache";

    /// <summary>Fetch's cache mode that neither reads nor writes the HTTP cache: what a <c>Cache-Control</c> request
    /// header would ask for, without the CORS preflight such a header forces.</summary>
    public const string NoStoreCacheMode = "no-store";

    /// <summary>In the browser, asks for a streamed response and for fetch's <c>no-store</c> cache mode (keeping fetch
    /// options a handler further in may have set). Elsewhere it sets nothing: no handler outside the browser reads these
    /// options, and a message's option dictionary would cost every open stream a few hundred bytes.</summary>
    /// <param name="message">The request.</param>
    /// <param name="browser">Whether the request goes through the browser's handler.</param>
    public static void Apply(HttpRequestMessage message, bool browser)
    {
        if (browser)
        {
            message.Options.Set(EnableStreamingResponse, true);
            if (!message.Options.TryGetValue(FetchOptions, out var fetchOptions))
            {
                fetchOptions = new Dictionary<string, object>(StringComparer.Ordinal);
                message.Options.Set(FetchOptions, fetchOptions);
            }

            fetchOptions[CacheOption] = NoStoreCacheMode;
        }
    }
}
