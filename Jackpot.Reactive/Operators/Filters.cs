using System.Reactive.Linq;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>Keeps the events of one jackpot.</summary>
    /// <param name="source">The events.</param>
    /// <param name="jackpot">The jackpot to keep.</param>
    /// <returns>The events whose <see cref="JackpotEvent.Jackpot"/> is <paramref name="jackpot"/>, of every kind.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="jackpot"/> is <see langword="default"/>.</exception>
    /// <remarks>
    /// <para>
    /// Completion and errors pass through; disposal unsubscribes from <paramref name="source"/>. Events arrive on the
    /// thread that delivered them. To update a UI, observe on its thread last, after the filtering and throttling:
    /// <c>events.ForJackpot(id).ThrottleValues(interval).ObserveOn(SynchronizationContext.Current!)</c> (WinForms,
    /// WPF, MAUI, Blazor), or the framework's scheduler, e.g. <c>ObserveOn(DispatcherScheduler.Current)</c> from
    /// <c>System.Reactive</c>'s WPF support.
    /// </para>
    /// <para>
    /// <see cref="UnknownJackpotEvent"/>s pass when they name the jackpot.
    /// </para>
    /// </remarks>
    public static IObservable<JackpotEvent> ForJackpot(this IObservable<JackpotEvent> source, JackpotId jackpot)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (jackpot.Value.Length == 0)
        {
            throw new ArgumentException("The jackpot id is not set (default value).", nameof(jackpot));
        }

        return source.Where(jackpotEvent => jackpotEvent.Jackpot == jackpot);
    }

    /// <summary>Keeps the value updates (<c>jackpot_value</c>).</summary>
    /// <param name="source">The events.</param>
    /// <returns>The <see cref="JackpotValueUpdated"/> events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <remarks>
    /// Completion and errors pass through; disposal unsubscribes from <paramref name="source"/>. Values arrive on the
    /// thread that delivered them; for a UI, end the pipeline with <c>ObserveOn(SynchronizationContext.Current!)</c> or
    /// the UI framework's scheduler (see <see cref="ForJackpot"/>).
    /// </remarks>
    public static IObservable<JackpotValueUpdated> ValueUpdates(this IObservable<JackpotEvent> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.OfType<JackpotValueUpdated>();
    }

    /// <summary>Keeps the wins of both kinds: <see cref="JackpotWon"/> (this player) and <see cref="JackpotWonByOther"/>.</summary>
    /// <param name="source">The events.</param>
    /// <returns>The win events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <remarks>
    /// A player's win usually arrives twice when both channels are merged: tell them apart by type, or merge the streams
    /// with the operator that reconciles them. Completion and errors pass through; disposal unsubscribes from
    /// <paramref name="source"/>. Wins arrive on the thread that delivered them; for a UI, end the pipeline with
    /// <c>ObserveOn(SynchronizationContext.Current!)</c> or the UI framework's scheduler (see <see cref="ForJackpot"/>).
    /// </remarks>
    public static IObservable<JackpotEvent> Wins(this IObservable<JackpotEvent> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Where(jackpotEvent => jackpotEvent is JackpotWon or JackpotWonByOther);
    }
}
