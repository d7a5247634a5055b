using System.Globalization;
using System.Net;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>Managed heap per idle channel for one channel count: ours and a naive idle SSE reader.</summary>
internal sealed record IdleChannelSample(int Channels, double OurBytesPerChannel, double NaiveBytesPerChannel);

/// <summary>
/// Managed heap per open, subscribed, idle channel: <c>GC.GetTotalMemory(true)</c> before and after opening N player
/// channels of one <see cref="JackpotPushClient"/>, against a loopback simulator in its own process (so none of the
/// server's allocations are counted) that sends nothing on player channels. The baseline is the naive consumer's idle
/// connection: <see cref="HttpClient"/> with a <see cref="StreamReader"/> waiting in <c>ReadLineAsync</c>.
/// </summary>
internal static class IdleChannelMemory
{
    private const int WarmupChannels = 50;

    /// <summary>Time for every connection to reach its pending body read after its headers arrived.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    public static async Task<IReadOnlyList<IdleChannelSample>> RunAsync(HarnessSettings settings, TextWriter log)
    {
        using var simulator = await SimulatorProcess.StartAsync("--heartbeat-ms", "3600000", "--win-probability", "0").ConfigureAwait(false);
        await MeasureOursAsync(simulator, WarmupChannels).ConfigureAwait(false);
        await MeasureNaiveAsync(simulator, WarmupChannels).ConfigureAwait(false);
        var samples = new List<IdleChannelSample>();
        foreach (int channels in settings.IdleChannelCounts)
        {
            double ours = await MeasureOursAsync(simulator, channels).ConfigureAwait(false);
            double naive = await MeasureNaiveAsync(simulator, channels).ConfigureAwait(false);
            samples.Add(new IdleChannelSample(channels, ours, naive));
            log.WriteLine($"  idle channels {channels}: JackpotPushClient {ours / 1024:F1} KB/channel, naive {naive / 1024:F1} KB/connection");
        }

        return samples;
    }

    private static async Task<double> MeasureOursAsync(SimulatorProcess simulator, int channels)
    {
        long before = await SettledHeapSizeAsync().ConfigureAwait(false);
        var client = new JackpotPushClient(
            new JackpotPushClientOptions { Endpoint = simulator.SubscribeUri, Workspace = SimulatorProcess.Workspace, Linger = TimeSpan.Zero },
            httpClient: null,
            scheduler: null,
            loggerFactory: null);
        var subscriptions = new List<IDisposable>(channels);
        try
        {
            var opened = new List<Task>(channels);
            for (int i = 0; i < channels; i++)
            {
                var channel = ChannelName.Player(SimulatorProcess.Workspace, new PlayerId("idle-" + i.ToString(CultureInfo.InvariantCulture)));
                opened.Add(client.Status(channel).FirstAsync(status => status.State == ChannelState.Open).ToTask());
                subscriptions.Add(client.Channel(channel).Subscribe(static _ => { }));
            }

            await Task.WhenAll(opened).WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            opened.Clear();
            await Task.Delay(Settle).ConfigureAwait(false);
            long after = GC.GetTotalMemory(forceFullCollection: true);
            return (after - before) / (double)channels;
        }
        finally
        {
            subscriptions.ForEach(subscription => subscription.Dispose());
            client.Dispose();
        }
    }

    private static async Task<double> MeasureNaiveAsync(SimulatorProcess simulator, int channels)
    {
        long before = await SettledHeapSizeAsync().ConfigureAwait(false);
        var http = new HttpClient();
        using var stop = new CancellationTokenSource();
        var readers = new List<Task>(channels);
        try
        {
            var opened = new List<Task>(channels);
            for (int i = 0; i < channels; i++)
            {
                var channel = ChannelName.Player(SimulatorProcess.Workspace, new PlayerId("naive-" + i.ToString(CultureInfo.InvariantCulture)));
                var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                opened.Add(open.Task);
                readers.Add(ReadAsync(http, JackpotPushEndpoint.BuildSubscribeUri(channel, simulator.SubscribeUri), open, stop.Token));
            }

            await Task.WhenAll(opened).WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            opened.Clear();
            await Task.Delay(Settle).ConfigureAwait(false);
            long after = GC.GetTotalMemory(forceFullCollection: true);
            return (after - before) / (double)channels;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(readers).ConfigureAwait(false);
            http.Dispose();
        }
    }

    /// <summary>
    /// The heap size once the connections of the previous measurement are gone: they close asynchronously after their
    /// client is disposed, and counting them in "before" would make the next consumer look smaller than it is.
    /// </summary>
    private static async Task<long> SettledHeapSizeAsync()
    {
        const long Tolerance = 64 * 1024;
        long previous = GC.GetTotalMemory(forceFullCollection: true);
        for (int attempt = 0; attempt < 40; attempt++)
        {
            await Task.Delay(Settle).ConfigureAwait(false);
            long current = GC.GetTotalMemory(forceFullCollection: true);
            if (Math.Abs(current - previous) < Tolerance)
            {
                return current;
            }

            previous = current;
        }

        return previous;
    }

    private static async Task ReadAsync(HttpClient http, Uri uri, TaskCompletionSource open, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new HttpRequestException($"The simulator answered {(int)response.StatusCode}.");
            }

            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var line = reader.ReadLineAsync(cancellationToken);
            open.TrySetResult();
            while (await line.ConfigureAwait(false) is not null)
            {
                line = reader.ReadLineAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            open.TrySetException(error);
        }
    }
}
