using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>
/// Counts a consumer's events and measures the window after the warm-up: wall time, the process's CPU time (user +
/// system, all threads: <c>CLOCK_PROCESS_CPUTIME_ID</c>), the bytes allocated by the process
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>), and in paced mode each event's latency from its write stamp.
/// </summary>
/// <remarks>Called from the consumer's <c>OnNext</c> only, whose calls are serialized; the latencies go into a
/// preallocated array, so the measurement allocates nothing per event.</remarks>
internal sealed partial class MeasurementWindow(long warmupEvents, long measuredEvents, bool paced)
{
    private const int ClockProcessCpuTimeId = 2;
    private readonly long[] _latencies = new long[paced ? measuredEvents : 0];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _count;
    private Snapshot _start;
    private Snapshot _end;

    public bool IsPaced => paced;

    public Task Done => _done.Task;

    /// <summary>Counts one event.</summary>
    /// <param name="writtenAt">The event's write stamp (paced mode), otherwise ignored.</param>
    public void OnEvent(long writtenAt)
    {
        long count = ++_count;
        if (count <= warmupEvents)
        {
            if (count == warmupEvents)
            {
                _start = Snapshot.Take();
            }

            return;
        }

        if (count > warmupEvents + measuredEvents)
        {
            return;
        }

        if (paced)
        {
            _latencies[count - warmupEvents - 1] = Stopwatch.GetTimestamp() - writtenAt;
        }

        if (count == warmupEvents + measuredEvents)
        {
            _end = Snapshot.Take();
            _done.TrySetResult();
        }
    }

    public void Fail(Exception error) => _done.TrySetException(error);

    /// <summary>The result line the parent reads: <c>RESULT key=value …</c>.</summary>
    public string ResultLine()
    {
        double seconds = (_end.Timestamp - _start.Timestamp) / (double)Stopwatch.Frequency;
        double cpuMicroseconds = (_end.CpuNanoseconds - _start.CpuNanoseconds) / 1000.0;
        long allocated = _end.AllocatedBytes - _start.AllocatedBytes;
        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"RESULT events={measuredEvents} seconds={seconds:R} cpu_us={cpuMicroseconds:R} alloc_bytes={allocated}");
        if (paced)
        {
            var sorted = _latencies.AsSpan();
            sorted.Sort();
            line += string.Create(
                CultureInfo.InvariantCulture,
                $" p50_us={Microseconds(sorted[sorted.Length / 2]):R} p99_us={Microseconds(sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]):R}");
        }

        return line;
    }

    private static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private readonly record struct Snapshot(long Timestamp, long CpuNanoseconds, long AllocatedBytes)
    {
        public static Snapshot Take()
        {
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            long cpu = ProcessCpuNanoseconds();
            return new Snapshot(Stopwatch.GetTimestamp(), cpu, allocated);
        }

        private static long ProcessCpuNanoseconds()
        {
            if (OperatingSystem.IsLinux() && ClockGetTime(ClockProcessCpuTimeId, out var time) == 0)
            {
                return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
            }

            return (long)Process.GetCurrentProcess().TotalProcessorTime.TotalNanoseconds;
        }
    }
}
