using System.Runtime.CompilerServices;
using System.Text;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// Snapshot (approval) assertions for long outputs nobody would write as marbles: the output is compared with an
/// approved file next to the test; when they differ the assertion fails with a readable diff and saves the new output
/// beside the snapshot, as <c>&lt;name&gt;.received.txt</c>, for review.
/// </summary>
/// <remarks>
/// <para>The workflow: the first run of a new test writes <c>&lt;name&gt;.approved.txt</c> and passes (unless the
/// environment variable <c>CI</c> is set: on a build server a missing snapshot fails, so nothing is approved unread);
/// review and commit it. A later run compares. To accept a change, replace the approved file with the received one.
/// A passing run deletes a stale received file.</para>
/// <para>Line ends are compared as <c>\n</c>, so a snapshot checked out with CRLF still matches. Files are UTF-8.</para>
/// </remarks>
public static class Snapshot
{
    /// <summary>The suffix of approved snapshots.</summary>
    public const string ApprovedSuffix = ".approved.txt";

    /// <summary>The suffix of the new output saved when it differs.</summary>
    public const string ReceivedSuffix = ".received.txt";

    /// <summary>The number of unchanged lines shown around a difference.</summary>
    private const int Context = 3;

    /// <summary>The most differing lines shown of each side.</summary>
    private const int MaxShown = 20;

    /// <summary>Compares <paramref name="actual"/> with the snapshot <c>&lt;name&gt;.approved.txt</c> in the folder of
    /// the calling test's source file.</summary>
    /// <param name="actual">The output, e.g. from <see cref="SnapshotText.Render"/>.</param>
    /// <param name="name">The snapshot's name, e.g. the test's name.</param>
    /// <param name="testFile">Filled in by the compiler: the calling source file, whose folder holds the snapshot.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actual"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or not a file name.</exception>
    /// <exception cref="SnapshotMismatchException">The output differs from the snapshot (or there is none, under CI).</exception>
    public static void Match(string actual, string name, [CallerFilePath] string testFile = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"The snapshot name \"{name}\" is not a file name.", nameof(name));
        }

        string folder = System.IO.Path.GetDirectoryName(testFile) is { Length: > 0 } directory ? directory : Environment.CurrentDirectory;
        MatchFile(actual, System.IO.Path.Combine(folder, name + ApprovedSuffix));
    }

    /// <summary>Compares <paramref name="actual"/> with an approved snapshot file.</summary>
    /// <param name="actual">The output.</param>
    /// <param name="snapshotPath">The approved file; the received file is saved beside it, its <c>.approved.txt</c>
    /// (or extension) replaced by <c>.received.txt</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actual"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="snapshotPath"/> is null or empty.</exception>
    /// <exception cref="SnapshotMismatchException">The output differs from the snapshot (or there is none, under CI).</exception>
    public static void MatchFile(string actual, string snapshotPath)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentException.ThrowIfNullOrEmpty(snapshotPath);
        actual = actual.ReplaceLineEndings("\n");
        string received = ReceivedPathOf(snapshotPath);
        if (!File.Exists(snapshotPath))
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                File.WriteAllText(received, actual, new UTF8Encoding(false));
                throw new SnapshotMismatchException(
                    $"There is no approved snapshot '{snapshotPath}' (CI is set, so none is written). The output was saved as '{received}': review it and commit it as the snapshot.",
                    snapshotPath,
                    received,
                    firstDifferentLine: null);
            }

            File.WriteAllText(snapshotPath, actual, new UTF8Encoding(false));
            return;
        }

        string expected = File.ReadAllText(snapshotPath).ReplaceLineEndings("\n");
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual, new UTF8Encoding(false));
        var (message, line) = Diff(expected, actual);
        throw new SnapshotMismatchException(
            $"The output differs from the snapshot '{snapshotPath}' (the new output is saved as '{received}'; if the change is right, make it the snapshot).\n{message}",
            snapshotPath,
            received,
            line);
    }

    /// <summary>Shows the differing stretch: the common lines before and after are cut, a few kept as context; lines
    /// are numbered as in the snapshot (<c>-</c>) and in the output (<c>+</c>).</summary>
    internal static (string Message, int FirstDifferentLine) Diff(string expected, string actual)
    {
        string[] before = expected.Split('\n');
        string[] after = actual.Split('\n');
        int prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix
            && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix])
        {
            suffix++;
        }

        var text = new StringBuilder();
        int removed = before.Length - prefix - suffix;
        int added = after.Length - prefix - suffix;
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"First difference at line {prefix + 1}: {removed} line(s) of the snapshot (-) became {added} line(s) (+).\n");
        for (int i = Math.Max(0, prefix - Context); i < prefix; i++)
        {
            text.Append(Numbered(' ', i, before[i]));
        }

        AppendSide(text, '-', before, prefix, removed);
        AppendSide(text, '+', after, prefix, added);
        for (int i = prefix + added; i < Math.Min(after.Length, prefix + added + Context); i++)
        {
            text.Append(Numbered(' ', i, after[i]));
        }

        return (text.ToString().TrimEnd('\n'), prefix + 1);
    }

    private static void AppendSide(StringBuilder text, char sign, string[] lines, int start, int count)
    {
        for (int i = start; i < start + Math.Min(count, MaxShown); i++)
        {
            text.Append(Numbered(sign, i, lines[i]));
        }

        if (count > MaxShown)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{sign} … {count - MaxShown} more line(s)\n");
        }
    }

    private static string Numbered(char sign, int index, string line) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sign} {index + 1,6} | {line}\n");

    private static string ReceivedPathOf(string snapshotPath) =>
        snapshotPath.EndsWith(ApprovedSuffix, StringComparison.OrdinalIgnoreCase)
            ? snapshotPath[..^ApprovedSuffix.Length] + ReceivedSuffix
            : System.IO.Path.ChangeExtension(snapshotPath, null) + ReceivedSuffix;
}
