using Jackpot.Reactive.Blazor;

namespace Jackpot.Reactive.Samples.Wasm.Client;

/// <summary>The board's services in the browser: the app's one <see cref="JackpotPushClient"/> and the board's feed over it.</summary>
internal static class BrowserBoard
{
    /// <summary>Registers the client (as <see cref="BrowserBoardSettings.Client"/> says) and the feed.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configuration">The app's configuration: the <c>JackpotPush</c> and <c>Board</c> sections.</param>
    /// <param name="hostAddress">The address the app was loaded from, where the host offers the simulator's controls.</param>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid.</exception>
    public static void AddServices(IServiceCollection services, IConfiguration configuration, Uri hostAddress)
    {
        var settings = BrowserBoardSettings.FromConfiguration(configuration);
        if (settings.Client == ClientConstruction.Services)
        {
            // The library's defaults: in the browser, the fetch-based handler.
            services.AddJackpotPushClient(configuration);
        }
        else
        {
            var options = ReadOptions(configuration.GetSection(JackpotPushClientDefaults.ConfigurationSectionName));
            services.AddSingleton(_ => new JackpotPushClient(options));
        }

        var controls = settings.Controls ? new HostSimulatorControls(new HttpClient { BaseAddress = hostAddress }) : null;
        services.AddSingleton<IJackpotBoardFeed>(provider =>
            new JackpotBoardFeed(provider.GetRequiredService<JackpotPushClient>(), settings.Group, settings.Player, controls));
    }

    private static JackpotPushClientOptions ReadOptions(IConfiguration section)
    {
        string workspace = section["Workspace"] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("JackpotPush:Workspace is required.");
        return new JackpotPushClientOptions
        {
            Endpoint = section["Endpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint, UriKind.Absolute) : JackpotPushEndpoint.DefaultSubscribeUri,
            Workspace = new WorkspaceId(workspace),
        };
    }
}
