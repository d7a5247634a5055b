using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Jackpot.Reactive.Blazor;

/// <summary>
/// A jackpot board: a meter per jackpot counting up (<c>Tween</c>), the jackpot's round, toasts for other players' wins,
/// a celebration for the player's own, both channels' status, and a Spin button whose game round holds jackpot news
/// back (<c>HoldDuringRounds</c>); buttons for a simulated service's controls when the feed has them.
/// </summary>
/// <remarks>
/// <para>
/// The streams come from the <see cref="IJackpotBoardFeed"/> registered in dependency injection (required), and every
/// timer runs on the registered <see cref="IScheduler"/>, or on <see cref="DefaultScheduler.Instance"/> when none is.
/// It works in the Server, WebAssembly and Auto render modes; while prerendering it shows its initial state and
/// subscribes nothing (see <see cref="ReactiveComponentBase"/>).
/// </para>
/// <para>
/// The markup carries <c>data-</c> attributes for tests and styles: <c>data-board</c> on the root, with
/// <c>data-interactive</c> once interactive; <c>data-channel</c>/<c>data-state</c> per status badge;
/// <c>data-jackpot</c>, <c>data-amount</c> (with <c>data-target</c>) and <c>data-instance</c> per meter;
/// <c>data-round</c> (<c>idle</c> or <c>running</c>) and <c>data-spin</c>; <c>data-win</c> and <c>data-drop</c> for the
/// controls; <c>data-toast</c> and <c>data-celebration</c>. The styles are in
/// <c>_content/Jackpot.Reactive.Blazor/jackpot-board.css</c>.
/// </para>
/// </remarks>
public sealed partial class JackpotBoardView : ReactiveComponentBase
{
    /// <summary>The default <see cref="SpinDuration"/>: 4 seconds.</summary>
    public static readonly TimeSpan DefaultSpinDuration = TimeSpan.FromSeconds(4);

    /// <summary>The default <see cref="MaxHold"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxHold = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="MeterFrame"/>: 50 milliseconds.</summary>
    public static readonly TimeSpan DefaultMeterFrame = TimeSpan.FromMilliseconds(50);

    /// <summary>The default <see cref="MeterDuration"/>: 900 milliseconds, a little less than the values' interval.</summary>
    public static readonly TimeSpan DefaultMeterDuration = TimeSpan.FromMilliseconds(900);

    /// <summary>The default <see cref="ToastDuration"/>: 6 seconds.</summary>
    public static readonly TimeSpan DefaultToastDuration = TimeSpan.FromSeconds(6);

    /// <summary>The default <see cref="CelebrationDuration"/>: 8 seconds.</summary>
    public static readonly TimeSpan DefaultCelebrationDuration = TimeSpan.FromSeconds(8);

    private readonly BehaviorSubject<bool> _round = new(false);
    private readonly List<JackpotTile> _tiles = [];
    private readonly List<WinToast> _toasts = [];
    private ChannelStatusLine _broadcastStatus = ChannelStatusLine.Connecting;
    private ChannelStatusLine _playerStatus = ChannelStatusLine.Connecting;
    private JackpotWon? _celebration;
    private bool _spinning;
    private int _nextToastId;

    /// <summary>Gets or sets the length of a spin: a game round.</summary>
    /// <value>The default value is <see cref="DefaultSpinDuration"/>.</value>
    [Parameter]
    public TimeSpan SpinDuration { get; set; } = DefaultSpinDuration;

    /// <summary>Gets or sets the longest a round holds news back, should a round never end.</summary>
    /// <value>The default value is <see cref="DefaultMaxHold"/>.</value>
    [Parameter]
    public TimeSpan MaxHold { get; set; } = DefaultMaxHold;

    /// <summary>Gets or sets the time between two meter readings while a meter counts.</summary>
    /// <value>The default value is <see cref="DefaultMeterFrame"/>.</value>
    [Parameter]
    public TimeSpan MeterFrame { get; set; } = DefaultMeterFrame;

    /// <summary>Gets or sets how long a meter takes to count to a new value.</summary>
    /// <value>The default value is <see cref="DefaultMeterDuration"/>.</value>
    [Parameter]
    public TimeSpan MeterDuration { get; set; } = DefaultMeterDuration;

    /// <summary>Gets or sets how long a toast for another player's win stays.</summary>
    /// <value>The default value is <see cref="DefaultToastDuration"/>.</value>
    [Parameter]
    public TimeSpan ToastDuration { get; set; } = DefaultToastDuration;

    /// <summary>Gets or sets how long the celebration of the player's win stays unless dismissed.</summary>
    /// <value>The default value is <see cref="DefaultCelebrationDuration"/>.</value>
    [Parameter]
    public TimeSpan CelebrationDuration { get; set; } = DefaultCelebrationDuration;

    [Inject]
    private IJackpotBoardFeed Feed { get; set; } = null!;

    [Inject]
    private IServiceProvider Services { get; set; } = null!;

    private IScheduler Scheduler { get; set; } = DefaultScheduler.Instance;

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        Scheduler = Services.GetService<IScheduler>() ?? DefaultScheduler.Instance;
        // README: begin
        // Blazor: a component deriving from ReactiveComponentBase binds in OnInitialized (not while prerendering)
        Bind(ChannelStatusLine.Describe(Feed.BroadcastStatus, Scheduler), line => _broadcastStatus = line);

        var updates = Feed.Events                                  // the app-wide feed: one connection per channel
            .HoldDuringRounds(_round, MaxHold, Scheduler)           // _round: a BehaviorSubject<bool> the Spin button drives
            .Publish(events => Observable.Merge(
                events.Tween(MeterFrame, MeterDuration, Scheduler).Select(reading => (Action)(() => Show(reading))),
                events.Wins().Select(win => (Action)(() => Show(win)))));
        Bind(updates, apply => apply());                            // runs on the dispatcher, then re-renders
        // README: end

        if (Feed.PlayerStatus is { } playerStatus)
            Bind(ChannelStatusLine.Describe(playerStatus, Scheduler), line => _playerStatus = line);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _round.Dispose();
    }

    private void Spin()
    {
        if (_spinning || IsDisposed)
            return;
        _spinning = true;
        _round.OnNext(true);
        Bind(Observable.Timer(SpinDuration, Scheduler), _ => EndSpin());
    }

    private void EndSpin()
    {
        // The round's end is shown first: the held news this releases renders after it.
        _spinning = false;
        _round.OnNext(false);
    }

    private void Show(JackpotMeterReading reading)
    {
        var tile = TileOf(reading.Jackpot);
        tile.Instance = reading.Instance;
        tile.Currency = reading.Currency;
        tile.Amount = reading.Amount;
        tile.Target = reading.Target;
    }

    private void Show(JackpotEvent win)
    {
        var (newInstance, mine) = win switch
        {
            JackpotWon won => (won.NewInstance, true),
            JackpotWonByOther other => (other.NewInstance, false),
            _ => (win.Instance, false),
        };
        TileOf(win.Jackpot).Instance = newInstance;
        if (mine)
        {
            _celebration = (JackpotWon)win;
            Bind(Observable.Timer(CelebrationDuration, Scheduler), _ =>
            {
                if (ReferenceEquals(_celebration, win))
                    _celebration = null;
            });
            return;
        }

        var toast = new WinToast(++_nextToastId, win);
        _toasts.Add(toast);
        Bind(Observable.Timer(ToastDuration, Scheduler), _ => _toasts.Remove(toast));
    }

    private void DismissCelebration() => _celebration = null;

    private JackpotTile TileOf(JackpotId jackpot)
    {
        var tile = _tiles.Find(t => t.Jackpot == jackpot);
        if (tile is null)
        {
            tile = new JackpotTile(jackpot);
            _tiles.Add(tile);
        }

        return tile;
    }

    /// <summary>What one jackpot's tile shows.</summary>
    private sealed class JackpotTile(JackpotId jackpot)
    {
        public JackpotId Jackpot { get; } = jackpot;

        public JackpotInstanceId Instance { get; set; }

        public string Currency { get; set; } = "";

        public decimal Amount { get; set; }

        public decimal Target { get; set; }

        public bool Animating => Amount != Target;
    }

    /// <summary>A toast for another player's win.</summary>
    private sealed record WinToast(int Id, JackpotEvent Win);
}
