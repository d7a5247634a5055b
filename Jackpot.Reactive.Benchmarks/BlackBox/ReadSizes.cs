namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>
/// How the response stream of <see cref="HttpClient"/> hands out a flood: <c>profile reads &lt;url&gt;</c> reads the
/// black-box server's stream for a few seconds in three ways — a zero-byte read before every read (what the transport
/// did), direct reads into one buffer, and zero-byte reads only after a read that returned little — and prints reads
/// per second, bytes per read and the process's CPU time per MB.
/// </summary>
internal static class ReadSizes
{
    public static async Task RunAsync(Uri url, TimeSpan duration)
    {
        foreach (string strategy in (string[])["zero-byte always", "direct", "zero-byte after a short read", "zero-byte always", "direct", "zero-byte after a short read"])
        {
            using var http = new HttpClient(HttpSseTransport.CreateDefaultHandler());
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            byte[] buffer = new byte[16 * 1024];
            long reads = 0, zeroByteReads = 0, bytes = 0, synchronous = 0;
            int last = 0;
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var until = DateTime.UtcNow + duration;
            while (DateTime.UtcNow < until)
            {
                if (strategy == "zero-byte always" || (strategy == "zero-byte after a short read" && last < 4096))
                {
                    await body.ReadAsync(Memory<byte>.Empty).ConfigureAwait(false);
                    zeroByteReads++;
                }

                var pending = body.ReadAsync(buffer.AsMemory());
                if (pending.IsCompleted)
                {
                    synchronous++;
                }

                last = await pending.ConfigureAwait(false);
                reads++;
                bytes += last;
            }

            double cpuMs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"{strategy,-30} {reads / duration.TotalSeconds,9:F0} reads/s {bytes / (double)reads,7:F0} B/read {synchronous * 100.0 / reads,5:F1} % sync, {zeroByteReads / duration.TotalSeconds,9:F0} zero-byte/s, {cpuMs / (bytes / 1e6),6:F1} ms CPU/MB, {bytes / duration.TotalSeconds / 1e6,6:F1} MB/s");
        }
    }
}
