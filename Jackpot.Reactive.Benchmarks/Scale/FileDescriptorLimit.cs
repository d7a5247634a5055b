using System.Globalization;
using System.Runtime.InteropServices;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// The open-file limit (<c>RLIMIT_NOFILE</c>) of the benchmark process: raised from the soft to the hard limit at the
/// start (the .NET runtime usually has done so already; the benchmark does not rely on it), and the estimate of what a
/// run of the <c>channels</c> benchmark needs, so a run the limit cannot hold is skipped with a note instead of failing
/// half-way. Raising the hard limit itself takes privileges the benchmark does not ask for.
/// </summary>
internal static partial class FileDescriptorLimit
{
    /// <summary>Descriptors besides the channels' sockets: the runtime, the simulator's pipes, listening sockets.</summary>
    public const int Margin = 256;

    private const int LinuxNoFile = 7;

    /// <summary>Raises the soft limit to the hard limit (Linux); returns what it did, for the report.</summary>
    public static string RaiseSoftToHard()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not raised (not Linux)";
        }

        if (GetLimit(LinuxNoFile, out var limit) != 0)
        {
            return "unknown (getrlimit failed)";
        }

        if (limit.Soft >= limit.Hard)
        {
            return string.Create(CultureInfo.InvariantCulture, $"soft = hard = {limit.Hard:N0}");
        }

        ulong before = limit.Soft;
        limit.Soft = limit.Hard;
        return SetLimit(LinuxNoFile, in limit) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"soft raised by the benchmark from {before:N0} to the hard limit {limit.Hard:N0}")
            : string.Create(CultureInfo.InvariantCulture, $"soft {before:N0}, hard {limit.Hard:N0} (raising the soft limit failed: errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>The descriptors one process of the run needs: over HTTP/1.1 one socket per channel, over HTTP/2 one per
    /// <paramref name="maxStreams"/> channels; plus <see cref="Margin"/>.</summary>
    public static int Needed(JackpotPushProtocol protocol, int channels, int maxStreams) =>
        (protocol == JackpotPushProtocol.Http11 ? channels : (channels + maxStreams - 1) / maxStreams) + Margin;

    /// <summary>Why a run is skipped, or null when the limit holds it.</summary>
    public static string? SkipReason(JackpotPushProtocol protocol, int channels, int maxStreams)
    {
        int needed = Needed(protocol, channels, maxStreams);
        if (ProcessProbe.FileDescriptorSoftLimit() is not { } limit || needed <= limit)
        {
            return null;
        }

        string why = protocol == JackpotPushProtocol.Http11
            ? $"HTTP/1.1 needs one socket per channel, about {needed:N0} file descriptors in each of the two processes"
            : $"HTTP/2 needs one socket per {maxStreams:N0} channels, about {needed:N0} file descriptors";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"skipped: {why}, and the open-file limit is {limit:N0} (the hard limit: only a privileged shell can raise it — `ulimit -Hn`, `LimitNOFILE=`, limits.conf — and some containers do not allow it at all)");
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetLimit(int resource, out ResourceLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetLimit(int resource, in ResourceLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Soft;
        public ulong Hard;
    }
}
