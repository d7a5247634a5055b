using System.Text;

namespace Jackpot.Reactive.Testing;

/// <summary>What happened in a line of a diagram: the text of each frame that has something, and the frame after which
/// the line is blank (its completion, error or unsubscription).</summary>
internal sealed record MarbleDiagramLine(IReadOnlyDictionary<long, string> Cells, long? LastFrame);

/// <summary>Three lines of a failure: expected, actual and the carets under the frames that differ.</summary>
internal sealed record MarbleAlignedLines(string Expected, string Actual, string Carets);

/// <summary>
/// Draws a failure: the expected marbles exactly as written (white space shown as spaces), and the actual line aligned to
/// them piece by piece — a frame of the expected marbles gets the actual frame's cell, a time progression the same
/// progression when nothing happened in its span, otherwise what happened in it; the shorter of the two is padded with
/// spaces, which marbles ignore, so the actual line is valid marbles of what happened. Stretches the actual line writes
/// itself (inside a progression, past the expected marbles) use a time progression in round units for
/// <see cref="CompressFrames"/> or more quiet frames (<c>1s ---</c>, not <c>1.003s</c>), dashes for fewer.
/// </summary>
internal static class MarbleAlignment
{
    public const int CompressFrames = 10;

    /// <summary>Aligns <paramref name="actual"/> to the written <paramref name="marbles"/>.</summary>
    public static MarbleAlignedLines Align(
        string marbles,
        IReadOnlyList<MarbleSegment> segments,
        MarbleDiagramLine expected,
        MarbleDiagramLine actual,
        IReadOnlySet<long> differing,
        MarbleSyntax syntax)
    {
        var expectedLine = new StringBuilder();
        var actualLine = new StringBuilder();
        var carets = new SortedSet<int>();
        int text = 0;
        long end = 0;
        foreach (var segment in segments.OrderBy(s => s.Start))
        {
            string gap = Spaces(marbles[text..segment.Start]);
            expectedLine.Append(gap);
            actualLine.Append(gap);
            int column = expectedLine.Length;
            string written = marbles.Substring(segment.Start, segment.Length);
            expectedLine.Append(written);
            bool progression = char.IsAsciiDigit(written[0]);
            bool quiet = !actual.Cells.Keys.Any(f => f >= segment.Frame && f < segment.Frame + segment.Frames);
            if (quiet && IsAfterEnd(actual, segment.Frame))
            {
                actualLine.Append(' ', written.Length);
            }
            else if (quiet && progression)
            {
                actualLine.Append(written);
            }
            else
            {
                // A progression's own span ends where white space follows in the marbles, so the rendering needs no
                // space at its ends beyond what the line already has.
                var inside = new SortedSet<int>();
                string rendered = Render(actual, segment.Frame, segment.Frame + Math.Max(segment.Frames, 1), syntax, 0, differing, inside);
                int skipped = actualLine.Length == 0 || actualLine[^1] == ' ' ? rendered.Length - rendered.TrimStart(' ').Length : 0;
                carets.UnionWith(inside.Select(c => column + c - skipped));
                actualLine.Append(rendered[skipped..].TrimEnd(' '));
            }

            if (expected.Cells.ContainsKey(segment.Frame) && differing.Contains(segment.Frame) && !actual.Cells.ContainsKey(segment.Frame))
            {
                carets.Add(column);
            }

            int width = Math.Max(expectedLine.Length, actualLine.Length);
            expectedLine.Append(' ', width - expectedLine.Length);
            actualLine.Append(' ', width - actualLine.Length);
            text = segment.Start + segment.Length;
            end = segment.Frame + segment.Frames;
        }

        expectedLine.Append(Spaces(marbles[text..]));
        long last = actual.Cells.Count == 0 ? -1 : actual.Cells.Keys.Max();
        if (last >= end)
        {
            actualLine.Append(' ', Math.Max(0, expectedLine.Length - actualLine.Length));
            actualLine.Append(Render(actual, end, last + 1, syntax, actualLine.Length, differing, carets));
        }

        return new MarbleAlignedLines(expectedLine.ToString().TrimEnd(), actualLine.ToString().TrimEnd(), Carets(carets));
    }

    /// <summary>Draws a line on its own, from frame 0 to its last cell.</summary>
    public static MarbleAlignedLines Alone(MarbleDiagramLine line, IReadOnlySet<long> differing, MarbleSyntax syntax)
    {
        var carets = new SortedSet<int>();
        long last = line.Cells.Count == 0 ? -1 : line.Cells.Keys.Max();
        string text = Render(line, 0, last + 1, syntax, 0, differing, carets).TrimEnd();
        return new MarbleAlignedLines(string.Empty, text, Carets(carets));
    }

    /// <summary>Renders the cell of a frame: one symbol, or a group <c>(ab)</c> for several.</summary>
    public static string Cell(IReadOnlyList<char> symbols) =>
        symbols.Count == 1 ? symbols[0].ToString() : "(" + new string(symbols.ToArray()) + ")";

    /// <summary>Writes a span of virtual time as a time progression in round units: whole minutes or seconds followed
    /// by dashes when fewer than <see cref="CompressFrames"/> frames are left over, otherwise the exact span.</summary>
    public static string Progression(long frames, long frameTicks)
    {
        long ticks = checked(frames * frameTicks);
        foreach (long unit in (long[])[TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond])
        {
            long rest = ticks % unit;
            if (ticks >= unit && rest != 0 && rest % frameTicks == 0 && rest / frameTicks < CompressFrames)
            {
                return MarbleTime.Format(ticks - rest) + " " + new string('-', (int)(rest / frameTicks));
            }
        }

        return MarbleTime.Format(ticks);
    }

    private static string Render(
        MarbleDiagramLine line, long from, long to, MarbleSyntax syntax, int column, IReadOnlySet<long> differing, SortedSet<int> carets)
    {
        var builder = new StringBuilder();
        var cells = line.Cells.Keys.Where(f => f >= from && f < to).Order().ToList();
        long frame = from;
        int next = 0;
        while (frame < to || next < cells.Count)
        {
            long until = next < cells.Count ? Math.Max(cells[next], frame) : to;
            long quiet = until - frame;
            if (quiet > 0)
            {
                bool blank = IsAfterEnd(line, frame);
                string progression = quiet < CompressFrames ? string.Empty : Progression(quiet, syntax.FrameTicks);
                string filler = progression.Length == 0
                    ? new string('-', (int)quiet)
                    : " " + progression + (progression.EndsWith('-') ? string.Empty : " ");
                builder.Append(blank ? new string(' ', filler.Length) : filler);
                frame = until;
            }

            if (next >= cells.Count)
            {
                break;
            }

            long cellFrame = cells[next++];
            string cell = line.Cells[cellFrame];
            if (differing.Contains(cellFrame))
            {
                carets.Add(column + builder.Length);
            }

            builder.Append(cell);
            frame = Math.Max(frame, cellFrame + (syntax.GroupTiming == MarbleGroupTiming.RxJs ? cell.Length : 1));
        }

        return builder.ToString();
    }

    private static string Carets(SortedSet<int> columns)
    {
        if (columns.Count == 0)
        {
            return string.Empty;
        }

        var line = new char[columns.Max + 1];
        Array.Fill(line, ' ');
        foreach (int column in columns)
        {
            line[column] = '^';
        }

        return new string(line);
    }

    private static string Spaces(string text) => new(' ', text.Length);

    private static bool IsAfterEnd(MarbleDiagramLine line, long frame) => line.LastFrame is { } last && frame > last;
}
