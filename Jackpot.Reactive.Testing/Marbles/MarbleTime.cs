using System.Globalization;

namespace Jackpot.Reactive.Testing;

/// <summary>Formats spans of virtual time the way marbles write time progressions.</summary>
internal static class MarbleTime
{
    /// <summary>Formats <paramref name="ticks"/> as a time progression: whole minutes as <c>2m</c>, whole seconds as
    /// <c>1s</c> or <c>1.5s</c> when the value has at most three decimals, otherwise milliseconds (<c>0.25ms</c>).</summary>
    public static string Format(long ticks)
    {
        if (ticks != 0 && ticks % TimeSpan.TicksPerMinute == 0)
        {
            return (ticks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (ticks != 0 && ticks % TimeSpan.TicksPerMillisecond == 0 && ticks >= TimeSpan.TicksPerSecond)
        {
            decimal seconds = (decimal)ticks / TimeSpan.TicksPerSecond;
            return seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        }

        decimal milliseconds = (decimal)ticks / TimeSpan.TicksPerMillisecond;
        return milliseconds.ToString("0.####", CultureInfo.InvariantCulture) + "ms";
    }
}
