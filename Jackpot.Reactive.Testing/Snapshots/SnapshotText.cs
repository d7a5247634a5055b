using System.Globalization;
using System.Reactive;
using System.Text;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// Writes what a pipeline emitted as text for a snapshot: one line per notification — the time after the start, the
/// kind (<c>next</c>, <c>error</c>, <c>completed</c>) and the value — with formatting that depends on neither the
/// culture nor the machine, so the text is the same on every run and diffs line by line.
/// </summary>
public static class SnapshotText
{
    /// <summary>Renders recorded notifications, e.g. a <c>TestScheduler</c> observer's <c>Messages</c>.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="messages">The notifications with their scheduler times, in order.</param>
    /// <param name="originTicks">The scheduler time written as <c>00:00:00.000</c> (usually the time of the
    /// subscription, or of the replay's start).</param>
    /// <param name="format">Writes a value; when null, <see cref="FormatValue"/>.</param>
    /// <returns>The text: one line per notification, each ending with <c>\n</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    /// <remarks>Times are <c>hh:mm:ss.fff</c> after the origin, with seven decimals when a time is not a whole
    /// millisecond; a time before the origin gets a minus sign.</remarks>
    public static string Render<T>(IEnumerable<Recorded<Notification<T>>> messages, long originTicks = 0, Func<T, string>? format = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        format ??= value => FormatValue(value);
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append(FormatTime(TimeSpan.FromTicks(message.Time - originTicks))).Append("  ");
            switch (message.Value.Kind)
            {
                case NotificationKind.OnNext:
                    text.Append("next       ").Append(OneLine(format(message.Value.Value)));
                    break;
                case NotificationKind.OnError:
                    text.Append("error      ").Append(OneLine(MarbleValues.DescribeError(message.Value.Exception!)));
                    break;
                default:
                    text.Append("completed");
                    break;
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes a value the way <see cref="Render"/> does by default: jackpot events compactly
    /// (<c>JackpotValueUpdated J1 J1_1 372.20 EUR W1_broadcast_G1</c>), a <see cref="JackpotBoard"/> as its entries in
    /// jackpot order, formattable values with the invariant culture, anything else with <see cref="object.ToString"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, on one line.</returns>
    public static string FormatValue(object? value) => value switch
    {
        JackpotBoard board => FormatBoard(board),
        JackpotEvent jackpotEvent => FormatEvent(jackpotEvent),
        _ => OneLine(MarbleValues.DescribeValue(value, complete: false)),
    };

    /// <summary>Writes a time the way <see cref="Render"/> does.</summary>
    /// <param name="time">The time after the origin.</param>
    /// <returns>E.g. <c>00:01:02.345</c>.</returns>
    public static string FormatTime(TimeSpan time)
    {
        string sign = time < TimeSpan.Zero ? "-" : string.Empty;
        var absolute = time.Duration();
        string format = absolute.Ticks % TimeSpan.TicksPerMillisecond == 0 ? @"hh\:mm\:ss\.fff" : @"hh\:mm\:ss\.fffffff";
        string days = absolute.Days > 0 ? absolute.Days.ToString(CultureInfo.InvariantCulture) + "." : string.Empty;
        return sign + days + absolute.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string FormatEvent(JackpotEvent jackpotEvent)
    {
        string newInstance = jackpotEvent switch
        {
            JackpotWonByOther won => " -> " + won.NewInstance.Value,
            JackpotWon won => " -> " + won.NewInstance.Value,
            _ => string.Empty,
        };
        string kind = jackpotEvent is UnknownJackpotEvent ? "Unknown(" + jackpotEvent.Reason + ")" : jackpotEvent.GetType().Name;
        return OneLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{kind} {jackpotEvent.Jackpot} {jackpotEvent.Instance}{newInstance} {jackpotEvent.RawValue} {jackpotEvent.Currency} {jackpotEvent.Channel}"));
    }

    private static string FormatBoard(JackpotBoard board)
    {
        var entries = board.Entries.Values
            .OrderBy(e => e.Jackpot.Value, StringComparer.Ordinal)
            .Select(FormatEntry);
        return "board { " + string.Join("; ", entries) + " }";
    }

    private static string FormatEntry(JackpotBoardEntry entry)
    {
        string amount = entry.Amount.ToString("0.00##", CultureInfo.InvariantCulture);
        string win = entry.LastWin is { } last
            ? " (won " + last.RawValue + (entry.LastWinWasPlayer ? " by the player)" : ")")
            : string.Empty;
        return entry.Jackpot.Value + " " + entry.Instance.Value + " " + amount + " " + entry.Currency + win;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
