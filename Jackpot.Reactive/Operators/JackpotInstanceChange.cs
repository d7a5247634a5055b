namespace Jackpot.Reactive;

/// <summary>Why the current instance of a jackpot changed (see <see cref="JackpotInstanceChange"/>).</summary>
public enum InstanceChangeCause
{
    /// <summary>The jackpot was seen for the first time, through a value update.</summary>
    Initial,

    /// <summary>This player won the previous instance (<see cref="JackpotWon"/>).</summary>
    WonByPlayer,

    /// <summary>Another player won the previous instance (<see cref="JackpotWonByOther"/>).</summary>
    WonByOther,

    /// <summary>
    /// A value update of a newer instance arrived without a win having been seen, e.g. because the win was sent while
    /// the connection was down.
    /// </summary>
    Observed,
}

/// <summary>The current instance of a jackpot changed; emitted by <see cref="JackpotObservable.DetectInstanceChanges"/>.</summary>
/// <param name="Jackpot">The jackpot.</param>
/// <param name="Previous">
/// The instance that was current before; <see langword="null"/> when <paramref name="Cause"/> is
/// <see cref="InstanceChangeCause.Initial"/>. When a win is the first event seen of a jackpot, the won instance.
/// </param>
/// <param name="Current">The instance that is current now.</param>
/// <param name="Cause">Why the instance changed.</param>
/// <param name="Trigger">The event that revealed the change.</param>
public sealed record JackpotInstanceChange(
    JackpotId Jackpot,
    JackpotInstanceId? Previous,
    JackpotInstanceId Current,
    InstanceChangeCause Cause,
    JackpotEvent Trigger);
