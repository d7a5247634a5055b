using System.Globalization;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Samples;

/// <summary>Formatting shared by the plain and the live board.</summary>
internal static class BoardText
{
    /// <summary>Formats an amount the way the service does: <c>1,408.20</c>.</summary>
    public static string Amount(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Formats a change of amount with its sign: <c>+12.30</c>.</summary>
    public static string Delta(decimal delta) =>
        (delta >= 0 ? "+" : "-") + Math.Abs(delta).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Formats a wall-clock time of the scheduler's clock in local time: <c>12:00:01</c>.</summary>
    public static string Clock(DateTimeOffset now) => now.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Describes a channel status in a few words.</summary>
    public static string Status(ChannelStatus status) => status.State switch
    {
        ChannelState.Connecting => "connecting",
        ChannelState.Open => status.Continuity switch
        {
            StreamContinuity.Resumed => "open (resumed, nothing missed)",
            StreamContinuity.GapPossible => "open (events may have been missed)",
            _ => "open",
        },
        ChannelState.Reconnecting => string.Create(
            CultureInfo.InvariantCulture,
            $"reconnecting (attempt {status.Attempt}, in {status.Delay.TotalSeconds:0.0} s): {status.Cause?.Message}"),
        ChannelState.Failed => $"failed: {status.Cause?.Message}",
        ChannelState.Closed => "closed",
        _ => status.State.ToString(),
    };

    /// <summary>Gets the instance a win started.</summary>
    public static JackpotInstanceId NewInstance(JackpotEvent win) => JackpotEventWriter.NewInstanceOf(win) ?? win.Instance;
}
