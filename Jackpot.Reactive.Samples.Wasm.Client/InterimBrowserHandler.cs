using Microsoft.Extensions.Http;

namespace Jackpot.Reactive.Samples.Wasm.Client;

/// <summary>
/// INTERIM, until the library's defaults fit the browser: its default handler is a SocketsHttpHandler, which the
/// browser does not have. Delete this file and its two calls in <see cref="BrowserBoard"/> then.
/// </summary>
internal static class InterimBrowserHandler
{
    /// <summary>Drops the library's primary handler from the named client: the factory's default is the fetch handler.</summary>
    public static void Apply(IHttpClientBuilder builder) =>
        builder.Services.Configure<HttpClientFactoryOptions>(builder.Name, factory => factory.HttpMessageHandlerBuilderActions.Clear());

    /// <summary>Creates the client over the browser's own <see cref="HttpClient"/>.</summary>
    public static JackpotPushClient Create(JackpotPushClientOptions options) =>
        new(options, new HttpClient(), scheduler: null, loggerFactory: null);
}
