using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// A BenchmarkDotNet clock that reads the CPU time of the calling thread (<c>CLOCK_THREAD_CPUTIME_ID</c>, Linux), in
/// nanoseconds. With the in-process toolchain the benchmark runs on that thread, so time the thread spends waiting for
/// a core taken by another process is not counted: on a shared, loaded machine the figures stay comparable across
/// benchmarks run one after another.
/// </summary>
/// <remarks>
/// What it leaves out: work done for the benchmark on other threads (a background GC; none of the micro benchmarks
/// starts threads of its own). Caches and memory bandwidth shared with the other processes still slow it down.
/// </remarks>
internal sealed partial class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static ThreadCpuClock Instance { get; } = new();

    public string Title => "Thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
