using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Runtime.InteropServices;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>
    /// Turns value updates into meter readings that count smoothly from the shown amount to each new value. Frames are
    /// timed on the default scheduler of time-based operators (<see cref="DefaultScheduler.Instance"/>).
    /// </summary>
    /// <param name="source">The events.</param>
    /// <param name="frame">The time between two readings of an animation; positive.</param>
    /// <param name="duration">How long an animation to a new value takes; <see cref="TimeSpan.Zero"/> jumps at once.</param>
    /// <returns>The meter readings of every jackpot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="frame"/> is zero or negative, or <paramref name="duration"/> is negative.
    /// </exception>
    /// <remarks>See <see cref="Tween(IObservable{JackpotEvent}, TimeSpan, TimeSpan, IScheduler)"/>.</remarks>
    public static IObservable<JackpotMeterReading> Tween(this IObservable<JackpotEvent> source, TimeSpan frame, TimeSpan duration) =>
        Tween(source, frame, duration, SchedulerDefaults.TimeBasedOperations);

    /// <summary>Turns value updates into meter readings that count smoothly from the shown amount to each new value.</summary>
    /// <param name="source">The events.</param>
    /// <param name="frame">The time between two readings of an animation; positive.</param>
    /// <param name="duration">How long an animation to a new value takes; <see cref="TimeSpan.Zero"/> jumps at once.</param>
    /// <param name="scheduler">The scheduler that times the frames.</param>
    /// <returns>The meter readings of every jackpot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="frame"/> is zero or negative, or <paramref name="duration"/> is negative.
    /// </exception>
    /// <remarks>
    /// <para>
    /// The first value of a jackpot is shown at once (a reading with <c>Amount == Target</c>), as is the first value of a new
    /// instance, a change of currency, a value equal to the amount shown, and every value when <paramref name="duration"/>
    /// is zero. Any other new value starts an animation from the amount shown now: readings at <paramref name="frame"/>,
    /// 2 × <paramref name="frame"/>, … after the value arrived, moving linearly, and a last reading exactly at the target
    /// <paramref name="duration"/> after it (so a <paramref name="frame"/> longer than <paramref name="duration"/> gives
    /// one reading, at <paramref name="duration"/>). A newer value during an animation starts a new one, of the full
    /// duration, from the amount shown; a value equal to the current target changes nothing. Amounts between start and
    /// target are rounded (half to even) to the larger number of decimals of the two, and never leave the range between
    /// them, whether the value rises or falls.
    /// </para>
    /// <para>
    /// A win (<see cref="JackpotWon"/> or <see cref="JackpotWonByOther"/>) stops the jackpot's animation and emits nothing:
    /// the won amount is not a meter value. The next value update of the new instance is shown at once. Late events of
    /// an instance that has been won or replaced are ignored, as <see cref="DetectInstanceChanges"/> decides: by the
    /// <c>&lt;jackpot&gt;_&lt;n&gt;</c> ordinal when both ids have that form (an older instance is stale even when it was
    /// never seen), otherwise by remembering the last 32 replaced instances of each jackpot. Unknown events are ignored.
    /// Jackpots are independent.
    /// </para>
    /// <para>
    /// Nothing is scheduled while no meter moves: each animation schedules its next frame only. On completion of
    /// <paramref name="source"/>, every running animation emits one reading at its target, then the result completes.
    /// An error is passed on at once, without those readings. Disposal cancels every pending frame. Readings of frames are
    /// emitted on <paramref name="scheduler"/>; immediate readings on the thread that delivered the event; both are
    /// serialized by a lock.
    /// </para>
    /// </remarks>
    public static IObservable<JackpotMeterReading> Tween(
        this IObservable<JackpotEvent> source, TimeSpan frame, TimeSpan duration, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frame, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return Observable.Create<JackpotMeterReading>(observer =>
            new TweenSink(observer, frame, duration, scheduler).Run(source));
    }
}

/// <summary>One subscription of <see cref="JackpotObservable.Tween(IObservable{JackpotEvent}, TimeSpan, TimeSpan, IScheduler)"/>.</summary>
internal sealed class TweenSink : SerializedSink<JackpotEvent, JackpotMeterReading>
{
    private readonly TimeSpan _frame;
    private readonly TimeSpan _duration;
    private readonly IScheduler _scheduler;
    private readonly Dictionary<JackpotId, TweenedMeter> _meters = [];

    public TweenSink(IObserver<JackpotMeterReading> observer, TimeSpan frame, TimeSpan duration, IScheduler scheduler)
        : base(observer)
    {
        _frame = frame;
        _duration = duration;
        _scheduler = scheduler;
    }

    public IDisposable Run(IObservable<JackpotEvent> source) =>
        StableCompositeDisposable.Create(source.Subscribe(OnNext, OnError, OnCompleted), this);

    protected override void OnNextCore(JackpotEvent jackpotEvent)
    {
        switch (jackpotEvent)
        {
            case JackpotValueUpdated value:
                OnValue(value);
                break;
            case JackpotWon won:
                OnWin(won, won.NewInstance);
                break;
            case JackpotWonByOther other:
                OnWin(other, other.NewInstance);
                break;
        }
    }

    private void OnValue(JackpotValueUpdated value)
    {
        var meter = MeterOf(value.Jackpot);
        var observation = meter.Instances.ObserveValue(value.Instance, out _);
        if (observation == InstanceObservation.Stale)
            return;
        if (observation != InstanceObservation.Current || meter.AwaitingValue || meter.Instance != value.Instance
            || !string.Equals(meter.Currency, value.Currency, StringComparison.Ordinal))
        {
            Jump(meter, value);
            return;
        }
        if (value.Amount == meter.Target)
            return;
        if (_duration == TimeSpan.Zero || value.Amount == meter.Shown)
        {
            Jump(meter, value);
            return;
        }
        meter.StartAnimation(value.Amount, _scheduler.Now);
        ScheduleNextFrame(meter);
    }

    private void OnWin(JackpotEvent win, JackpotInstanceId newInstance)
    {
        var meter = MeterOf(win.Jackpot);
        if (meter.Instances.IsStaleWin(win.Instance, newInstance))
            return;
        meter.Instances.ObserveWin(win.Instance, newInstance, out _);
        meter.StopAnimation();
        meter.Instance = newInstance;
        meter.AwaitingValue = true;
    }

    private void Jump(TweenedMeter meter, JackpotValueUpdated value)
    {
        meter.JumpTo(value);
        Observer.OnNext(meter.ToReading());
    }

    private void ScheduleNextFrame(TweenedMeter meter)
    {
        meter.FrameIndex++;
        var elapsed = meter.FrameIndex > _duration.Ticks / _frame.Ticks ? _duration : TimeSpan.FromTicks(_frame.Ticks * meter.FrameIndex);
        meter.PendingFrame = _scheduler.Schedule(
            (Meter: meter, meter.Animation, Elapsed: elapsed),
            meter.StartedAt + elapsed,
            (_, state) =>
            {
                OnFrame(state.Meter, state.Animation, state.Elapsed);
                return Disposable.Empty;
            });
    }

    private void OnFrame(TweenedMeter meter, long animation, TimeSpan elapsed)
    {
        lock (Gate)
        {
            if (IsStopped || meter.Animation != animation)
                return;
            meter.PendingFrame = null;
            if (elapsed >= _duration)
            {
                meter.Shown = meter.Target;
                Observer.OnNext(meter.ToReading());
                return;
            }
            meter.Shown = Interpolate(meter.From, meter.Target, elapsed.Ticks / (decimal)_duration.Ticks);
            Observer.OnNext(meter.ToReading());
            if (!IsStopped)
                ScheduleNextFrame(meter);
        }
    }

    /// <summary>The linear point <paramref name="progress"/> of the way, rounded to the values' decimals, kept between them.</summary>
    internal static decimal Interpolate(decimal from, decimal to, decimal progress)
    {
        var decimals = Math.Max(from.Scale, to.Scale);
        var amount = Math.Round(from + ((to - from) * progress), decimals, MidpointRounding.ToEven);
        return Math.Clamp(amount, Math.Min(from, to), Math.Max(from, to));
    }

    private void OnCompleted()
    {
        lock (Gate)
        {
            if (IsStopped)
                return;
            foreach (var meter in _meters.Values.Where(m => m.IsAnimating).ToArray())
            {
                meter.StopAnimation();
                meter.Shown = meter.Target;
                Observer.OnNext(meter.ToReading());
                if (IsStopped)
                    return;
            }
            Complete();
        }
    }

    protected override void CancelPendingWork()
    {
        foreach (var meter in _meters.Values)
            meter.StopAnimation();
    }

    private TweenedMeter MeterOf(JackpotId jackpot) =>
        CollectionsMarshal.GetValueRefOrAddDefault(_meters, jackpot, out _) ??= new TweenedMeter(jackpot);
}
