using System.Globalization;

namespace Jackpot.Reactive.Samples;

/// <summary>What an open handle is: its kind (<c>socket</c>, <c>pipe</c>, <c>eventpoll</c>, <c>assembly</c>, …) and, for
/// files, its name.</summary>
/// <param name="Kind">The kind, e.g. <c>socket</c> or <c>assembly</c>.</param>
/// <param name="Name">The file's name (without its folder) for files and devices; <see langword="null"/> otherwise.</param>
internal readonly record struct HandleKind(string Kind, string? Name)
{
    public override string ToString() => Name is null ? Kind : Kind + " " + Name;
}

/// <summary>
/// Sorts a process's open handles by kind, so that a change in their number explains itself: a socket or a pipe per run is
/// a leak, an assembly loaded late (its file stays open while it is loaded) is not.
/// </summary>
/// <remarks>On Linux every entry of <c>/proc/self/fd</c> is a link whose target tells what it is: <c>socket:[1234]</c>,
/// <c>pipe:[1234]</c>, <c>anon_inode:[eventpoll]</c>, <c>anon_inode:[eventfd]</c>, <c>anon_inode:inotify</c>,
/// <c>/dev/urandom</c>, or a file's path (an assembly's <c>.dll</c>, a symbol file's <c>.pdb</c>, …).</remarks>
internal static class HandleKinds
{
    public const string Socket = "socket";

    public const string Assembly = "assembly";

    public const string Symbols = "symbols";

    public const string NativeLibrary = "native library";

    /// <summary>The most handles the runtime keeps open for one loaded file: an assembly is opened, and mapped through a
    /// second descriptor.</summary>
    public const int HandlesPerLoadedFile = 2;

    private const string Descriptors = "/proc/self/fd";

    /// <summary>Counts the process's open handles by kind, or returns <see langword="null"/> where the platform does not
    /// list them (no <c>/proc/self/fd</c>).</summary>
    public static IReadOnlyDictionary<HandleKind, int>? CountOpenDescriptors()
    {
        if (!Directory.Exists(Descriptors))
        {
            return null;
        }

        var counts = new Dictionary<HandleKind, int>();
        foreach (var entry in new DirectoryInfo(Descriptors).EnumerateFileSystemInfos())
        {
            string? target;
            try
            {
                target = entry.LinkTarget;
            }
            catch (IOException)
            {
                // The descriptor was closed while it was read (the enumeration's own descriptor among them).
                continue;
            }

            var kind = Classify(target ?? string.Empty);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        return counts;
    }

    /// <summary>Tells what a handle is from its link target in <c>/proc/self/fd</c>.</summary>
    /// <param name="target">The link's target, e.g. <c>socket:[1234]</c> or <c>/usr/share/dotnet/…/System.Net.Quic.dll</c>.</param>
    public static HandleKind Classify(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.StartsWith("socket:", StringComparison.Ordinal))
        {
            return new HandleKind(Socket, null);
        }

        if (target.StartsWith("pipe:", StringComparison.Ordinal))
        {
            return new HandleKind("pipe", null);
        }

        if (target.StartsWith("anon_inode:", StringComparison.Ordinal))
        {
            // anon_inode:[eventpoll], anon_inode:[eventfd], anon_inode:inotify, anon_inode:[timerfd] …
            string name = target["anon_inode:".Length..].Trim('[', ']');
            return new HandleKind(name.Length == 0 ? "anon_inode" : name, null);
        }

        if (target.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return new HandleKind("device", target);
        }

        if (!target.StartsWith('/'))
        {
            // Another kind the kernel names with a prefix (net:[…], mnt:[…], …), or an unreadable link.
            int colon = target.IndexOf(':', StringComparison.Ordinal);
            return new HandleKind(colon > 0 ? target[..colon] : "other", null);
        }

        string file = Path.GetFileName(target.EndsWith(" (deleted)", StringComparison.Ordinal) ? target[..^" (deleted)".Length] : target);
        string extension = Path.GetExtension(file);
        string kind = extension.Equals(".dll", StringComparison.OrdinalIgnoreCase) ? Assembly
            : extension.Equals(".pdb", StringComparison.OrdinalIgnoreCase) ? Symbols
            : extension.Equals(".so", StringComparison.OrdinalIgnoreCase) ? NativeLibrary
            : "file";
        return new HandleKind(kind, file);
    }

    /// <summary>Counts the handles of code files (assemblies, symbol files, native libraries) that <paramref name="end"/>
    /// holds and <paramref name="start"/> did not: the runtime loads them on first use of a code path and keeps them for
    /// the life of the process, at most <see cref="HandlesPerLoadedFile"/> per file. They are one-off growth, not a leak;
    /// a file opened again and again (more handles than that) is not counted.</summary>
    public static int CountLateLoadedCode(IReadOnlyDictionary<HandleKind, int> start, IReadOnlyDictionary<HandleKind, int> end)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        return end
            .Where(pair => IsCode(pair.Key) && !start.ContainsKey(pair.Key) && pair.Value <= HandlesPerLoadedFile)
            .Sum(pair => pair.Value);
    }

    /// <summary>Describes what changed between two counts, by kind, naming the files, e.g.
    /// <c>assembly +4 (System.Net.Quic.dll +2, System.Runtime.Loader.dll +2), socket -1</c>.</summary>
    /// <returns>The changes, kinds in alphabetical order; <c>no change by kind</c> when every kind has the same count.</returns>
    public static string DescribeChanges(IReadOnlyDictionary<HandleKind, int> start, IReadOnlyDictionary<HandleKind, int> end)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        var changes = start.Keys.Union(end.Keys)
            .Select(kind => (Kind: kind, Change: end.GetValueOrDefault(kind) - start.GetValueOrDefault(kind)))
            .Where(change => change.Change != 0)
            .GroupBy(change => change.Kind.Kind, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                string total = Signed(group.Sum(change => change.Change));
                var named = group.Where(change => change.Kind.Name is not null)
                    .OrderBy(change => change.Kind.Name, StringComparer.Ordinal)
                    .Select(change => $"{change.Kind.Name} {Signed(change.Change)}")
                    .ToList();
                return named.Count == 0 ? $"{group.Key} {total}" : $"{group.Key} {total} ({string.Join(", ", named)})";
            })
            .ToList();
        return changes.Count == 0 ? "no change by kind" : string.Join(", ", changes);
    }

    /// <summary>Sums the counts by kind, without file names, e.g. <c>assembly 196, pipe 7, socket 4</c>.</summary>
    public static string Summarize(IReadOnlyDictionary<HandleKind, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.Count == 0
            ? "n/a"
            : string.Join(", ", counts
                .GroupBy(pair => pair.Key.Kind, StringComparer.Ordinal)
                .OrderByDescending(group => group.Sum(pair => pair.Value))
                .ThenBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} {group.Sum(pair => pair.Value)}")));
    }

    private static bool IsCode(HandleKind kind) => kind.Kind is Assembly or Symbols or NativeLibrary;

    private static string Signed(int change) => change.ToString("+0;-0", CultureInfo.InvariantCulture);
}
