using System.Diagnostics;
using System.Globalization;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>The options of <see cref="ManyChannelsBenchmark"/>.</summary>
internal sealed record ManyChannelsSettings(
    IReadOnlyList<int> Counts,
    IReadOnlyList<JackpotPushProtocol> Protocols,
    int IdleSeconds,
    int FanInChannels,
    int FanInSeconds,
    int MaxStreams,
    int HeartbeatMs,
    int Batch,
    bool AllocationTypes)
{
    public static ManyChannelsSettings Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Value(name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
        return new ManyChannelsSettings(
            [.. (Value("--counts") ?? "1000,10000,100000").Split(',').Select(text => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture))],
            [.. (Value("--protocols") ?? "http1.1,h2").Split(',').Select(ParseProtocol)],
            Int("--idle-seconds", 60),
            Int("--fanin-channels", 10_000),
            Int("--fanin-seconds", 30),
            Int("--max-streams", 100),
            Int("--heartbeat-ms", 15_000),
            Int("--batch", 1000),
            args.Contains("--alloc-types"));
    }

    private static JackpotPushProtocol ParseProtocol(string text) => text.Trim() switch
    {
        "http1.1" or "h1" => JackpotPushProtocol.Http11,
        "h2" or "h2c" or "http2" => JackpotPushProtocol.Http2,
        _ => throw new ArgumentException($"--protocols takes http1.1 and h2, not '{text}'."),
    };
}

/// <summary>What the benchmark reads about its own process (Linux <c>/proc</c>; elsewhere what .NET offers).</summary>
internal static class ProcessProbe
{
    public static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Open sockets of this process (file descriptors that are sockets); -1 where <c>/proc</c> is missing.</summary>
    public static int Sockets()
    {
        const string Descriptors = "/proc/self/fd";
        if (!Directory.Exists(Descriptors))
        {
            return -1;
        }

        int sockets = 0;
        foreach (string descriptor in Directory.EnumerateFileSystemEntries(Descriptors))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal))
                {
                    sockets++;
                }
            }
            catch (IOException)
            {
                // Closed while enumerating.
            }
        }

        return sockets;
    }

    /// <summary>The soft limit of open files. The .NET runtime raises it to the hard limit when it starts, so this is
    /// what the process can open; raising the hard limit takes the shell (<c>ulimit -Hn</c>) or the system.</summary>
    public static int? FileDescriptorSoftLimit() => ReadLimits() is { } limits ? limits.Soft : null;

    public static string FileDescriptorLimits() =>
        ReadLimits() is { } limits ? $"soft {limits.Soft:N0}, hard {limits.Hard:N0} (the runtime raised the soft limit to the hard one)" : "unknown";

    public static string EphemeralPortRange()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(Range) ? File.ReadAllText(Range).Trim().Replace('\t', '–') : "unknown";
    }

    public static string LoadAverage()
    {
        const string Load = "/proc/loadavg";
        return File.Exists(Load) ? string.Join(", ", File.ReadAllText(Load).Split(' ').Take(3)) : "unknown";
    }

    private static (int Soft, int Hard)? ReadLimits()
    {
        const string Limits = "/proc/self/limits";
        if (!File.Exists(Limits))
        {
            return null;
        }

        string? line = File.ReadLines(Limits).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        string[] parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return parts.Length >= 5
            && int.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int soft)
            && int.TryParse(parts[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out int hard)
            ? (soft, hard)
            : null;
    }
}

/// <summary>Publish-to-<c>OnNext</c> latency of events whose amount is their publish time (simulator
/// <c>--stamp-amounts</c>: <see cref="Stopwatch.GetTimestamp"/> in µs), in 10 µs buckets up to 10 s; lock-free.</summary>
internal sealed class LatencyHistogram
{
    private const int BucketMicroseconds = 10;
    private const int Buckets = 1_000_000;
    private long[] _counts = new long[Buckets];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(JackpotEvent jackpotEvent)
    {
        long now = Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1_000_000);
        long latency = Math.Max(0, now - (long)jackpotEvent.Amount);
        Interlocked.Increment(ref Volatile.Read(ref _counts)[Math.Min(Buckets - 1, latency / BucketMicroseconds)]);
        Interlocked.Increment(ref _count);
    }

    public void Reset()
    {
        Volatile.Write(ref _counts, new long[Buckets]);
        Interlocked.Exchange(ref _count, 0);
    }

    /// <summary>The latency in µs below which <paramref name="quantile"/> of the events fell.</summary>
    public long Percentile(double quantile)
    {
        long[] counts = Volatile.Read(ref _counts);
        long total = counts.Sum();
        long target = (long)Math.Ceiling(total * quantile);
        long seen = 0;
        for (int bucket = 0; bucket < Buckets; bucket++)
        {
            seen += counts[bucket];
            if (seen >= target && total > 0)
            {
                return (bucket + 1L) * BucketMicroseconds;
            }
        }

        return -1;
    }
}
