using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Runtime.InteropServices;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>
    /// Merges a broadcast channel's events with a player channel's events, reporting a win of this player once, as
    /// <see cref="JackpotWon"/>, even when the broadcast channel also announces it as <see cref="JackpotWonByOther"/>.
    /// Uses the default scheduler of time-based operators (<see cref="DefaultScheduler.Instance"/>) for the window.
    /// </summary>
    /// <param name="broadcast">The broadcast channel's events.</param>
    /// <param name="player">The player channel's events.</param>
    /// <param name="reconcileWindow">
    /// How long a <see cref="JackpotWonByOther"/> is held waiting for the player's own win of that instance;
    /// <see cref="TimeSpan.Zero"/> holds nothing.
    /// </param>
    /// <returns>The merged events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="broadcast"/> or <paramref name="player"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reconcileWindow"/> is negative.</exception>
    /// <remarks>See <see cref="MergePlayerWins(IObservable{JackpotEvent}, IObservable{JackpotEvent}, TimeSpan, IScheduler)"/>.</remarks>
    public static IObservable<JackpotEvent> MergePlayerWins(
        this IObservable<JackpotEvent> broadcast, IObservable<JackpotEvent> player, TimeSpan reconcileWindow) =>
        MergePlayerWins(broadcast, player, reconcileWindow, SchedulerDefaults.TimeBasedOperations);

    /// <summary>
    /// Merges a broadcast channel's events with a player channel's events, reporting a win of this player once, as
    /// <see cref="JackpotWon"/>, even when the broadcast channel also announces it as <see cref="JackpotWonByOther"/>.
    /// </summary>
    /// <param name="broadcast">The broadcast channel's events.</param>
    /// <param name="player">The player channel's events.</param>
    /// <param name="reconcileWindow">
    /// How long a <see cref="JackpotWonByOther"/> is held waiting for the player's own win of that instance;
    /// <see cref="TimeSpan.Zero"/> holds nothing (duplicates are then only removed when the player's win comes first).
    /// </param>
    /// <param name="scheduler">The scheduler that times the window and whose clock dates held events.</param>
    /// <returns>The merged events.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reconcileWindow"/> is negative.</exception>
    /// <remarks>
    /// <para>
    /// A win is identified by jackpot and won instance. A <see cref="JackpotWonByOther"/> whose instance the player has
    /// already won is dropped at once. Otherwise it is held until the player's <see cref="JackpotWon"/> of that instance
    /// arrives (the win is then emitted and the held event dropped) or until <paramref name="reconcileWindow"/> has passed
    /// (the held event is then emitted). A player win arriving after the window still passes: this player's own win is
    /// never swallowed, even at the cost of a second report. Repeated wins of an already reported instance are dropped.
    /// </para>
    /// <para>
    /// While a jackpot has a held event, its later events (value updates, unknown events, other wins) are queued and
    /// released, in arrival order, right after the held event or the <see cref="JackpotWon"/> that replaces it. Events of
    /// other jackpots are never delayed. Value updates and unknown events are otherwise passed through unchanged.
    /// </para>
    /// <para>
    /// Memory: the outcome of the last 16 reconciled instances is kept per jackpot;
    /// an older instance is forgotten, and a late <see cref="JackpotWonByOther"/> of it would be held and reported again.
    /// </para>
    /// <para>
    /// Completion: once the player stream has completed no player win can arrive, so held events are emitted at once and
    /// later ones are not held. The result completes when both streams have completed. Error: an error of either stream
    /// is passed on at once (held and queued events are dropped) and the other stream is unsubscribed. Disposal
    /// unsubscribes both streams and cancels every window timer. Both streams are serialized by a lock; events are
    /// emitted on the thread of the stream that delivered them, or on <paramref name="scheduler"/> when a window ends.
    /// </para>
    /// </remarks>
    public static IObservable<JackpotEvent> MergePlayerWins(
        this IObservable<JackpotEvent> broadcast, IObservable<JackpotEvent> player, TimeSpan reconcileWindow, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        ArgumentNullException.ThrowIfNull(player);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThan(reconcileWindow, TimeSpan.Zero);
        return Observable.Create<JackpotEvent>(observer =>
            new MergePlayerWinsSink(observer, reconcileWindow, scheduler).Run(broadcast, player));
    }
}

/// <summary>One subscription of <see cref="JackpotObservable.MergePlayerWins(IObservable{JackpotEvent}, IObservable{JackpotEvent}, TimeSpan, IScheduler)"/>.</summary>
internal sealed class MergePlayerWinsSink : SerializedSink<JackpotEvent, JackpotEvent>
{
    /// <summary>The number of reconciled instances remembered per jackpot (the documented bound).</summary>
    internal const int ReconciledInstancesPerJackpot = 16;

    private readonly TimeSpan _window;
    private readonly IScheduler _scheduler;
    private readonly Dictionary<JackpotId, JackpotReconciliationState> _jackpots = [];
    private readonly SingleAssignmentDisposable _broadcastSubscription = new();
    private readonly SingleAssignmentDisposable _playerSubscription = new();
    private bool _broadcastCompleted;
    private bool _playerCompleted;

    public MergePlayerWinsSink(IObserver<JackpotEvent> observer, TimeSpan window, IScheduler scheduler)
        : base(observer)
    {
        _window = window;
        _scheduler = scheduler;
    }

    public IDisposable Run(IObservable<JackpotEvent> broadcast, IObservable<JackpotEvent> player)
    {
        _broadcastSubscription.Disposable = broadcast.Subscribe(OnNext, OnError, OnBroadcastCompleted);
        _playerSubscription.Disposable = player.Subscribe(OnNext, OnError, OnPlayerCompleted);
        return StableCompositeDisposable.Create(_broadcastSubscription, _playerSubscription, this);
    }

    protected override void OnNextCore(JackpotEvent jackpotEvent)
    {
        switch (jackpotEvent)
        {
            case JackpotWon won:
                OnPlayerWin(won);
                break;
            case JackpotWonByOther other:
                OnOtherWin(other);
                break;
            default:
                if (_jackpots.TryGetValue(jackpotEvent.Jackpot, out var jackpot) && jackpot.Held is not null)
                    jackpot.Enqueue(jackpotEvent, default);
                else
                    Observer.OnNext(jackpotEvent);
                break;
        }
    }

    private void OnPlayerWin(JackpotWon won)
    {
        var jackpot = GetOrAdd(won.Jackpot);
        if (jackpot.OutcomeOf(won.Instance) == ReconciledWinOutcome.Player)
            return;
        jackpot.Remember(won.Instance, ReconciledWinOutcome.Player);
        if (jackpot.Held is { } held && held.Instance == won.Instance)
        {
            jackpot.ReleaseHold();
            Observer.OnNext(won);
            Drain(jackpot);
        }
        else if (jackpot.Held is not null)
        {
            jackpot.Enqueue(won, default);
        }
        else
        {
            Observer.OnNext(won);
        }
    }

    private void OnOtherWin(JackpotWonByOther other)
    {
        var jackpot = GetOrAdd(other.Jackpot);
        if (jackpot.OutcomeOf(other.Instance) != ReconciledWinOutcome.None)
            return;
        if (jackpot.Held is { } held)
        {
            if (held.Instance != other.Instance)
                jackpot.Enqueue(other, _scheduler.Now);
            return;
        }
        Hold(jackpot, other, _scheduler.Now);
    }

    private void Hold(JackpotReconciliationState jackpot, JackpotWonByOther other, DateTimeOffset arrivedAt)
    {
        var deadline = arrivedAt + _window;
        if (_playerCompleted || deadline <= _scheduler.Now)
        {
            ReportOther(jackpot, other);
            return;
        }
        var timer = _scheduler.Schedule((Jackpot: jackpot, Other: other), deadline, (_, state) =>
        {
            OnWindowEnded(state.Jackpot, state.Other);
            return Disposable.Empty;
        });
        jackpot.SetHold(other, timer);
    }

    private void OnWindowEnded(JackpotReconciliationState jackpot, JackpotWonByOther other)
    {
        lock (Gate)
        {
            if (IsStopped || !ReferenceEquals(jackpot.Held, other))
                return;
            jackpot.ReleaseHold();
            ReportOther(jackpot, other);
            Drain(jackpot);
        }
    }

    private void ReportOther(JackpotReconciliationState jackpot, JackpotWonByOther other)
    {
        jackpot.Remember(other.Instance, ReconciledWinOutcome.Other);
        Observer.OnNext(other);
    }

    private void Drain(JackpotReconciliationState jackpot)
    {
        while (!IsStopped && jackpot.Held is null && jackpot.TryDequeue(out var queued, out var arrivedAt))
        {
            if (queued is JackpotWonByOther other)
            {
                if (jackpot.OutcomeOf(other.Instance) == ReconciledWinOutcome.None)
                    Hold(jackpot, other, arrivedAt);
            }
            else
            {
                Observer.OnNext(queued);
            }
        }
    }

    private void OnBroadcastCompleted()
    {
        lock (Gate)
        {
            _broadcastCompleted = true;
            _broadcastSubscription.Dispose();
            CompleteIfBothDone();
        }
    }

    private void OnPlayerCompleted()
    {
        lock (Gate)
        {
            if (IsStopped)
                return;
            _playerCompleted = true;
            _playerSubscription.Dispose();
            foreach (var jackpot in _jackpots.Values.Where(j => j.Held is not null).ToArray())
            {
                if (IsStopped)
                    return;
                var held = jackpot.Held!;
                jackpot.ReleaseHold();
                ReportOther(jackpot, held);
                Drain(jackpot);
            }
            CompleteIfBothDone();
        }
    }

    private void CompleteIfBothDone()
    {
        if (_broadcastCompleted && _playerCompleted)
            Complete();
    }

    protected override void CancelPendingWork()
    {
        foreach (var jackpot in _jackpots.Values)
            jackpot.ReleaseHold();
    }

    private JackpotReconciliationState GetOrAdd(JackpotId id) =>
        CollectionsMarshal.GetValueRefOrAddDefault(_jackpots, id, out _) ??= new JackpotReconciliationState();
}
