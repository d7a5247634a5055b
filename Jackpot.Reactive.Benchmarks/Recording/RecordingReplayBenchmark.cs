using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Benchmarks.Recording;

/// <summary>
/// <c>recording [--hours N] [--large-mb M]</c>: the replay speed of recordings — recorded hours per wall-clock second, as
/// events on a <c>TestScheduler</c> and through the client on the virtual push service — on an hour of simulator-like
/// traffic (three jackpots updating every second, a heartbeat comment every 15 s), and the live heap while a large
/// recording (events padded to ~2 KB) replays. Generates its recordings in the temporary folder and deletes them.
/// </summary>
internal static class RecordingReplayBenchmark
{
    public static int Run(string[] args)
    {
        double hours = Option(args, "--hours", 1);
        double largeMb = Option(args, "--large-mb", 100);
        string hour = Path.Combine(Path.GetTempPath(), $"jackpot-bench-hour-{Environment.ProcessId}.jsonl");
        string large = Path.Combine(Path.GetTempPath(), $"jackpot-bench-large-{Environment.ProcessId}.jsonl");
        try
        {
            int traffic = Generate(hour, TimeSpan.FromHours(hours), jackpots: 3, padding: 0);
            var recorded = TimeSpan.FromHours(hours);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"traffic: {hours} h, {traffic} events, {new FileInfo(hour).Length / 1024.0 / 1024.0:F1} MB"));
            Measure("events", hour, recorded, Events);
            Measure("client", hour, recorded, Client);

            int padded = (int)(largeMb * 1024 * 1024 / 2300);
            Generate(large, TimeSpan.FromSeconds(padded), jackpots: 1, padding: 2000);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"large: {new FileInfo(large).Length / 1024.0 / 1024.0:F1} MB, {padded} events"));
            Measure("events (large)", large, TimeSpan.FromSeconds(padded), Events);
            Measure("client (large)", large, TimeSpan.FromSeconds(padded), Client);
            return 0;
        }
        finally
        {
            File.Delete(hour);
            File.Delete(large);
        }
    }

    private static void Measure(string name, string path, TimeSpan recorded, Func<JackpotRecording, TimeSpan, Action, int> replay)
    {
        var recording = JackpotRecording.Open(path);
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        int sampled = 0;
        var stopwatch = Stopwatch.StartNew();
        int events = replay(recording, recorded, () =>
        {
            if (++sampled % 20_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            }
        });
        stopwatch.Stop();
        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-16} {events,9} events in {stopwatch.Elapsed.TotalSeconds,7:F3} s = {recorded.TotalHours / stopwatch.Elapsed.TotalSeconds,8:F2} recorded h/s; heap growth ≤ {(peak - baseline) / 1024.0 / 1024.0:F1} MB (sampled without forcing GC); peak working set {Environment.WorkingSet / 1024.0 / 1024.0:F0} MB"));
    }

    private static int Events(JackpotRecording recording, TimeSpan recorded, Action onEvent)
    {
        var scheduler = new TestScheduler();
        int count = 0;
        using (recording.Events(scheduler).Subscribe(_ =>
        {
            count++;
            onEvent();
        }))
        {
            scheduler.Start();
        }

        return count;
    }

    private static int Client(JackpotRecording recording, TimeSpan recorded, Action onEvent)
    {
        var scheduler = new TestScheduler();
        var service = new VirtualPushService(scheduler);
        recording.ReplayOn(service);
        using var client = service.CreateClient(VirtualPushService.DefaultClientOptions with { IdleTimeout = null });
        int count = 0;
        using (client.Broadcast(Jackpots.DefaultGroup).Subscribe(_ =>
        {
            count++;
            onEvent();
        }))
        {
            scheduler.AdvanceTo((recorded + TimeSpan.FromSeconds(1)).Ticks);
        }

        return count;
    }

    /// <summary>One open connection of the default broadcast channel: each jackpot updates once a second, a heartbeat
    /// comment every 15 s; <paramref name="padding"/> characters of an unknown field make events larger.</summary>
    private static int Generate(string path, TimeSpan length, int jackpots, int padding)
    {
        string pad = padding > 0 ? ",\\\"padding\\\":\\\"" + new string('x', padding) + "\\\"" : string.Empty;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write("""{"format":"jackpot-recording","version":1,"recordedAt":"2026-01-01T00:00:00.000Z","source":"benchmark","channels":["W1_broadcast_G1"],"playerIds":"pseudonymised"}""" + "\n");
        writer.Write("""{"t":0,"kind":"connect","channel":"W1_broadcast_G1","attempt":1}""" + "\n");
        writer.Write("""{"t":1,"kind":"open","channel":"W1_broadcast_G1","attempt":1,"status":200,"contentType":"text/event-stream"}""" + "\n");
        int id = 0;
        for (long second = 1; second <= (long)length.TotalSeconds; second++)
        {
            for (int j = 1; j <= jackpots; j++)
            {
                id++;
                long t = second * 1000 + j;
                string value = (100 + (id % 5000) / 10.0).ToString("0.00", CultureInfo.InvariantCulture);
                writer.Write(string.Create(
                    CultureInfo.InvariantCulture,
                    $$"""{"t":{{t}},"kind":"event","channel":"W1_broadcast_G1","attempt":1,"id":"{{id}}","type":"message","data":"{\"reason\":\"jackpot_value\",\"jackpotInstance\":\"J{{j}}_1\",\"jackpot\":\"J{{j}}\",\"channel\":\"W1_broadcast_G1\",\"currency\":\"EUR\",\"value\":\"{{value}}\"{{pad}}}"}"""));
                writer.Write('\n');
            }

            if (second % 15 == 0)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $$"""{"t":{{second * 1000 + 500}},"kind":"comment","channel":"W1_broadcast_G1","attempt":1,"text":" heartbeat"}""") + "\n");
            }
        }

        return id;
    }

    private static double Option(string[] args, string name, double fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
