using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>
    /// Emits at most one value update per jackpot per <paramref name="interval"/> (throttle-latest), on the default
    /// scheduler of time-based operators, <see cref="DefaultScheduler.Instance"/>.
    /// </summary>
    /// <param name="source">The events.</param>
    /// <param name="interval">The shortest time between two value updates of one jackpot.</param>
    /// <returns>The events with value updates conflated per jackpot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is zero or negative.</exception>
    /// <remarks>See <see cref="ThrottleValues(IObservable{JackpotEvent}, TimeSpan, IScheduler)"/>.</remarks>
    public static IObservable<JackpotEvent> ThrottleValues(this IObservable<JackpotEvent> source, TimeSpan interval) =>
        ThrottleValues(source, interval, SchedulerDefaults.TimeBasedOperations);

    /// <summary>Emits at most one value update per jackpot per <paramref name="interval"/> (throttle-latest).</summary>
    /// <param name="source">The events.</param>
    /// <param name="interval">The shortest time between two value updates of one jackpot.</param>
    /// <param name="scheduler">The scheduler that runs the interval timers.</param>
    /// <returns>The events with value updates conflated per jackpot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="scheduler"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is zero or negative.</exception>
    /// <remarks>
    /// <para>
    /// Per jackpot: a <see cref="JackpotValueUpdated"/> that arrives while the jackpot is idle passes at once and opens an
    /// interval. Updates that arrive within the interval are conflated: only the latest is kept, and it is emitted when the
    /// interval ends, which opens the next interval. When an interval ends with nothing pending the jackpot becomes idle
    /// again. A jackpot that ticks continuously therefore emits once per interval and never starves (unlike Rx's
    /// <c>Throttle</c>, which is a debounce). Jackpots are independent of each other.
    /// </para>
    /// <para>
    /// Wins (<see cref="JackpotWon"/>, <see cref="JackpotWonByOther"/>) and <see cref="UnknownJackpotEvent"/>s pass at
    /// once. A win drops the pending value of its jackpot, which is never emitted after the win, and ends the jackpot's
    /// interval: a new instance has started, so its first value passes at once.
    /// </para>
    /// <para>
    /// On completion of <paramref name="source"/> the pending values are emitted at once, in the order in which they
    /// arrived, then the sequence completes. An error is passed on at once and the pending values are dropped. Disposal
    /// unsubscribes from <paramref name="source"/> and cancels every timer; nothing is emitted after it.
    /// </para>
    /// <para>
    /// Values held back are emitted on <paramref name="scheduler"/>; the rest on the thread that delivered them. Source
    /// notifications and timers are serialized by a lock, so the result never overlaps calls. In steady state an event
    /// conflated within an interval allocates nothing, and each jackpot schedules at most one timer per interval.
    /// </para>
    /// </remarks>
    public static IObservable<JackpotEvent> ThrottleValues(
        this IObservable<JackpotEvent> source,
        TimeSpan interval,
        IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(scheduler);
        return Observable.Create<JackpotEvent>(observer => new ThrottleValuesSink(observer, interval, scheduler).Run(source));
    }
}

/// <summary>One subscription of <see cref="JackpotObservable.ThrottleValues(IObservable{JackpotEvent}, TimeSpan, IScheduler)"/>.</summary>
internal sealed class ThrottleValuesSink : IObserver<JackpotEvent>, IDisposable
{
    private readonly IObserver<JackpotEvent> _downstream;
    private readonly TimeSpan _interval;
    private readonly IScheduler _scheduler;
    private readonly Lock _gate = new();
    private readonly Dictionary<JackpotId, JackpotThrottle> _jackpots = [];
    private readonly SingleAssignmentDisposable _upstream = new();
    private long _arrivals;
    private bool _stopped;

    public ThrottleValuesSink(IObserver<JackpotEvent> downstream, TimeSpan interval, IScheduler scheduler)
    {
        _downstream = downstream;
        _interval = interval;
        _scheduler = scheduler;
    }

    public IDisposable Run(IObservable<JackpotEvent> source)
    {
        _upstream.Disposable = source.SubscribeSafe(this);
        return this;
    }

    public void OnNext(JackpotEvent value)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            switch (value)
            {
                case JackpotValueUpdated update:
                    OnValue(update);
                    break;
                case JackpotWon or JackpotWonByOther:
                    if (_jackpots.TryGetValue(value.Jackpot, out var jackpot))
                    {
                        EndInterval(jackpot);
                    }

                    _downstream.OnNext(value);
                    break;
                default:
                    _downstream.OnNext(value);
                    break;
            }
        }
    }

    public void OnError(Exception error)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            EndAllIntervals();
            _downstream.OnError(error);
        }

        _upstream.Dispose();
    }

    public void OnCompleted()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            var pending = new List<JackpotThrottle>();
            foreach (var jackpot in _jackpots.Values)
            {
                if (jackpot.Pending is not null)
                {
                    pending.Add(jackpot);
                }
            }

            pending.Sort(static (left, right) => left.PendingArrival.CompareTo(right.PendingArrival));
            var values = pending.ConvertAll(static jackpot => jackpot.Pending!);
            EndAllIntervals();
            foreach (var value in values)
            {
                _downstream.OnNext(value);
            }

            _downstream.OnCompleted();
        }

        _upstream.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            EndAllIntervals();
        }

        _upstream.Dispose();
    }

    private void OnValue(JackpotValueUpdated update)
    {
        if (!_jackpots.TryGetValue(update.Jackpot, out var jackpot))
        {
            jackpot = new JackpotThrottle(this);
            _jackpots.Add(update.Jackpot, jackpot);
        }

        if (jackpot.IntervalOpen)
        {
            jackpot.Pending = update;
            jackpot.PendingArrival = ++_arrivals;
            return;
        }

        // The interval opens before the value is emitted, so that a disposal from inside the observer cancels its timer.
        StartInterval(jackpot);
        _downstream.OnNext(update);
    }

    private void OnIntervalEnd(IntervalEnd end)
    {
        lock (_gate)
        {
            var jackpot = end.Jackpot;
            if (_stopped || !jackpot.IntervalOpen || jackpot.Generation != end.Generation)
            {
                return;
            }

            jackpot.Timer = null;
            if (jackpot.Pending is { } pending)
            {
                jackpot.Pending = null;
                StartInterval(jackpot);
                _downstream.OnNext(pending);
            }
            else
            {
                jackpot.IntervalOpen = false;
            }
        }
    }

    private void StartInterval(JackpotThrottle jackpot)
    {
        jackpot.IntervalOpen = true;
        int generation = ++jackpot.Generation;
        var timer = _scheduler.Schedule(
            new IntervalEnd(jackpot, generation),
            _interval,
            static (_, end) =>
            {
                end.Jackpot.Owner.OnIntervalEnd(end);
                return Disposable.Empty;
            });

        // A scheduler that runs the work inline has already ended (or restarted) this interval.
        if (jackpot.IntervalOpen && jackpot.Generation == generation)
        {
            jackpot.Timer = timer;
        }
        else
        {
            timer.Dispose();
        }
    }

    private static void EndInterval(JackpotThrottle jackpot)
    {
        jackpot.Pending = null;
        jackpot.IntervalOpen = false;
        jackpot.Generation++;
        var timer = jackpot.Timer;
        jackpot.Timer = null;
        timer?.Dispose();
    }

    private void EndAllIntervals()
    {
        foreach (var jackpot in _jackpots.Values)
        {
            EndInterval(jackpot);
        }
    }

    /// <summary>The throttling state of one jackpot.</summary>
    private sealed class JackpotThrottle(ThrottleValuesSink owner)
    {
        public ThrottleValuesSink Owner { get; } = owner;

        public JackpotValueUpdated? Pending { get; set; }

        public long PendingArrival { get; set; }

        public bool IntervalOpen { get; set; }

        public int Generation { get; set; }

        public IDisposable? Timer { get; set; }
    }

    /// <summary>The state of a scheduled interval end: which jackpot, and which of its intervals.</summary>
    private readonly record struct IntervalEnd(JackpotThrottle Jackpot, int Generation);
}
