using System.Reactive.Linq;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>Drops value updates of superseded jackpot instances; every other event passes.</summary>
    /// <param name="source">The events.</param>
    /// <returns>The events without stale value updates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <remarks>
    /// <para>
    /// A <see cref="JackpotValueUpdated"/> is stale when its instance has been superseded by a win or by a value update of
    /// a newer instance, exactly as <see cref="DetectInstanceChanges"/> decides: by the <c>&lt;jackpot&gt;_&lt;n&gt;</c>
    /// ordinal when both ids have that form, otherwise by remembering the last 32 replaced instances of each jackpot.
    /// A value update of a newer instance passes (and makes it current); the first one of a jackpot passes.
    /// </para>
    /// <para>
    /// Wins always pass, including a second report of the same win and a late report of an older one: telling the
    /// player's <c>jackpot_won</c> from the broadcast <c>jackpot_won_other</c> of the same win is the job of the merge of
    /// broadcast and player streams, which must see both. Wins still update the current instance.
    /// <see cref="UnknownJackpotEvent"/>s pass untouched.
    /// </para>
    /// <para>
    /// Completion and errors pass through at once; disposal unsubscribes from <paramref name="source"/>. No scheduler is
    /// involved. State is kept per subscription.
    /// </para>
    /// </remarks>
    public static IObservable<JackpotEvent> WhereCurrentInstance(this IObservable<JackpotEvent> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Observable.Create<JackpotEvent>(observer =>
        {
            var filter = new WhereCurrentInstanceSink();
            return source.Subscribe(
                jackpotEvent =>
                {
                    if (filter.IsCurrent(jackpotEvent))
                    {
                        observer.OnNext(jackpotEvent);
                    }
                },
                observer.OnError,
                observer.OnCompleted);
        });
    }
}

/// <summary>Decides which events <see cref="JackpotObservable.WhereCurrentInstance"/> lets through.</summary>
internal sealed class WhereCurrentInstanceSink
{
    private readonly Dictionary<JackpotId, InstanceTracker> _trackers = [];

    /// <summary>Records an event and tells whether it passes.</summary>
    /// <param name="jackpotEvent">The event.</param>
    /// <returns><see langword="false"/> for a value update of a superseded instance.</returns>
    public bool IsCurrent(JackpotEvent jackpotEvent)
    {
        switch (jackpotEvent)
        {
            case JackpotValueUpdated value:
                return InstanceTracker.For(_trackers, value.Jackpot).ObserveValue(value.Instance, out _)
                    != InstanceObservation.Stale;
            case JackpotWon won:
                InstanceTracker.For(_trackers, won.Jackpot).ObserveWin(won.Instance, won.NewInstance, out _);
                return true;
            case JackpotWonByOther wonByOther:
                InstanceTracker.For(_trackers, wonByOther.Jackpot).ObserveWin(wonByOther.Instance, wonByOther.NewInstance, out _);
                return true;
            default:
                return true;
        }
    }
}
