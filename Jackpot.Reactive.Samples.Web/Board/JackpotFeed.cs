using Jackpot.Reactive.Blazor;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples.Web.Board;

/// <summary>
/// The board's streams (a <see cref="JackpotBoardFeed"/>) over the application's one source of channels: a
/// <see cref="JackpotPushClient"/> of its own, or with <c>--cluster</c> the channel grains of the app's own Orleans silo
/// (<c>JackpotClusterChannels</c>). A singleton, so a channel has one connection for all browser tabs, and a page that
/// comes and goes (a reload, a prerender) does not restart it. Against the embedded simulator it also is the board's
/// controls.
/// </summary>
internal sealed class JackpotFeed : IJackpotBoardFeed, IJackpotBoardControls, IAsyncDisposable
{
    private readonly JackpotPushClient? _client;
    private readonly PushEventSimulator? _simulator;
    private readonly JackpotBoardFeed _board;
    private readonly IJackpotChannels _source;

    /// <summary>Creates the feed over a client of its own (disposed with the feed).</summary>
    /// <param name="settings">What to watch.</param>
    /// <param name="endpoint">The subscribe endpoint: the simulator's or the service's.</param>
    /// <param name="simulator">The embedded simulator, or null against the real service.</param>
    /// <param name="loggerFactory">The application's loggers.</param>
    public JackpotFeed(WebBoardSettings settings, Uri endpoint, PushEventSimulator? simulator, ILoggerFactory loggerFactory)
        : this(
            settings,
            new JackpotPushClient(new JackpotPushClientOptions { Endpoint = endpoint, Workspace = settings.Workspace }, httpClient: null, scheduler: null, loggerFactory),
            simulator)
    {
        _client = (JackpotPushClient)_source;
    }

    /// <summary>Creates the feed over a source of channels the application owns (the cluster's channels).</summary>
    /// <param name="settings">What to watch.</param>
    /// <param name="channels">The source; not disposed with the feed.</param>
    /// <param name="simulator">The embedded simulator, or null against the real service.</param>
    public JackpotFeed(WebBoardSettings settings, IJackpotChannels channels, PushEventSimulator? simulator)
    {
        _simulator = simulator;
        _source = channels;
        _board = new JackpotBoardFeed(channels, settings.Group, settings.Player, simulator is null ? null : this);
    }


    public PlayerId? Player => _board.Player;

    public IObservable<JackpotEvent> Events => _board.Events;

    public IObservable<ChannelStatus> BroadcastStatus => _board.BroadcastStatus;

    public IObservable<ChannelStatus>? PlayerStatus => _board.PlayerStatus;

    public IJackpotBoardControls? Controls => _board.Controls;

    public Task MakePlayerWinAsync()
    {
        if (_simulator is not null && Player is { } player)
        {
            var jackpots = _simulator.GetJackpots();
            _simulator.MakePlayerWin(player, jackpots[Random.Shared.Next(jackpots.Count)].Jackpot);
        }

        return Task.CompletedTask;
    }

    public Task DropConnectionsAsync()
    {
        _simulator?.DropConnections();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _client?.DisposeAsync() ?? ValueTask.CompletedTask;
}
