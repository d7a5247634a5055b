using System.Globalization;
using System.Text;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>One line of the results table: a quantity measured for ours and for its baseline in the same run.</summary>
/// <param name="Area">What is measured.</param>
/// <param name="Quantity">The unit of <paramref name="Ours"/> and <paramref name="Baseline"/>.</param>
/// <param name="Ours">Our figure.</param>
/// <param name="Baseline">The baseline's figure (NaN when there is none).</param>
/// <param name="BaselineName">What the baseline is.</param>
/// <param name="Goal">The goal in words, or "—".</param>
/// <param name="IsMet">Whether the goal is met; null when the row has no goal.</param>
internal sealed record GoalRow(string Area, string Quantity, double Ours, double Baseline, string BaselineName, string Goal, bool? IsMet)
{
    public double Ratio => Ours / Baseline;
}

/// <summary>Prints the results as a Markdown table with ratios (ours / baseline) and goals.</summary>
internal static class GoalTable
{
    public static string Render(IEnumerable<GoalRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| Area | Quantity | Ours | Baseline | Ours / baseline | Goal | Met |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.Area} | {row.Quantity} | {Format(row.Ours)} | ")
                .Append(double.IsNaN(row.Baseline) ? "—" : $"{Format(row.Baseline)} ({row.BaselineName})")
                .Append(" | ")
                .Append(double.IsNaN(row.Baseline) || double.IsNaN(row.Ours) || row.Baseline == 0 ? "—" : row.Ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×")
                .Append(" | ").Append(row.Goal)
                .Append(" | ").Append(row.IsMet switch { true => "met", false => "**missed**", null => "—" })
                .AppendLine(" |");
        }

        return text.ToString();
    }

    public static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        >= 1e6 => (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M",
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.0", CultureInfo.InvariantCulture),
    };
}
