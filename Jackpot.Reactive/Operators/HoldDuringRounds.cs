using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>
    /// Holds back the news that would spoil a game round in progress — wins, and the value updates of a jackpot whose win
    /// is held — until the round ends or <paramref name="maxHold"/> has passed since it started. Times
    /// <paramref name="maxHold"/> on the default scheduler of time-based operators, <see cref="DefaultScheduler.Instance"/>.
    /// </summary>
    /// <param name="source">The events.</param>
    /// <param name="roundInProgress">
    /// Whether the player's own game round is in progress: <see langword="true"/> at the round's start (the vendor
    /// widget's <c>gameRoundStart()</c>), <see langword="false"/> at its end (<c>gameRoundEnd()</c>).
    /// </param>
    /// <param name="maxHold">The longest a round holds news back, counted from its start; positive.</param>
    /// <returns>The events, with a round's news released when it ends.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="roundInProgress"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxHold"/> is zero or negative.</exception>
    /// <remarks>See <see cref="HoldDuringRounds(IObservable{JackpotEvent}, IObservable{bool}, TimeSpan, IScheduler)"/>.</remarks>
    public static IObservable<JackpotEvent> HoldDuringRounds(
        this IObservable<JackpotEvent> source, IObservable<bool> roundInProgress, TimeSpan maxHold) =>
        HoldDuringRounds(source, roundInProgress, maxHold, SchedulerDefaults.TimeBasedOperations);

    /// <summary>
    /// Holds back the news that would spoil a game round in progress — wins, and the value updates of a jackpot whose win
    /// is held — until the round ends or <paramref name="maxHold"/> has passed since it started.
    /// </summary>
    /// <param name="source">The events.</param>
    /// <param name="roundInProgress">
    /// Whether the player's own game round is in progress: <see langword="true"/> at the round's start (the vendor
    /// widget's <c>gameRoundStart()</c>), <see langword="false"/> at its end (<c>gameRoundEnd()</c>).
    /// </param>
    /// <param name="maxHold">The longest a round holds news back, counted from its start; positive.</param>
    /// <param name="scheduler">The scheduler that times <paramref name="maxHold"/>.</param>
    /// <returns>The events, with a round's news released when it ends.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxHold"/> is zero or negative.</exception>
    /// <remarks>
    /// <para>
    /// The round signal is a level, not a pair of calls: a round starts when it turns <see langword="true"/> and ends when
    /// it turns <see langword="false"/>. Repeated values change nothing (a second <see langword="true"/> neither starts a
    /// new round nor restarts <paramref name="maxHold"/>); no round is in progress until its first value, which may be
    /// either. It is subscribed before <paramref name="source"/>, so a signal that starts with a value (a
    /// <c>BehaviorSubject&lt;bool&gt;</c>) decides how the source's first events are treated.
    /// </para>
    /// <para>
    /// Outside a round every event passes at once. During a round a win (<see cref="JackpotWon"/>,
    /// <see cref="JackpotWonByOther"/>) is held and its jackpot becomes held: every later event of that jackpot is held
    /// too, so the meter never drops to the new instance's seed before the win is shown. Value updates and unknown events
    /// of jackpots without a held win pass at once.
    /// </para>
    /// <para>
    /// When the round ends the held events are emitted at once, in arrival order, except that the value updates of one
    /// jackpot are conflated to its latest, emitted where that latest one arrived. When <paramref name="maxHold"/> passes
    /// before the end, the same release happens then, and the rest of that round passes at once: the next round starts
    /// with the next <see langword="false"/> then <see langword="true"/>.
    /// </para>
    /// <para>
    /// Completion of <paramref name="source"/> during a round waits for the round to end (or <paramref name="maxHold"/>):
    /// the held events are released, then the result completes; outside a round the result completes at once.
    /// Completion of <paramref name="roundInProgress"/> ends the current round (its held events are released at once) and
    /// no later event is held; the result goes on with <paramref name="source"/>. An error of either input is passed on
    /// at once, the held events are dropped and the other input is unsubscribed. Disposal unsubscribes both inputs and
    /// cancels the timer; nothing is emitted after it.
    /// </para>
    /// <para>
    /// Both inputs may call from any thread: they and the timer are serialized by one lock, so calls to the observer
    /// never overlap. Events are emitted on the thread of the input that caused them (the source, or the signal for a
    /// release at a round's end), or on <paramref name="scheduler"/> when <paramref name="maxHold"/> passes. One timer is
    /// scheduled per round.
    /// </para>
    /// </remarks>
    public static IObservable<JackpotEvent> HoldDuringRounds(
        this IObservable<JackpotEvent> source, IObservable<bool> roundInProgress, TimeSpan maxHold, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(roundInProgress);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxHold, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(scheduler);
        return Observable.Create<JackpotEvent>(observer =>
            new HoldDuringRoundsSink(observer, maxHold, scheduler).Run(source, roundInProgress));
    }
}

/// <summary>One subscription of <see cref="JackpotObservable.HoldDuringRounds(IObservable{JackpotEvent}, IObservable{bool}, TimeSpan, IScheduler)"/>.</summary>
internal sealed class HoldDuringRoundsSink : SerializedSink<JackpotEvent, JackpotEvent>
{
    private readonly TimeSpan _maxHold;
    private readonly IScheduler _scheduler;
    private readonly List<JackpotEvent?> _held = [];
    private readonly Dictionary<JackpotId, int> _heldValueIndex = [];
    private readonly HashSet<JackpotId> _heldJackpots = [];
    private readonly SingleAssignmentDisposable _sourceSubscription = new();
    private readonly SingleAssignmentDisposable _signalSubscription = new();
    private IDisposable? _timer;
    private int _round;
    private bool _inRound;
    private bool _holding;
    private bool _signalCompleted;
    private bool _sourceCompleted;

    public HoldDuringRoundsSink(IObserver<JackpotEvent> observer, TimeSpan maxHold, IScheduler scheduler)
        : base(observer)
    {
        _maxHold = maxHold;
        _scheduler = scheduler;
    }

    public IDisposable Run(IObservable<JackpotEvent> source, IObservable<bool> roundInProgress)
    {
        _signalSubscription.Disposable = roundInProgress.Subscribe(OnSignal, OnError, OnSignalCompleted);
        _sourceSubscription.Disposable = source.Subscribe(OnNext, OnError, OnSourceCompleted);
        return StableCompositeDisposable.Create(_signalSubscription, _sourceSubscription, this);
    }

    protected override void OnNextCore(JackpotEvent value)
    {
        if (!_holding)
        {
            Observer.OnNext(value);
            return;
        }

        switch (value)
        {
            case JackpotWon or JackpotWonByOther:
                _heldJackpots.Add(value.Jackpot);
                _held.Add(value);
                break;
            case JackpotValueUpdated when _heldJackpots.Contains(value.Jackpot):
                // Conflate: the latest value takes the place of the one held before, at its own arrival position.
                if (_heldValueIndex.TryGetValue(value.Jackpot, out int previous))
                    _held[previous] = null;
                _heldValueIndex[value.Jackpot] = _held.Count;
                _held.Add(value);
                break;
            case not JackpotValueUpdated when _heldJackpots.Contains(value.Jackpot):
                _held.Add(value);
                break;
            default:
                Observer.OnNext(value);
                break;
        }
    }

    private void OnSignal(bool inProgress)
    {
        lock (Gate)
        {
            if (IsStopped || _signalCompleted || inProgress == _inRound)
                return;
            _inRound = inProgress;
            if (inProgress)
                StartRound();
            else
                EndHold();
        }
    }

    private void StartRound()
    {
        _holding = true;
        int round = ++_round;
        var timer = _scheduler.Schedule((Sink: this, Round: round), _maxHold, static (_, state) =>
        {
            state.Sink.OnMaxHold(state.Round);
            return Disposable.Empty;
        });

        // A scheduler that runs the work inline has already ended this hold.
        if (_holding && _round == round)
            _timer = timer;
        else
            timer.Dispose();
    }

    private void OnMaxHold(int round)
    {
        lock (Gate)
        {
            if (!IsStopped && _holding && _round == round)
                EndHold();
        }
    }

    /// <summary>Stops holding, releases the held events in order, and completes when the source has completed.</summary>
    private void EndHold()
    {
        _holding = false;
        _round++;
        var timer = _timer;
        _timer = null;
        timer?.Dispose();
        var held = _held.ToArray();
        ClearHeld();
        foreach (var value in held)
        {
            if (IsStopped)
                return;
            if (value is not null)
                Observer.OnNext(value);
        }

        if (_sourceCompleted)
            Complete();
    }

    private void OnSignalCompleted()
    {
        lock (Gate)
        {
            if (IsStopped)
                return;
            _signalCompleted = true;
            _signalSubscription.Dispose();
            if (_holding)
                EndHold();
        }
    }

    private void OnSourceCompleted()
    {
        lock (Gate)
        {
            if (IsStopped)
                return;
            _sourceCompleted = true;
            _sourceSubscription.Dispose();
            if (!_holding)
                Complete();
        }
    }

    protected override void CancelPendingWork()
    {
        _holding = false;
        _round++;
        var timer = _timer;
        _timer = null;
        timer?.Dispose();
        ClearHeld();
        _signalSubscription.Dispose();
        _sourceSubscription.Dispose();
    }

    private void ClearHeld()
    {
        _held.Clear();
        _heldValueIndex.Clear();
        _heldJackpots.Clear();
    }
}
