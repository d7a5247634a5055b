using Jackpot.Reactive.Samples;

namespace Jackpot.Reactive.Tests.Reliability;

/// <summary>How the fault matrix and the soak tell what a process's handles are, and when their growth is a leak.</summary>
public sealed class ResourceUsageTests
{
    [Theory]
    [InlineData("socket:[17786]", "socket", null)]
    [InlineData("pipe:[15329]", "pipe", null)]
    [InlineData("anon_inode:[eventpoll]", "eventpoll", null)]
    [InlineData("anon_inode:[eventfd]", "eventfd", null)]
    [InlineData("anon_inode:inotify", "inotify", null)]
    [InlineData("/dev/urandom", "device", "/dev/urandom")]
    [InlineData("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Net.Quic.dll", "assembly", "System.Net.Quic.dll")]
    [InlineData("/work/app/bin/Jackpot.Reactive.pdb", "symbols", "Jackpot.Reactive.pdb")]
    [InlineData("/usr/lib/libSystem.Native.so", "native library", "libSystem.Native.so")]
    [InlineData("/tmp/report.txt (deleted)", "file", "report.txt")]
    [InlineData("net:[4026531840]", "net", null)]
    [InlineData("", "other", null)]
    public void Classify_LinkTarget_NamesItsKind(string target, string kind, string? name) =>
        HandleKinds.Classify(target).Should().Be(new HandleKind(kind, name));

    [Fact]
    public void DescribeChanges_AssembliesLoadedAndASocketClosed_NamesEachByKind()
    {
        var start = Counts((Socket, 4), (Pipe, 7), (Assembly("System.Runtime.dll"), 2));
        var end = Counts((Socket, 3), (Pipe, 7), (Assembly("System.Runtime.dll"), 2), (Assembly("System.Net.Quic.dll"), 2), (Assembly("System.Runtime.Loader.dll"), 2), (new HandleKind("symbols", "Jackpot.Reactive.pdb"), 1));

        string changes = HandleKinds.DescribeChanges(start, end);

        changes.Should().Be("assembly +4 (System.Net.Quic.dll +2, System.Runtime.Loader.dll +2), socket -1, symbols +1 (Jackpot.Reactive.pdb +1)");
        HandleKinds.DescribeChanges(start, start).Should().Be("no change by kind");
        HandleKinds.Summarize(end).Should().Be("pipe 7, assembly 6, socket 3, symbols 1");
    }

    [Fact]
    public void FindLeaks_ASocketKeptPerRunOverASoak_ReportsTheHandlesByKind()
    {
        // A 2-minute soak makes about 83 scenario runs: one handle kept per run must fail the check.
        var start = Usage(Counts((Socket, 2), (Pipe, 7), (Assembly("System.Runtime.dll"), 200)));
        var end = Usage(Counts((Socket, 2 + 83), (Pipe, 7), (Assembly("System.Runtime.dll"), 200)));

        var leaks = LeakTolerance.Soak.FindLeaks(start, end);

        leaks.Should().Equal("handles 209 -> 292 (0 of them code loaded late): socket +83", "sockets 2 -> 85");
    }

    [Fact]
    public void FindLeaks_APipeKeptPerRunOverASoak_IsALeakThoughSocketsHold()
    {
        var start = Usage(Counts((Socket, 2), (Pipe, 7)));
        var end = Usage(Counts((Socket, 2), (Pipe, 7 + 83)));

        LeakTolerance.Soak.FindLeaks(start, end).Should().Equal("handles 9 -> 92 (0 of them code loaded late): pipe +83");
    }

    [Fact]
    public void FindLeaks_AssembliesAndSymbolsLoadedLate_IsNoLeak()
    {
        // What a 2-minute soak that measured after a single healthy run found: framework assemblies and a symbol file
        // loaded on the first run of a fault's code path, each open for the rest of the process's life.
        var start = Usage(Counts((Socket, 2), (Assembly("System.Runtime.dll"), 200)));
        var end = Usage(Counts(
            (Socket, 3),
            (Assembly("System.Runtime.dll"), 200),
            (Assembly("System.Diagnostics.StackTrace.dll"), 2),
            (Assembly("System.IO.MemoryMappedFiles.dll"), 2),
            (Assembly("System.Net.NetworkInformation.dll"), 2),
            (Assembly("System.Net.Quic.dll"), 2),
            (Assembly("System.Reflection.Metadata.dll"), 2),
            (Assembly("System.Runtime.Loader.dll"), 2),
            (new HandleKind("symbols", "Jackpot.Reactive.pdb"), 1)));

        LeakTolerance.Soak.FindLeaks(start, end).Should().BeEmpty();
    }

    [Fact]
    public void FindLeaks_CodeLoadedLateBesideAPipePerRun_CountsOnlyThePipes()
    {
        var start = Usage(Counts((Socket, 2), (Pipe, 7)));
        var end = Usage(Counts((Socket, 2), (Pipe, 7 + 9), (Assembly("System.Net.Quic.dll"), 2)));

        LeakTolerance.Soak.FindLeaks(start, end).Should().Equal("handles 9 -> 20 (2 of them code loaded late): assembly +2 (System.Net.Quic.dll +2), pipe +9");
    }

    [Fact]
    public void FindLeaks_AFileOpenedPerRun_IsALeakEvenWhenItIsCode()
    {
        var start = Usage(Counts((Socket, 2), (Assembly("System.Runtime.dll"), 2)));
        var end = Usage(Counts((Socket, 2), (Assembly("System.Runtime.dll"), 2 + 83), (Assembly("Plugin.dll"), 83)));

        LeakTolerance.Soak.FindLeaks(start, end).Should().ContainSingle().Which.Should().StartWith("handles 4 -> 170 (0 of them code loaded late)");
    }

    [Fact]
    public void Measure_OnLinux_CountsEveryDescriptorByKind()
    {
        Assert.SkipUnless(Directory.Exists("/proc/self/fd"), "The process's descriptors are listed on Linux only.");

        var usage = ResourceUsage.Measure();

        usage.HandlesByKind.Values.Sum().Should().Be(usage.Handles);
        usage.HandlesByKind.Keys.Should().Contain(kind => kind.Kind == "assembly" && kind.Name == "System.Private.CoreLib.dll");
        usage.Sockets.Should().Be(usage.HandlesByKind.GetValueOrDefault(Socket));
    }

    private static HandleKind Socket { get; } = new("socket", null);

    private static HandleKind Pipe { get; } = new("pipe", null);

    private static HandleKind Assembly(string name) => new("assembly", name);

    private static Dictionary<HandleKind, int> Counts(params (HandleKind Kind, int Count)[] counts) =>
        counts.ToDictionary(pair => pair.Kind, pair => pair.Count);

    private static ResourceUsage Usage(Dictionary<HandleKind, int> handles) =>
        new(ManagedHeapBytes: 1024 * 1024, DedicatedThreads: 13, Timers: 2, handles.Values.Sum(), handles.GetValueOrDefault(Socket)) { HandlesByKind = handles };
}
