using System.Diagnostics;
using System.Globalization;

namespace Jackpot.Reactive.Samples;

/// <summary>What a process holds that a leak would grow: managed heap after a full collection, threads, timers, handles
/// and sockets.</summary>
/// <param name="ManagedHeapBytes">Bytes in use on the managed heap after a full, compacting, finalizing collection.</param>
/// <param name="DedicatedThreads">Threads that are not thread-pool threads (the pool grows and shrinks on its own).</param>
/// <param name="Timers">Active <see cref="System.Threading.Timer"/>s (<see cref="Timer.ActiveCount"/>).</param>
/// <param name="Handles">Open handles (file descriptors on Linux).</param>
/// <param name="Sockets">Open sockets, where the platform tells (Linux); <see langword="null"/> elsewhere.</param>
internal sealed record ResourceUsage(long ManagedHeapBytes, int DedicatedThreads, long Timers, int Handles, int? Sockets)
{
    /// <summary>Gets the open handles by what they are (see <see cref="HandleKinds.Classify"/>), e.g. <c>socket</c>,
    /// <c>pipe</c>, <c>eventpoll</c>, <c>assembly System.Net.Quic.dll</c>; empty where the platform does not tell.</summary>
    public IReadOnlyDictionary<HandleKind, int> HandlesByKind { get; init; } = new Dictionary<HandleKind, int>();

    /// <summary>Measures now, after a full garbage collection.</summary>
    public static ResourceUsage Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        long heap = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        int threads = process.Threads.Count - ThreadPool.ThreadCount;
        var byKind = HandleKinds.CountOpenDescriptors();
        if (byKind is null)
        {
            return new ResourceUsage(heap, Math.Max(0, threads), Timer.ActiveCount, process.HandleCount, null);
        }

        return new ResourceUsage(heap, Math.Max(0, threads), Timer.ActiveCount, byKind.Values.Sum(), byKind.GetValueOrDefault(new HandleKind(HandleKinds.Socket, null)))
        {
            HandlesByKind = byKind,
        };
    }

    /// <summary>Measures until nothing has grown past <paramref name="tolerance"/> over <paramref name="start"/>, or the
    /// deadline passes (closing sockets and ending threads take a moment), and returns what grew too much.</summary>
    /// <returns>One line per resource that grew past its tolerance; empty when none did.</returns>
    public static async Task<(ResourceUsage End, IReadOnlyList<string> Leaks)> SettleAsync(
        ResourceUsage start, LeakTolerance tolerance, TimeSpan deadline, CancellationToken cancellationToken)
    {
        long until = Stopwatch.GetTimestamp() + (long)(deadline.TotalSeconds * Stopwatch.Frequency);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (true)
        {
            var end = Measure();
            var leaks = tolerance.FindLeaks(start, end);
            if (leaks.Count == 0 || Stopwatch.GetTimestamp() >= until)
            {
                return (end, leaks);
            }

            await poll.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Formats the usage for a report.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"heap {ManagedHeapBytes / 1024.0 / 1024.0:0.0} MiB, threads {DedicatedThreads} (+ pool), timers {Timers}, handles {Handles}, sockets {(Sockets is { } s ? s.ToString(CultureInfo.InvariantCulture) : "n/a")}");
}

/// <summary>How much each resource may grow between two <see cref="ResourceUsage"/> measurements before it counts as a leak.</summary>
/// <param name="HeapBytes">Bytes the managed heap may grow by, whatever its size.</param>
/// <param name="HeapRatio">The share of the starting heap it may grow by on top.</param>
/// <param name="DedicatedThreads">Non-pool threads that may be added.</param>
/// <param name="Timers">Timers that may be added.</param>
/// <param name="Handles">Handles that may be added, besides those of code files loaded since the start (an assembly or a
/// symbol file the process had not opened before: it stays loaded, once, for the life of the process; see
/// <see cref="HandleKinds.CountLateLoadedCode"/>).</param>
/// <param name="Sockets">Sockets that may be added.</param>
internal sealed record LeakTolerance(long HeapBytes, double HeapRatio, int DedicatedThreads, long Timers, int Handles, int Sockets)
{
    /// <summary>Tolerances for one scenario run in a test process: measured growth stays well inside them on a loaded
    /// machine (see docs/reliability.md), while a leaked connection, timer or thread per run exceeds them.</summary>
    public static LeakTolerance Scenario { get; } = new(HeapBytes: 4 * 1024 * 1024, HeapRatio: 0.10, DedicatedThreads: 2, Timers: 4, Handles: 8, Sockets: 2);

    /// <summary>Tolerances for a soak: the same absolute margins; a leak per scenario run grows past them over hundreds of runs.</summary>
    public static LeakTolerance Soak { get; } = new(HeapBytes: 8 * 1024 * 1024, HeapRatio: 0.10, DedicatedThreads: 2, Timers: 4, Handles: 8, Sockets: 2);

    /// <summary>Compares two measurements.</summary>
    /// <returns>One line per resource that grew past its tolerance.</returns>
    public IReadOnlyList<string> FindLeaks(ResourceUsage start, ResourceUsage end)
    {
        var leaks = new List<string>();
        long heapAllowed = start.ManagedHeapBytes + HeapBytes + (long)(start.ManagedHeapBytes * HeapRatio);
        Check(end.ManagedHeapBytes <= heapAllowed, $"managed heap {start.ManagedHeapBytes:N0} -> {end.ManagedHeapBytes:N0} bytes (allowed {heapAllowed:N0})");
        Check(end.DedicatedThreads <= start.DedicatedThreads + DedicatedThreads, $"threads {start.DedicatedThreads} -> {end.DedicatedThreads}");
        Check(end.Timers <= start.Timers + Timers, $"timers {start.Timers} -> {end.Timers}");
        int lateCode = HandleKinds.CountLateLoadedCode(start.HandlesByKind, end.HandlesByKind);
        Check(
            end.Handles - lateCode <= start.Handles + Handles,
            start.HandlesByKind.Count == 0
                ? $"handles {start.Handles} -> {end.Handles}"
                : $"handles {start.Handles} -> {end.Handles} ({lateCode} of them code loaded late): {HandleKinds.DescribeChanges(start.HandlesByKind, end.HandlesByKind)}");
        Check(end.Sockets is not { } sockets || start.Sockets is not { } before || sockets <= before + Sockets, $"sockets {start.Sockets} -> {end.Sockets}");
        return leaks;

        void Check(bool holds, string leak)
        {
            if (!holds)
            {
                leaks.Add(string.Create(CultureInfo.InvariantCulture, $"{leak}"));
            }
        }
    }
}
