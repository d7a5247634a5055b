using Jackpot.Reactive.Samples.Web.Board;
using Jackpot.Reactive.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Jackpot.Reactive.Samples.Wasm;

/// <summary>
/// The host of the board in the browser: the embedded simulator (unless the settings name the real service), the
/// browser app's files, and the <c>appsettings.json</c> that tells the app what to watch (see <see cref="BrowserAppSettings"/>).
/// </summary>
/// <remarks>
/// The browser connects to the service itself: across origins to the simulator (which serves CORS) or the service, or,
/// with <c>--same-origin true</c>, to this host's <c>/subscribe</c>, which forwards to it (<see cref="SubscribeProxy"/>).
/// </remarks>
internal sealed class WasmBoardHost : IAsyncDisposable
{
    /// <summary>The configuration key that serves the service on the app's own origin.</summary>
    public const string SameOriginKey = "same-origin";

    private readonly WebApplication _app;
    private readonly SubscribeProxy? _proxy;

    private WasmBoardHost(WebApplication app, PushEventSimulator? simulator, SubscribeProxy? proxy, WebBoardSettings settings)
    {
        _app = app;
        _proxy = proxy;
        Simulator = simulator;
        Settings = settings;
    }

    /// <summary>Gets what the board watches.</summary>
    public WebBoardSettings Settings { get; }

    /// <summary>Gets the embedded simulator, or null against the real service.</summary>
    public PushEventSimulator? Simulator { get; }

    /// <summary>Gets the address the board is served on, e.g. <c>http://127.0.0.1:5071/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts the simulator (when needed) and the host.</summary>
    /// <param name="args">The command line: ASP.NET Core's settings (<c>--urls</c>, …), the board's (<c>--endpoint</c>,
    /// <c>--workspace</c>, <c>--group</c>, <c>--player</c>), <c>--client services|constructor</c> and
    /// <c>--same-origin true</c>.</param>
    /// <param name="configure">Changes the builder before the app is built (tests: logging), or null.</param>
    /// <param name="simulatorOptions">The embedded simulator's options, or null for the defaults with CORS for any origin.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running host.</returns>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid.</exception>
    public static async Task<WasmBoardHost> StartAsync(
        string[] args,
        Action<WebApplicationBuilder>? configure = null,
        PushEventSimulatorOptions? simulatorOptions = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WasmBoardHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Serves the browser app from the build output in every environment; a published host has its own wwwroot.
        builder.WebHost.UseStaticWebAssets();
        var settings = WebBoardSettings.FromConfiguration(builder.Configuration);
        var client = BrowserAppSettings.ReadClient(builder.Configuration);
        bool sameOrigin = ReadSameOrigin(builder.Configuration);
        var simulator = settings.UsesSimulator
            ? await PushEventSimulator.StartAsync(
                simulatorOptions ?? new PushEventSimulatorOptions { Cors = new SimulatorCorsOptions() }, cancellationToken).ConfigureAwait(false)
            : null;
        SubscribeProxy? proxy = null;
        try
        {
            var service = simulator?.SubscribeUri ?? settings.Endpoint!;
            configure?.Invoke(builder);
            var app = builder.Build();
            proxy = sameOrigin ? new SubscribeProxy(service) : null;
            var appSettings = new BrowserAppSettings(settings, client, service, sameOrigin, controls: simulator is not null);
            app.MapGet(BrowserAppSettings.Path, appSettings.WriteAsync);
            if (proxy is not null)
                app.MapGet(SubscribeProxy.Path, proxy.ForwardAsync);
            if (simulator is not null)
                MapSimulatorControls(app, simulator, settings);
            app.UseBlazorFrameworkFiles();
            app.UseStaticFiles();
            app.MapFallbackToFile("index.html");

            var host = new WasmBoardHost(app, simulator, proxy, settings);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            host.Address = ResolveAddress(app);
            return host;
        }
        catch
        {
            proxy?.Dispose();
            if (simulator is not null)
                await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the app is asked to stop (Ctrl+C, SIGTERM).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the app shuts down.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the host and the simulator.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _proxy?.Dispose();
        if (Simulator is not null)
            await Simulator.DisposeAsync().ConfigureAwait(false);
    }

    private static bool ReadSameOrigin(ConfigurationManager configuration) => configuration[SameOriginKey] switch
    {
        null or "" or "false" => false,
        "true" => true,
        var other => throw new InvalidOperationException($"--{SameOriginKey} must be true or false, not '{other}'."),
    };

    /// <summary>The buttons of the board: POST <c>/simulator/win</c> and <c>/simulator/drop</c>, for the embedded simulator only.</summary>
    private static void MapSimulatorControls(WebApplication app, PushEventSimulator simulator, WebBoardSettings settings)
    {
        app.MapPost("/simulator/win", () =>
        {
            if (settings.Player is not { } player)
                return Results.NotFound();
            var jackpots = simulator.GetJackpots();
            simulator.MakePlayerWin(player, jackpots[Random.Shared.Next(jackpots.Count)].Jackpot);
            return Results.NoContent();
        });
        app.MapPost("/simulator/drop", () =>
        {
            simulator.DropConnections();
            return Results.NoContent();
        });
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
