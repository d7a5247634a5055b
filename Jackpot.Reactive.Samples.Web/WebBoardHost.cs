using System.Globalization;
using System.Reactive.Concurrency;
using Jackpot.Reactive.Blazor;
using Jackpot.Reactive.Orleans;
using Jackpot.Reactive.Samples.Web.Board;
using Jackpot.Reactive.Samples.Web.Components;
using Jackpot.Reactive.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Localization;

namespace Jackpot.Reactive.Samples.Web;

/// <summary>
/// The web board's host: the embedded simulator (unless the settings name the real service), the application-wide
/// <see cref="JackpotFeed"/>, and the Blazor app with interactive server rendering.
/// </summary>
internal sealed class WebBoardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PushEventSimulator? _simulator;

    private WebBoardHost(WebApplication app, PushEventSimulator? simulator, WebBoardSettings settings)
    {
        _app = app;
        _simulator = simulator;
        Settings = settings;
    }

    /// <summary>Gets what the board watches.</summary>
    public WebBoardSettings Settings { get; }

    /// <summary>Gets the embedded simulator, or null against the real service.</summary>
    public PushEventSimulator? Simulator => _simulator;

    /// <summary>Gets the app's services (tests: the feed, the silo's cluster client).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Gets the address the board is served on, e.g. <c>http://127.0.0.1:5070/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts the simulator (when needed) and the web app.</summary>
    /// <param name="args">The command line: ASP.NET Core's settings (<c>--urls</c>, …) and the board's (<c>--endpoint</c>, …).</param>
    /// <param name="configure">Changes the builder before the app is built (tests: data protection, logging), or null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running host.</returns>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid.</exception>
    public static async Task<WebBoardHost> StartAsync(
        string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = WebBoardSettings.NormalizeArguments(args),
            ApplicationName = typeof(WebBoardHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Serves blazor.web.js and wwwroot from the build output in every environment, not only in Development.
        builder.WebHost.UseStaticWebAssets();
        var settings = WebBoardSettings.FromConfiguration(builder.Configuration);
        var simulator = settings.UsesSimulator
            ? await PushEventSimulator.StartAsync(new PushEventSimulatorOptions(), cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var endpoint = simulator?.SubscribeUri ?? settings.Endpoint!;
            builder.Services.AddRazorComponents().AddInteractiveServerComponents();
            builder.Services.AddSingleton<IScheduler>(DefaultScheduler.Instance);
            if (settings.Cluster)
            {
                // The app is a one-silo cluster: the channel grains hold the upstreams, the board subscribes through them.
                ClusterSilo.Add(builder, settings, endpoint);
                builder.Services.AddSingleton<IJackpotBoardFeed>(services =>
                    new JackpotFeed(settings, services.GetRequiredService<IClusterClient>().JackpotChannels(settings.Workspace), simulator));
            }
            else
            {
                builder.Services.AddSingleton<IJackpotBoardFeed>(services =>
                    new JackpotFeed(settings, endpoint, simulator, services.GetRequiredService<ILoggerFactory>()));
            }
            configure?.Invoke(builder);

            var app = builder.Build();
            app.UseRequestLocalization(BrowserCultures());
            app.UseAntiforgery();
            app.MapStaticAssets();
            app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
            var host = new WebBoardHost(app, simulator, settings);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            host.Address = ResolveAddress(app);
            return host;
        }
        catch
        {
            if (simulator is not null)
                await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the app is asked to stop (Ctrl+C, SIGTERM).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the app shuts down.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the app, the feed's connections and the simulator.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_simulator is not null)
            await _simulator.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Amounts are formatted for the browser's culture: its Accept-Language (any culture the runtime knows), or for the
    /// circuit's requests the culture cookie the page set (see App.razor).
    /// </summary>
    private static RequestLocalizationOptions BrowserCultures()
    {
        var cultures = CultureInfo.GetCultures(CultureTypes.AllCultures)
            .Where(culture => !string.IsNullOrEmpty(culture.Name))
            .ToArray();
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en-US"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider(), new CookieRequestCultureProvider()],
        };
    }

    private static Uri ResolveAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var builder = new UriBuilder(addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address."));
        if (builder.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
            builder.Host = "127.0.0.1";
        return builder.Uri;
    }
}
