using System.Reactive;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// Recorded notifications drawn as marbles with a value legend, to paste into a hand-written marble test: the
/// <see cref="Marbles"/> go into <c>Hot</c>, <c>Cold</c> or <c>ToBe</c>, and <see cref="Values"/> (or the values the
/// <see cref="Legend"/> describes) are its values.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
public sealed class MarbleDrawing<T>
{
    internal MarbleDrawing(string marbles, IReadOnlyList<string> legend, IReadOnlyDictionary<char, T> values, TimeSpan frameLength)
    {
        Marbles = marbles;
        Legend = legend;
        Values = values;
        FrameLength = frameLength;
    }

    /// <summary>Gets the marbles: one frame per <see cref="FrameLength"/> from the start of the stretch, quiet stretches
    /// of ten frames or more as time progressions in round units (<c>1s --</c>), several notifications of a frame as a
    /// group.</summary>
    public string Marbles { get; }

    /// <summary>Gets the legend: one line per symbol, <c>a = JackpotValueUpdated { J1 J1_1 372.20 EUR … }</c>.</summary>
    public IReadOnlyList<string> Legend { get; }

    /// <summary>Gets the value of each symbol.</summary>
    public IReadOnlyDictionary<char, T> Values { get; }

    /// <summary>Gets the time of one frame.</summary>
    public TimeSpan FrameLength { get; }

    /// <summary>Returns the marbles and the legend, one per line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("\n", [Marbles, .. Legend]);
}

/// <summary>Draws recorded notifications as marbles with a value legend (see <see cref="MarbleDrawing{T}"/>).</summary>
public static class MarbleDrawing
{
    /// <summary>Draws notifications recorded between two scheduler times.</summary>
    /// <param name="messages">The notifications with their scheduler times, e.g. a <c>TestScheduler</c> observer's <c>Messages</c>.</param>
    /// <param name="frameLength">The time of one <c>-</c>; at least <see cref="MarbleTestOptions.MinimumFrameLength"/>.</param>
    /// <param name="fromTicks">The scheduler time of frame 0; earlier notifications are left out.</param>
    /// <param name="toTicks">The scheduler time where the stretch ends (excluded); the end of the notifications when null.</param>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <returns>The drawing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frameLength"/> is below the minimum.</exception>
    /// <remarks>Values get the letters and digits in order of first appearance, equal values (by
    /// <see cref="EqualityComparer{T}.Default"/>) the same symbol; characters and one-character strings draw as
    /// themselves. Past 62 distinct values the symbol is <c>?</c>: draw a shorter stretch.</remarks>
    public static MarbleDrawing<T> Draw<T>(IEnumerable<Recorded<Notification<T>>> messages, TimeSpan frameLength, long fromTicks = 0, long? toTicks = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameLength, MarbleTestOptions.MinimumFrameLength);
        var stretch = messages.Where(m => m.Time >= fromTicks && (toTicks is not { } end || m.Time < end)).ToList();
        var notifications = stretch.Select(m => m.Value).ToList();
        var symbols = new ActualSymbols<T>(null, EqualityComparer<T>.Default, []).Assign(notifications);
        var byFrame = stretch
            .Select((m, i) => (Frame: (m.Time - fromTicks) / frameLength.Ticks, Symbol: symbols[i], m.Value))
            .GroupBy(m => m.Frame)
            .ToDictionary(g => g.Key, g => g.ToList());
        long? last = byFrame.Values.SelectMany(v => v).Where(n => n.Value.Kind != NotificationKind.OnNext)
            .Select(n => (long?)n.Frame).FirstOrDefault();
        var line = new MarbleDiagramLine(byFrame.ToDictionary(p => p.Key, p => MarbleAlignment.Cell(p.Value.Select(n => n.Symbol).ToList())), last);
        var syntax = new MarbleSyntax(frameLength.Ticks, MarbleGroupTiming.OneFrame);
        string marbles = MarbleAlignment.Alone(line, new HashSet<long>(), syntax).Actual;

        var values = new Dictionary<char, T>();
        for (int i = 0; i < notifications.Count; i++)
        {
            if (notifications[i].Kind == NotificationKind.OnNext && !MarbleValues.IsSyntax(symbols[i]))
            {
                values.TryAdd(symbols[i], notifications[i].Value);
            }
        }

        var legend = MarbleLegend.Describe(values.Select(v => (v.Key, (object?)v.Value)), null, null, errorsDiffer: false).ToList();
        if (notifications.FirstOrDefault(n => n.Kind == NotificationKind.OnError) is { } error)
        {
            legend.Add("# = " + MarbleValues.DescribeError(error.Exception!));
        }

        return new MarbleDrawing<T>(marbles, legend, values, frameLength);
    }
}
