using System.Diagnostics.Metrics;
using System.Reactive.Concurrency;
using Jackpot.Reactive;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="JackpotPushClient"/> with a service collection.</summary>
/// <remarks>
/// <para>
/// Each overload registers the client as a singleton (disposed with the container: its streams complete and its
/// connections close), its settings (<see cref="JackpotPushSettings"/>, validated when the host starts, each failure
/// naming its setting), and a named <see cref="HttpClient"/> (<see cref="JackpotPushClientDefaults.HttpClientName"/>) whose
/// primary handler is <see cref="HttpSseTransport.CreateDefaultHandler"/> (in the browser the fetch-based handler;
/// elsewhere TCP keep-alive, redirects, no drain of an abandoned stream). A primary handler set on the returned builder
/// (<c>ConfigurePrimaryHttpMessageHandler(() =&gt; …)</c>) replaces that default, which is then never created; one that
/// adjusts the primary handler (<c>ConfigurePrimaryHttpMessageHandler((handler, services) =&gt; …)</c>) adjusts the
/// default. The client is created on first use, with these services from the container when they are
/// registered: an <see cref="IScheduler"/> for its timers (else the library's default), an <see cref="ILoggerFactory"/>
/// and an <see cref="IMeterFactory"/> for its metrics (else the process-wide meter).
/// </para>
/// <para>
/// The HTTP client's <see cref="HttpClient.Timeout"/> (100 seconds unless configured) bounds only the wait for the
/// response headers: the event stream is read after them and is never cut by it. A timeout is retried like a dropped
/// connection. Calling an overload again adds to the settings; a <see cref="JackpotPushClient"/> registered before is kept.
/// </para>
/// </remarks>
public static class JackpotPushServiceCollectionExtensions
{
    /// <summary>Registers the client with its settings bound from the <c>JackpotPush</c> section of <paramref name="configuration"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (or any configuration with a <c>JackpotPush</c> section).</param>
    /// <returns>The builder of the named HTTP client, to add handlers or configure it the usual way.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IHttpClientBuilder AddJackpotPushClient(this IServiceCollection services, IConfiguration configuration) =>
        AddJackpotPushClient(services, configuration, configure: null);

    /// <summary>Registers the client with settings made in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the settings (at least <see cref="JackpotPushSettings.Workspace"/>).</param>
    /// <returns>The builder of the named HTTP client, to add handlers or configure it the usual way.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IHttpClientBuilder AddJackpotPushClient(this IServiceCollection services, Action<JackpotPushSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, services.AddOptions<JackpotPushSettings>().Configure(configure));
    }

    /// <summary>Registers the client with its settings bound from the <c>JackpotPush</c> section of
    /// <paramref name="configuration"/>, then adjusted in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (or any configuration with a <c>JackpotPush</c> section).</param>
    /// <param name="configure">Adjusts the bound settings, or null.</param>
    /// <returns>The builder of the named HTTP client, to add handlers or configure it the usual way.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IHttpClientBuilder AddJackpotPushClient(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<JackpotPushSettings>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = services.AddOptions<JackpotPushSettings>()
            .Bind(configuration.GetSection(JackpotPushClientDefaults.ConfigurationSectionName));
        if (configure is not null)
        {
            settings.Configure(configure);
        }

        return AddCore(services, settings);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, OptionsBuilder<JackpotPushSettings> settings)
    {
        settings.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JackpotPushSettings>, JackpotPushSettingsValidator>());
        services.TryAddSingleton(CreateClient);
        JackpotPushPrimaryHandler.Register(services);
        return services.AddHttpClient(JackpotPushClientDefaults.HttpClientName)
            .ConfigureHttpClient(NegotiateHttp2);
    }

    /// <summary>The named client's defaults: HTTP/2 over TLS when the server offers it, else HTTP/1.1
    /// (<see cref="JackpotPushProtocol.Negotiate"/>). A later <c>ConfigureHttpClient</c> on the returned builder, or
    /// <see cref="JackpotPushSettings.Protocol"/>, overrides them.</summary>
    private static void NegotiateHttp2(HttpClient client) =>
        (client.DefaultRequestVersion, client.DefaultVersionPolicy) = HttpSseTransport.ToRequestVersion(JackpotPushProtocol.Negotiate);

    private static JackpotPushClient CreateClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<JackpotPushSettings>>().Value.ToClientOptions();
        var httpClient = services.GetRequiredService<IHttpClientFactory>().CreateClient(JackpotPushClientDefaults.HttpClientName);
        return new JackpotPushClient(
            options,
            options.Protocol is { } protocol ? new HttpSseTransport(httpClient, protocol) : new HttpSseTransport(httpClient),
            services.GetService<IScheduler>(),
            services.GetService<ILoggerFactory>(),
            services.GetService<IMeterFactory>());
    }
}
