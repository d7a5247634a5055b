using System.Globalization;
using System.Text;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// A broadcast channel's bytes as the simulator's flood mode sends them: <c>id: n</c> and one JSON payload per event,
/// value updates of a few jackpots counting up, and now and then a <c>jackpot_won_other</c> that starts a new instance.
/// </summary>
internal static class FeedStream
{
    public const string Workspace = "8mQhEnuznUe01IsGOE4mPw";
    public const string Group = "fce39b15-9fc1-42bb-8d96-e65c1d17feac";
    public static readonly string Channel = Workspace + "_broadcast_" + Group;

    /// <summary>Builds the stream.</summary>
    /// <param name="events">How many events.</param>
    /// <param name="jackpots">How many jackpots take turns.</param>
    /// <param name="eventsPerWin">A win every this many events (the jackpot whose turn it is).</param>
    public static byte[] Create(int events, int jackpots, int eventsPerWin)
    {
        var text = new StringBuilder(events * 230);
        var instances = new int[jackpots];
        var amounts = new decimal[jackpots];
        Array.Fill(instances, 1);
        Array.Fill(amounts, 1_000m);
        for (int i = 0; i < events; i++)
        {
            int j = i % jackpots;
            string jackpot = "f8f21i" + j.ToString(CultureInfo.InvariantCulture);
            string instance = jackpot + "__" + instances[j].ToString(CultureInfo.InvariantCulture);
            amounts[j] += 0.10m;
            text.Append("id: ").Append(i + 1).Append('\n').Append("data: ");
            if (i % eventsPerWin == eventsPerWin - 1)
            {
                instances[j]++;
                string next = jackpot + "__" + instances[j].ToString(CultureInfo.InvariantCulture);
                AppendPayload(text, JackpotReasons.WonByOther, instance, jackpot, amounts[j], next);
                amounts[j] = 1_000m;
            }
            else
            {
                AppendPayload(text, JackpotReasons.Value, instance, jackpot, amounts[j], newInstance: null);
            }

            text.Append("\n\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void AppendPayload(StringBuilder text, string reason, string instance, string jackpot, decimal amount, string? newInstance)
    {
        text.Append("{\"reason\":\"").Append(reason)
            .Append("\",\"jackpotInstance\":\"").Append(instance)
            .Append("\",\"jackpot\":\"").Append(jackpot)
            .Append("\",\"channel\":\"").Append(Channel)
            .Append("\",\"currency\":\"EUR\",\"value\":\"").Append(amount.ToString("N2", CultureInfo.InvariantCulture)).Append('"');
        if (newInstance is not null)
        {
            text.Append(",\"jackpotNewInstance\":\"").Append(newInstance).Append('"');
        }

        text.Append('}');
    }
}
