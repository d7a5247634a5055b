namespace Jackpot.Reactive;

/// <summary>The display state of one jackpot's meter in a <see cref="TweenSink"/>.</summary>
/// <remarks>Not thread-safe: the tweener serializes access by its lock.</remarks>
internal sealed class TweenedMeter(JackpotId jackpot)
{
    public JackpotId Jackpot { get; } = jackpot;

    /// <summary>Gets the jackpot's current and superseded instances, which tell late events apart.</summary>
    public InstanceTracker Instances { get; } = new(jackpot);

    /// <summary>Gets or sets the instance of the amount shown (after a win: the new instance).</summary>
    public JackpotInstanceId Instance { get; set; }

    public string Currency { get; set; } = string.Empty;

    /// <summary>Gets or sets the amount shown now.</summary>
    public decimal Shown { get; set; }

    /// <summary>Gets or sets the amount the animation heads for (the latest value).</summary>
    public decimal Target { get; set; }

    /// <summary>Gets or sets the amount shown when the animation started.</summary>
    public decimal From { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Gets or sets the number of the last frame scheduled in the animation.</summary>
    public long FrameIndex { get; set; }

    /// <summary>Gets the number of the current animation; a frame of an earlier one is ignored.</summary>
    public long Animation { get; private set; }

    /// <summary>Gets or sets whether a win happened and the next value update is shown at once.</summary>
    public bool AwaitingValue { get; set; }

    /// <summary>Gets or sets the scheduled next frame of the animation, if one runs.</summary>
    public IDisposable? PendingFrame { get; set; }

    public bool IsAnimating => PendingFrame is not null;

    /// <summary>Ends the running animation, if any: its pending frame is cancelled and a late one is ignored.</summary>
    public void StopAnimation()
    {
        Animation++;
        PendingFrame?.Dispose();
        PendingFrame = null;
    }

    /// <summary>Shows <paramref name="value"/> at once, ending any animation and any wait for a value after a win.</summary>
    /// <param name="value">The value update.</param>
    public void JumpTo(JackpotValueUpdated value)
    {
        StopAnimation();
        AwaitingValue = false;
        Instance = value.Instance;
        Currency = value.Currency;
        Shown = value.Amount;
        Target = value.Amount;
    }

    /// <summary>Starts an animation from the amount shown to <paramref name="target"/>.</summary>
    /// <param name="target">The new value.</param>
    /// <param name="now">The scheduler's time when the value arrived.</param>
    public void StartAnimation(decimal target, DateTimeOffset now)
    {
        StopAnimation();
        From = Shown;
        Target = target;
        StartedAt = now;
        FrameIndex = 0;
    }

    public JackpotMeterReading ToReading() => new(Jackpot, Instance, Currency, Shown, Target);
}
