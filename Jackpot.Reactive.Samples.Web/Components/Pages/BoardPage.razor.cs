using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Jackpot.Reactive.Samples.Web.Board;
using Jackpot.Reactive.Samples.Web.Components.Binding;
using Microsoft.AspNetCore.Components;

namespace Jackpot.Reactive.Samples.Web.Components.Pages;

/// <summary>
/// The board: a meter per jackpot counting up (<c>Tween</c>), the jackpot's round, toasts for other players' wins, a
/// celebration for the player's own, both channels' status, and a Spin button whose game round holds jackpot news back
/// (<c>HoldDuringRounds</c>).
/// </summary>
public sealed partial class BoardPage : ReactiveComponentBase
{
    /// <summary>The length of a spin: a game round.</summary>
    internal static readonly TimeSpan SpinDuration = TimeSpan.FromSeconds(4);

    /// <summary>The longest a round holds news back, should a round never end.</summary>
    internal static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(30);

    /// <summary>The time between two meter readings while a meter counts.</summary>
    internal static readonly TimeSpan MeterFrame = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a meter takes to count to a new value (a little less than the values' interval).</summary>
    internal static readonly TimeSpan MeterDuration = TimeSpan.FromMilliseconds(900);

    /// <summary>How long a toast stays.</summary>
    internal static readonly TimeSpan ToastDuration = TimeSpan.FromSeconds(6);

    /// <summary>How long a celebration stays unless dismissed.</summary>
    internal static readonly TimeSpan CelebrationDuration = TimeSpan.FromSeconds(8);

    private readonly BehaviorSubject<bool> _round = new(false);
    private readonly List<JackpotTile> _tiles = [];
    private readonly List<WinToast> _toasts = [];
    private ChannelStatusLine _broadcastStatus = ChannelStatusLine.Connecting;
    private ChannelStatusLine _playerStatus = ChannelStatusLine.Connecting;
    private JackpotWon? _celebration;
    private bool _spinning;
    private int _nextToastId;

    [Inject]
    internal IJackpotFeed Feed { get; set; } = null!;

    [Inject]
    internal IScheduler Scheduler { get; set; } = null!;

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        // README: begin
        // Blazor: a page deriving from ReactiveComponentBase binds in OnInitialized (not while prerendering)
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
