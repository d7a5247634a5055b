using System.Buffers;
using System.Globalization;
using System.Net;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// The baseline of <see cref="ManyChannelsBenchmark"/>: the same channels read with a bare <see cref="HttpClient"/> on
/// the library's default handler — a GET per channel, the body waited on with a zero-byte read and read into a pooled
/// buffer — so the handler's own cost per stream (or connection) is told apart from the library's.
/// </summary>
internal sealed class BareStreams : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];

    public BareStreams(JackpotPushProtocol protocol)
    {
        var (version, policy) = protocol == JackpotPushProtocol.Http2
            ? (HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact)
            : (HttpVersion.Version11, HttpVersionPolicy.RequestVersionExact);
        _http = new HttpClient(HttpSseTransport.CreateDefaultHandler()) { DefaultRequestVersion = version, DefaultVersionPolicy = policy };
    }

    /// <summary>Opens <paramref name="count"/> streams, spread over the simulator's ports, in batches.</summary>
    public async Task OpenAsync(SimulatorProcess simulator, int count, int batch)
    {
        for (int first = 0; first < count; first += batch)
        {
            var opened = new List<Task>(batch);
            for (int i = first; i < Math.Min(count, first + batch); i++)
            {
                var channel = ChannelName.Player(SimulatorProcess.Workspace, new PlayerId("bare-" + i.ToString(CultureInfo.InvariantCulture)));
                var uri = JackpotPushEndpoint.BuildSubscribeUri(channel, simulator.SubscribeUris[i % simulator.SubscribeUris.Count]);
                var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                opened.Add(open.Task);
                _readers.Add(ReadAsync(uri, open));
            }

            await Task.WhenAll(opened).WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_readers).ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(Uri uri, TaskCompletionSource open)
    {
        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, _stop.Token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(_stop.Token).ConfigureAwait(false);
            open.TrySetResult();
            while (true)
            {
                await body.ReadAsync(Memory<byte>.Empty, _stop.Token).ConfigureAwait(false);
                byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
                int read = await body.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                ArrayPool<byte>.Shared.Return(buffer);
                if (read == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            open.TrySetException(error);
        }
    }
}
