using System.Reactive.Linq;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples.Web.Board;

/// <summary>
/// The application's one <see cref="JackpotPushClient"/> and the streams the pages share: a singleton, so a channel has
/// one connection for all browser tabs, and a page that comes and goes (a reload, a prerender) does not restart it — the
/// client keeps a channel open for its linger after the last subscriber leaves.
/// </summary>
internal sealed class JackpotFeed : IJackpotFeed, ISimulatorControls, IAsyncDisposable
{
    private static readonly TimeSpan ReconcileWindow = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ValueInterval = TimeSpan.FromSeconds(1);

    private readonly JackpotPushClient _client;
    private readonly PushEventSimulator? _simulator;

    /// <summary>Creates the feed.</summary>
    /// <param name="settings">What to watch.</param>
    /// <param name="endpoint">The subscribe endpoint: the simulator's or the service's.</param>
    /// <param name="simulator">The embedded simulator, or null against the real service.</param>
    /// <param name="loggerFactory">The application's loggers.</param>
    public JackpotFeed(WebBoardSettings settings, Uri endpoint, PushEventSimulator? simulator, ILoggerFactory loggerFactory)
    {
        _simulator = simulator;
        _client = new JackpotPushClient(
            new JackpotPushClientOptions { Endpoint = endpoint, Workspace = settings.Workspace },
            httpClient: null,
            scheduler: null,
            loggerFactory);
        Player = settings.Player;
        var playerEvents = Observable.Never<JackpotEvent>();
        BroadcastStatus = _client.Status(ChannelName.Broadcast(settings.Workspace, settings.Group));
        if (settings.Player is { } player)
        {
            playerEvents = _client.Player(player);
            PlayerStatus = _client.Status(ChannelName.Player(settings.Workspace, player));
        }

        Events = _client.Broadcast(settings.Group)
            .MergePlayerWins(playerEvents, ReconcileWindow)
            .ThrottleValues(ValueInterval);
    }

    public PlayerId? Player { get; }

    public IObservable<JackpotEvent> Events { get; }

    public IObservable<ChannelStatus> BroadcastStatus { get; }

    public IObservable<ChannelStatus>? PlayerStatus { get; }

    public ISimulatorControls? Controls => _simulator is null ? null : this;

    public void MakePlayerWin()
    {
        if (_simulator is null || Player is not { } player)
            return;
        var jackpots = _simulator.GetJackpots();
        _simulator.MakePlayerWin(player, jackpots[Random.Shared.Next(jackpots.Count)].Jackpot);
    }

    public void DropConnections() => _simulator?.DropConnections();

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
