using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Jackpot.Reactive.Blazor;

/// <summary>
/// The streams of a jackpot board over a source of channels (<see cref="IJackpotChannels"/>: a
/// <see cref="JackpotPushClient"/>, or the Orleans package's cluster channels): a group's broadcast channel merged with a
/// player's wins (each win reported once), value updates throttled, and both channels' statuses.
/// </summary>
/// <remarks>
/// Register one per application (a singleton), over the application's one source: a channel then has one connection
/// for all boards, and a board that comes and goes (a reload, a prerender) does not restart it — the source keeps a
/// channel open for its linger after the last subscriber leaves. The feed does not own the source.
/// </remarks>
public sealed class JackpotBoardFeed : IJackpotBoardFeed
{
    /// <summary>How long a player's win and the broadcast's report of it are matched (see <c>MergePlayerWins</c>): 2 seconds.</summary>
    public static readonly TimeSpan ReconcileWindow = TimeSpan.FromSeconds(2);

    /// <summary>The most often one jackpot's value is shown (see <c>ThrottleValues</c>): once a second.</summary>
    public static readonly TimeSpan ValueInterval = TimeSpan.FromSeconds(1);

    /// <summary>Creates the feed.</summary>
    /// <param name="client">The application's source of channels; it is not disposed with the feed.</param>
    /// <param name="group">The jackpot group whose broadcast channel is shown.</param>
    /// <param name="player">The player whose wins are celebrated, or null to follow the broadcast channel only.</param>
    /// <param name="controls">The controls of a simulated service, or null against the real service.</param>
    /// <param name="scheduler">The scheduler of the reconcile window and the throttle, or null for the library's default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="group"/> or <paramref name="player"/> is <see langword="default"/>.</exception>
    /// <remarks>Nothing connects until a board subscribes.</remarks>
    public JackpotBoardFeed(
        IJackpotChannels client,
        JackpotGroupId group,
        PlayerId? player = null,
        IJackpotBoardControls? controls = null,
        IScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var broadcast = ChannelName.Broadcast(client.Workspace, group);
        Player = player;
        Controls = controls;
        BroadcastStatus = client.Status(broadcast);
        var playerEvents = Observable.Never<JackpotEvent>();
        if (player is { } p)
        {
            PlayerStatus = client.Status(ChannelName.Player(client.Workspace, p));
            playerEvents = client.Player(p);
        }

        var events = client.Broadcast(group);
        Events = scheduler is null
            ? events.MergePlayerWins(playerEvents, ReconcileWindow).ThrottleValues(ValueInterval)
            : events.MergePlayerWins(playerEvents, ReconcileWindow, scheduler).ThrottleValues(ValueInterval, scheduler);
    }

    /// <inheritdoc/>
    public PlayerId? Player { get; }

    /// <inheritdoc/>
    public IObservable<JackpotEvent> Events { get; }

    /// <inheritdoc/>
    public IObservable<ChannelStatus> BroadcastStatus { get; }

    /// <inheritdoc/>
    public IObservable<ChannelStatus>? PlayerStatus { get; }

    /// <inheritdoc/>
    public IJackpotBoardControls? Controls { get; }
}
