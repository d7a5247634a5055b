using System.Globalization;
using System.Text;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing.Recordings;

/// <summary>The recording memory tests run alone: the live heap they read is the whole process's, so a test class running
/// beside them would count against their bound.</summary>
[CollectionDefinition(nameof(RecordingMemoryRunsAlone), DisableParallelization = true)]
public sealed class RecordingMemoryRunsAlone;

/// <summary>A ~100 MB recording replays in bounded memory: measured live heap (after full collections) stays far below
/// the file's size, through the events replay and through the client.</summary>
[Collection(nameof(RecordingMemoryRunsAlone))]
public sealed class RecordingMemoryTests : IDisposable
{
    private const int Events = 45_000;
    private const long Margin = 40L * 1024 * 1024;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"jackpot-large-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Events_HundredMegabyteRecording_ReplaysInBoundedMemory()
    {
        Generate(_path, Events);
        new FileInfo(_path).Length.Should().BeGreaterThan(90L * 1024 * 1024);
        var recording = JackpotRecording.Open(_path);
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        int count = 0;
        var scheduler = new TestScheduler();

        using (recording.Events(scheduler).Subscribe(_ =>
        {
            if (++count % 5_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }))
        {
            scheduler.Start();
        }

        count.Should().Be(Events);
        (peak - baseline).Should().BeLessThan(Margin, "the file is never held whole");
    }

    [Fact]
    public void ReplayOn_HundredMegabyteRecording_ClientReplaysInBoundedMemory()
    {
        Generate(_path, Events);
        var recording = JackpotRecording.Open(_path);
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        int count = 0;
        var scheduler = new TestScheduler();
        var service = new VirtualPushService(scheduler);
        recording.ReplayOn(service);
        using var client = service.CreateClient(VirtualPushService.DefaultClientOptions with { IdleTimeout = null });

        using (client.Broadcast(Jackpots.DefaultGroup).Subscribe(_ =>
        {
            if (++count % 5_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }))
        {
            scheduler.AdvanceTo(TimeSpan.FromSeconds(Events + 10).Ticks);
        }

        count.Should().Be(Events);
        (peak - baseline).Should().BeLessThan(Margin, "the script is read as it runs");
    }

    /// <summary>Writes one open connection with an event a second, each carrying ~2 KB of padding in its data (an
    /// unknown field the decoder ignores), so the file passes 90 MB with few events and the test stays quick.</summary>
    internal static void Generate(string path, int events)
    {
        string padding = new('x', 2000);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write(RecordingFiles.Header + "\n");
        writer.Write(RecordingFiles.Line(0, "connect", 1) + "\n");
        writer.Write(RecordingFiles.Line(1, "open", 1) + "\n");
        for (int i = 1; i <= events; i++)
        {
            string value = (i % 10_000).ToString("0.00", CultureInfo.InvariantCulture);
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"t":{{i * 1000}},"kind":"event","channel":"W1_broadcast_G1","attempt":1,"id":"{{i}}","type":"message","data":"{\"reason\":\"jackpot_value\",\"jackpotInstance\":\"J1_1\",\"jackpot\":\"J1\",\"channel\":\"W1_broadcast_G1\",\"currency\":\"EUR\",\"value\":\"{{value}}\",\"padding\":\"{{padding}}\"}"}"""));
            writer.Write('\n');
        }
    }
}
