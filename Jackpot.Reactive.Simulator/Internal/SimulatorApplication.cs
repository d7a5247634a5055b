using System.Security.Cryptography.X509Certificates;

namespace Jackpot.Reactive.Simulator;

/// <summary>Builds the simulator's web application; shared by <see cref="PushEventSimulator"/> and the standalone program.</summary>
internal static class SimulatorApplication
{
    /// <summary>How long stopping waits for requests to finish (streams end at once when the simulator stops).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    public static WebApplication Build(
        PushEventSimulatorOptions options,
        IReadOnlyList<string> urls,
        SubscribeEndpoint endpoint,
        bool consoleLogging,
        TransportConnections transportConnections,
        X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorApplication).Assembly.GetName().Name,
            Args = [],
        });
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => SimulatorKestrel.Configure(kestrel, options, transportConnections, certificate));

        // The host of an embedded simulator must not take over Ctrl+C or SIGTERM from the application that embeds it.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Logging.ClearProviders();
        if (consoleLogging)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        var app = builder.Build();
        CorsResponder.Use(app, options.Cors);
        app.MapGet(SubscribeEndpoint.SubscribePath, (RequestDelegate)endpoint.SubscribeAsync);
        app.MapGet(SubscribeEndpoint.RedirectPath, (RequestDelegate)SubscribeEndpoint.RedirectAsync);
        app.MapGet("/", (RequestDelegate)(context => context.Response.WriteAsync(
            "Jackpot push-event simulator. Subscribe: GET /subscribe?channel=<WorkspaceId>_broadcast_<JackpotGroupId> " +
            "or <WorkspaceId>_user_<PlayerId>.\n")));
        return app;
    }

    private sealed class EmbeddedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
