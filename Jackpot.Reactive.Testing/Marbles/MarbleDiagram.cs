using System.Text;

namespace Jackpot.Reactive.Testing;

/// <summary>One line of a diagram: the text of each frame that has something, and the frame after which it is blank.</summary>
internal sealed record MarbleDiagramLine(IReadOnlyDictionary<long, string> Cells, long? LastFrame);

/// <summary>
/// Renders several marble lines on one time scale: every frame is a column as wide as its widest cell, so a group in one
/// line and single symbols in another stay aligned (the padding is spaces, which marbles ignore, so each line still
/// parses to what it shows). Stretches of at least <see cref="CompressFrames"/> frames in which no line has anything are
/// written as one time progression (<c> 250ms </c>) in every line.
/// </summary>
internal static class MarbleDiagram
{
    public const int CompressFrames = 10;

    /// <summary>Renders the lines; <paramref name="columns"/> receives the start column of every non-empty frame.</summary>
    public static string[] Render(IReadOnlyList<MarbleDiagramLine> lines, long frameTicks, out Dictionary<long, int> columns)
    {
        columns = [];
        var builders = lines.Select(_ => new StringBuilder()).ToArray();
        long next = 0;
        foreach (long frame in lines.SelectMany(l => l.Cells.Keys).Distinct().Order())
        {
            if (frame > next)
            {
                AppendEmptyRun(lines, builders, next, frame - next, frameTicks);
            }

            int width = lines.Max(l => l.Cells.TryGetValue(frame, out var cell) ? cell.Length : 1);
            columns[frame] = builders[0].Length;
            for (int i = 0; i < lines.Count; i++)
            {
                string text = lines[i].Cells.TryGetValue(frame, out var cell) ? cell : EmptyCell(lines[i], frame);
                builders[i].Append(text).Append(' ', width - text.Length);
            }

            next = frame + 1;
        }

        return builders.Select(b => b.ToString().TrimEnd()).ToArray();
    }

    /// <summary>Renders a line of carets under the start columns of <paramref name="frames"/>.</summary>
    public static string Carets(IEnumerable<long> frames, IReadOnlyDictionary<long, int> columns)
    {
        var starts = frames.Select(f => columns[f]).ToList();
        if (starts.Count == 0)
        {
            return string.Empty;
        }

        var line = new char[starts.Max() + 1];
        Array.Fill(line, ' ');
        foreach (int start in starts)
        {
            line[start] = '^';
        }

        return new string(line);
    }

    /// <summary>Renders the cell of a frame: one symbol, or a group <c>(ab)</c> for several.</summary>
    public static string Cell(IReadOnlyList<char> symbols) =>
        symbols.Count == 1 ? symbols[0].ToString() : "(" + new string(symbols.ToArray()) + ")";

    private static void AppendEmptyRun(IReadOnlyList<MarbleDiagramLine> lines, StringBuilder[] builders, long frame, long count, long frameTicks)
    {
        string progression = count >= CompressFrames ? " " + MarbleTime.Format(checked(count * frameTicks)) + " " : string.Empty;
        for (int i = 0; i < lines.Count; i++)
        {
            if (progression.Length > 0)
            {
                bool blank = IsAfterEnd(lines[i], frame);
                builders[i].Append(blank ? new string(' ', progression.Length) : progression);
            }
            else
            {
                for (long f = frame; f < frame + count; f++)
                {
                    builders[i].Append(EmptyCell(lines[i], f));
                }
            }
        }
    }

    private static string EmptyCell(MarbleDiagramLine line, long frame) => IsAfterEnd(line, frame) ? " " : "-";

    private static bool IsAfterEnd(MarbleDiagramLine line, long frame) => line.LastFrame is { } last && frame > last;
}
