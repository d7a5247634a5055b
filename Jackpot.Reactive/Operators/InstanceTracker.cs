namespace Jackpot.Reactive;

/// <summary>How an instance id relates to what an <see cref="InstanceTracker"/> knows about its jackpot.</summary>
internal enum InstanceObservation
{
    /// <summary>The jackpot has not been seen before.</summary>
    FirstSight,

    /// <summary>The instance is the current one.</summary>
    Current,

    /// <summary>The instance is newer than the current one.</summary>
    Newer,

    /// <summary>The instance has been superseded: older than the current one, or remembered as replaced.</summary>
    Stale,
}

/// <summary>
/// Tracks the current instance of one jackpot and recognises superseded ones. Instances are compared by their
/// <c>&lt;jackpot&gt;_&lt;n&gt;</c> ordinal when both ids follow that form (<see cref="InstanceOrdering"/>); otherwise
/// an instance is stale only when it is remembered as replaced. The memory of replaced instances is a ring of
/// <see cref="SupersededCapacity"/> ids, so it stays bounded however long the stream runs.
/// </summary>
/// <remarks>Not thread-safe: callers serialize access, as Rx serializes the notifications of one source.</remarks>
internal sealed class InstanceTracker
{
    /// <summary>The number of superseded instances remembered per jackpot by default.</summary>
    public const int DefaultSupersededCapacity = 32;

    private JackpotInstanceId[]? _superseded;
    private int _supersededCount;
    private int _supersededNext;

    /// <summary>Creates a tracker for one jackpot.</summary>
    /// <param name="jackpot">The jackpot whose instances are tracked.</param>
    /// <param name="supersededCapacity">How many superseded instances are remembered.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="supersededCapacity"/> is not positive.</exception>
    public InstanceTracker(JackpotId jackpot, int supersededCapacity = DefaultSupersededCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(supersededCapacity);
        Jackpot = jackpot;
        SupersededCapacity = supersededCapacity;
    }

    /// <summary>Gets the jackpot whose instances are tracked.</summary>
    public JackpotId Jackpot { get; }

    /// <summary>Gets the number of superseded instances remembered at most.</summary>
    public int SupersededCapacity { get; }

    /// <summary>Gets the current instance, or <see langword="null"/> before the jackpot has been seen.</summary>
    public JackpotInstanceId? Current { get; private set; }

    /// <summary>Gets the tracker of a jackpot from a map, adding one on first sight.</summary>
    /// <param name="trackers">The trackers of one stream, by jackpot.</param>
    /// <param name="jackpot">The jackpot.</param>
    /// <returns>The jackpot's tracker.</returns>
    public static InstanceTracker For(Dictionary<JackpotId, InstanceTracker> trackers, JackpotId jackpot)
    {
        if (!trackers.TryGetValue(jackpot, out var tracker))
        {
            tracker = new InstanceTracker(jackpot);
            trackers.Add(jackpot, tracker);
        }

        return tracker;
    }

    /// <summary>Tells how an instance relates to the current one, changing nothing.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>The relation.</returns>
    public InstanceObservation Classify(JackpotInstanceId instance)
    {
        if (Current is not { } current)
        {
            return InstanceObservation.FirstSight;
        }

        if (current == instance)
        {
            return InstanceObservation.Current;
        }

        if (IsRemembered(instance))
        {
            return InstanceObservation.Stale;
        }

        if (InstanceOrdering.TryCompare(Jackpot, instance, current, out var comparison))
        {
            return comparison switch
            {
                > 0 => InstanceObservation.Newer,
                0 => InstanceObservation.Current,
                _ => InstanceObservation.Stale,
            };
        }

        return InstanceObservation.Newer;
    }

    /// <summary>
    /// Tells whether a win is a late report about superseded instances, changing nothing: its won instance is stale, or
    /// its new instance is. As in <see cref="ObserveWin"/>, a win of the current instance is trusted even when the ordinals
    /// disagree: its new instance is stale only when it is remembered as replaced.
    /// </summary>
    /// <param name="won">The instance that was won.</param>
    /// <param name="next">The instance the win started.</param>
    /// <returns><see langword="true"/> when the win is stale; <see langword="false"/> before the jackpot has been seen.</returns>
    public bool IsStaleWin(JackpotInstanceId won, JackpotInstanceId next)
    {
        if (Current is not { } current)
        {
            return false;
        }

        if (current == won)
        {
            return IsRemembered(next);
        }

        return Classify(won) == InstanceObservation.Stale || Classify(next) == InstanceObservation.Stale;
    }

    /// <summary>Records a value update: a first or newer instance becomes the current one.</summary>
    /// <param name="instance">The instance the update is about.</param>
    /// <param name="previous">The instance that was current before, when the current instance changed.</param>
    /// <returns>How <paramref name="instance"/> related to the current instance before the update.</returns>
    public InstanceObservation ObserveValue(JackpotInstanceId instance, out JackpotInstanceId? previous)
    {
        previous = Current;
        var observation = Classify(instance);
        if (observation is InstanceObservation.FirstSight or InstanceObservation.Newer)
        {
            MoveTo(instance);
        }

        return observation;
    }

    /// <summary>
    /// Records a win: <paramref name="won"/> is superseded and <paramref name="next"/> becomes current, unless it is
    /// current already (a second report of the same win) or superseded itself (a late report of an older win).
    /// </summary>
    /// <param name="won">The instance that was won.</param>
    /// <param name="next">The instance the win started.</param>
    /// <param name="previous">
    /// The instance that was current before, when the current instance changed; <paramref name="won"/> when the win is
    /// the first sight of the jackpot.
    /// </param>
    /// <returns><see langword="true"/> when the current instance changed.</returns>
    public bool ObserveWin(JackpotInstanceId won, JackpotInstanceId next, out JackpotInstanceId? previous)
    {
        previous = Current ?? won;
        bool changes = Current is not { } current
            || (current != next && (current == won ? !IsRemembered(next) : Classify(next) == InstanceObservation.Newer));
        if (won != next && won != Current)
        {
            Remember(won);
        }

        if (changes)
        {
            MoveTo(next);
        }

        return changes;
    }

    private void MoveTo(JackpotInstanceId instance)
    {
        if (Current is { } current)
        {
            Remember(current);
        }

        Current = instance;
    }

    private bool IsRemembered(JackpotInstanceId instance)
    {
        var superseded = _superseded;
        for (int i = 0; i < _supersededCount; i++)
        {
            if (superseded![i] == instance)
            {
                return true;
            }
        }

        return false;
    }

    private void Remember(JackpotInstanceId instance)
    {
        if (IsRemembered(instance))
        {
            return;
        }

        _superseded ??= new JackpotInstanceId[SupersededCapacity];
        _superseded[_supersededNext] = instance;
        _supersededNext = (_supersededNext + 1) % SupersededCapacity;
        _supersededCount = Math.Min(_supersededCount + 1, SupersededCapacity);
    }
}
