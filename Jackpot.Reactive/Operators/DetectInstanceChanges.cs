using System.Reactive.Linq;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>
    /// Reports each change of a jackpot's current instance exactly once: its first sight, a win, or a newer instance
    /// observed without a win.
    /// </summary>
    /// <param name="source">The events, e.g. a broadcast channel merged with a player channel.</param>
    /// <returns>The changes, in the order of the events that revealed them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <remarks>
    /// <para>
    /// Per jackpot: the first <see cref="JackpotValueUpdated"/> yields <see cref="InstanceChangeCause.Initial"/>
    /// (<c>Previous</c> is <see langword="null"/>). A <see cref="JackpotWon"/> or <see cref="JackpotWonByOther"/> yields
    /// <see cref="InstanceChangeCause.WonByPlayer"/> or <see cref="InstanceChangeCause.WonByOther"/> from the current
    /// instance to the win's <c>NewInstance</c>; when the win is the first event seen of the jackpot, <c>Previous</c> is the
    /// won instance. A second report of the same win (the player's <c>jackpot_won</c> and the broadcast
    /// <c>jackpot_won_other</c>) yields nothing, and so does a win whose new instance is already current because a value
    /// update of it came first: the change was already reported, as <see cref="InstanceChangeCause.Observed"/>.
    /// A value update of a newer instance yields <see cref="InstanceChangeCause.Observed"/>.
    /// </para>
    /// <para>
    /// A value update of a superseded instance is stale and yields nothing: instances are compared by their
    /// <c>&lt;jackpot&gt;_&lt;n&gt;</c> ordinal when both ids have that form (<c>f8f21i6__12</c> is instance 12 of
    /// jackpot <c>f8f21i6_</c>); otherwise an instance is stale when it is among the last 32 instances of that jackpot
    /// that were replaced, and newer when it is not. <see cref="UnknownJackpotEvent"/>s are ignored.
    /// </para>
    /// <para>
    /// Completion and errors pass through at once; disposal unsubscribes from <paramref name="source"/>. No scheduler is
    /// involved: changes are emitted on the thread that delivered the triggering event. State is kept per subscription.
    /// </para>
    /// </remarks>
    public static IObservable<JackpotInstanceChange> DetectInstanceChanges(this IObservable<JackpotEvent> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Observable.Create<JackpotInstanceChange>(observer =>
        {
            var detector = new DetectInstanceChangesSink();
            return source.Subscribe(
                jackpotEvent =>
                {
                    if (detector.Observe(jackpotEvent) is { } change)
                    {
                        observer.OnNext(change);
                    }
                },
                observer.OnError,
                observer.OnCompleted);
        });
    }
}

/// <summary>Turns jackpot events into instance changes, keeping one <see cref="InstanceTracker"/> per jackpot.</summary>
internal sealed class DetectInstanceChangesSink
{
    private readonly Dictionary<JackpotId, InstanceTracker> _trackers = [];

    /// <summary>Records an event.</summary>
    /// <param name="jackpotEvent">The event.</param>
    /// <returns>The change the event reveals, or <see langword="null"/> when it reveals none.</returns>
    public JackpotInstanceChange? Observe(JackpotEvent jackpotEvent)
    {
        switch (jackpotEvent)
        {
            case JackpotValueUpdated value:
                var tracker = InstanceTracker.For(_trackers, value.Jackpot);
                return tracker.ObserveValue(value.Instance, out var previous) switch
                {
                    InstanceObservation.FirstSight =>
                        new JackpotInstanceChange(value.Jackpot, null, value.Instance, InstanceChangeCause.Initial, value),
                    InstanceObservation.Newer =>
                        new JackpotInstanceChange(value.Jackpot, previous, value.Instance, InstanceChangeCause.Observed, value),
                    _ => null,
                };
            case JackpotWon won:
                return ObserveWin(won, won.NewInstance, InstanceChangeCause.WonByPlayer);
            case JackpotWonByOther wonByOther:
                return ObserveWin(wonByOther, wonByOther.NewInstance, InstanceChangeCause.WonByOther);
            default:
                return null;
        }
    }

    private JackpotInstanceChange? ObserveWin(JackpotEvent win, JackpotInstanceId newInstance, InstanceChangeCause cause) =>
        InstanceTracker.For(_trackers, win.Jackpot).ObserveWin(win.Instance, newInstance, out var previous)
            ? new JackpotInstanceChange(win.Jackpot, previous, newInstance, cause, win)
            : null;
}
