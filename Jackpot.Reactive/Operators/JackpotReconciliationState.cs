namespace Jackpot.Reactive;

/// <summary>How an instance's win was reported by <see cref="MergePlayerWinsSink"/>.</summary>
internal enum ReconciledWinOutcome
{
    None,
    Player,
    Other,
}

/// <summary>The reconciliation state of one jackpot: the held win, the events queued behind it, the recent outcomes.</summary>
internal sealed class JackpotReconciliationState
{
    private readonly JackpotInstanceId[] _instances = new JackpotInstanceId[MergePlayerWinsSink.ReconciledInstancesPerJackpot];
    private readonly ReconciledWinOutcome[] _outcomes = new ReconciledWinOutcome[MergePlayerWinsSink.ReconciledInstancesPerJackpot];
    private Queue<(JackpotEvent Event, DateTimeOffset ArrivedAt)>? _queue;
    private IDisposable? _timer;
    private int _next;

    /// <summary>Gets the held win, if any.</summary>
    public JackpotWonByOther? Held { get; private set; }

    public void SetHold(JackpotWonByOther other, IDisposable timer)
    {
        Held = other;
        _timer = timer;
    }

    /// <summary>Forgets the held win and cancels its timer; the queue stays for draining.</summary>
    public void ReleaseHold()
    {
        Held = null;
        _timer?.Dispose();
        _timer = null;
    }

    public void Enqueue(JackpotEvent jackpotEvent, DateTimeOffset arrivedAt) =>
        (_queue ??= new Queue<(JackpotEvent, DateTimeOffset)>()).Enqueue((jackpotEvent, arrivedAt));

    public bool TryDequeue(out JackpotEvent jackpotEvent, out DateTimeOffset arrivedAt)
    {
        if (_queue is not null && _queue.TryDequeue(out var item))
        {
            (jackpotEvent, arrivedAt) = item;
            return true;
        }
        jackpotEvent = null!;
        arrivedAt = default;
        return false;
    }

    public ReconciledWinOutcome OutcomeOf(JackpotInstanceId instance)
    {
        var index = Array.IndexOf(_instances, instance);
        return index < 0 ? ReconciledWinOutcome.None : _outcomes[index];
    }

    /// <summary>Records an instance's outcome, replacing its earlier one or, for a new instance, the oldest remembered.</summary>
    public void Remember(JackpotInstanceId instance, ReconciledWinOutcome outcome)
    {
        var index = Array.IndexOf(_instances, instance);
        if (index < 0)
        {
            index = _next;
            _instances[index] = instance;
            _next = (_next + 1) % _instances.Length;
        }
        _outcomes[index] = outcome;
    }
}
