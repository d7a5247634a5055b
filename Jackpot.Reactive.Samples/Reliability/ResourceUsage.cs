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
    /// <summary>Measures now, after a full garbage collection.</summary>
    public static ResourceUsage Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        long heap = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        int threads = process.Threads.Count - ThreadPool.ThreadCount;
        var (handles, sockets) = CountDescriptors(process);
        return new ResourceUsage(heap, Math.Max(0, threads), Timer.ActiveCount, handles, sockets);
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

    private static (int Handles, int? Sockets) CountDescriptors(Process process)
    {
        const string descriptors = "/proc/self/fd";
        if (!Directory.Exists(descriptors))
        {
            return (process.HandleCount, null);
        }

        int handles = 0;
        int sockets = 0;
        foreach (var entry in new DirectoryInfo(descriptors).EnumerateFileSystemInfos())
        {
            handles++;
            try
            {
                if (entry.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    sockets++;
                }
            }
            catch (IOException)
            {
                // The descriptor was closed while it was read.
            }
        }

        return (handles, sockets);
    }
}

/// <summary>How much each resource may grow between two <see cref="ResourceUsage"/> measurements before it counts as a leak.</summary>
/// <param name="HeapBytes">Bytes the managed heap may grow by, whatever its size.</param>
/// <param name="HeapRatio">The share of the starting heap it may grow by on top.</param>
/// <param name="DedicatedThreads">Non-pool threads that may be added.</param>
/// <param name="Timers">Timers that may be added.</param>
/// <param name="Handles">Handles that may be added.</param>
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
        Check(end.Handles <= start.Handles + Handles, $"handles {start.Handles} -> {end.Handles}");
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
