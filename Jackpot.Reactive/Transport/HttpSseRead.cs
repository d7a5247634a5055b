using System.Buffers;
using System.Net;

namespace Jackpot.Reactive;

/// <summary>One subscription of <see cref="HttpSseTransport.Connect"/>: sends the request and streams the body.</summary>
/// <remarks>
/// The read loop is the only caller of the observer, so its calls are serialized. Disposal cancels the request or the
/// read; the response, its stream and the pooled buffer are released when the loop ends, and nothing is emitted after
/// disposal has begun. The pooled read buffer is held only while bytes are arriving: after a short read the stream waits
/// in a zero-byte read, so thousands of quiet channels do not each pin a <see cref="HttpSseTransport.ReadBufferSize"/>
/// buffer, and the first read after the wait goes into a small one (<see cref="HttpSseTransport.QuietReadBufferSize"/>);
/// after a read of at least <see cref="HttpSseTransport.BusyReadBytes"/> (a busy stream) it reads again at once into a
/// large buffer, so a flood pays one read per chunk rather than two.
/// </remarks>
internal sealed partial class HttpSseRead : IDisposable
{

    private readonly HttpClient _httpClient;
    /// <summary>The request, until its response is accepted: the stream that follows does not need it.</summary>
    private SseRequest? _request;
    private readonly string? _lastEventIdHeaderValue;
    private readonly bool _browser;
    private readonly IObserver<SseTransportChunk> _observer;
    private readonly Version _requestVersion;
    private readonly HttpVersionPolicy _versionPolicy;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly CancellationToken _cancellationToken;
    private HttpRequestMessage? _message;

    /// <summary><see cref="Running"/>, then <see cref="Disposed"/> or <see cref="Finished"/> (whichever comes first),
    /// then both: the cancellation source is cancelled only while the loop runs, and disposed only by the loop.</summary>
    private int _state;

    public HttpSseRead(
        HttpClient httpClient,
        SseRequest request,
        string? lastEventIdHeaderValue,
        bool browser,
        IObserver<SseTransportChunk> observer,
        Version requestVersion,
        HttpVersionPolicy versionPolicy)
    {
        _requestVersion = requestVersion;
        _versionPolicy = versionPolicy;
        _httpClient = httpClient;
        _request = request;
        _lastEventIdHeaderValue = lastEventIdHeaderValue;
        _browser = browser;
        _observer = observer;
        _cancellationToken = _cancellation.Token;
    }

    private const int Running = 0;
    private const int Disposed = 1;
    private const int Finished = 2;

    private bool IsDisposed => (Volatile.Read(ref _state) & Disposed) != 0;

    /// <summary>Starts the read loop on the thread pool (not on the subscriber's thread, which may hold its locks).</summary>
    /// <remarks>Queued as a work item rather than through <see cref="Task.Run(Func{Task})"/>, whose proxy task would stay
    /// alive, with the delegate, for as long as the stream is open: thousands of idle channels pay for each object.</remarks>
    public void Start() => ThreadPool.QueueUserWorkItem(static read => _ = read.RunAsync(), this, preferLocal: false);

    public void Dispose()
    {
        int previous = Interlocked.Or(ref _state, Disposed);
        if (previous == Running)
        {
            // The loop had not finished: it leaves the source undisposed from now on (a source without a timer holds
            // nothing that needs releasing), so cancelling it here cannot race with its disposal.
            _cancellation.Cancel();
        }
    }

    private async Task RunAsync()
    {
        HttpResponseMessage? response = null;
        Stream? body = null;
        byte[]? buffer = null;
        try
        {
            response = _browser
                ? await SendInBrowserAsync().ConfigureAwait(false)
                : await SendAsync(withLastEventId: true, withPreflightHeaders: true).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK
                || !SseContentType.IsEventStream(response.Content.Headers))
            {
                Fail(CreateRejection(response));
                return;
            }

            _request = null;
            body = await response.Content.ReadAsStreamAsync(_cancellationToken).ConfigureAwait(false);
            var opened = _lastEventIdRefusal is { } refusal
                ? SseTransportChunk.OpenedWithoutLastEventId(refusal, response.Version)
                : SseTransportChunk.OpenedWith(response.Version);
            if (!TryEmit(opened))
            {
                buffer = ArrayPool<byte>.Shared.Rent(HttpSseTransport.ReadBufferSize);
                await AbandonAsync(body, buffer).ConfigureAwait(false);
                return;
            }

            while (true)
            {
                if (buffer is null)
                {
                    // Wait for bytes without holding a buffer (a zero-byte read), so a quiet stream costs none; a
                    // stream that cannot wait that way returns at once and the read below waits instead. What wakes a
                    // quiet stream is usually one event: it is read into a small buffer, from a pool bucket other than
                    // the HTTP handler's own 16 KiB blocks, so thousands of channels waking at once neither drain the
                    // large bucket nor allocate large arrays when it runs dry.
                    await body.ReadAsync(Memory<byte>.Empty, _cancellationToken).ConfigureAwait(false);
                    buffer = ArrayPool<byte>.Shared.Rent(HttpSseTransport.QuietReadBufferSize);
                }

                int read = await body.ReadAsync(buffer.AsMemory(), _cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (!TryEmit(SseTransportChunk.FromData(buffer.AsMemory(0, read))))
                {
                    await AbandonAsync(body, buffer).ConfigureAwait(false);
                    return;
                }

                if (read < HttpSseTransport.BusyReadBytes)
                {
                    // A short read has consumed what had arrived: give the buffer back until more does. A long one
                    // (a busy stream) keeps a large buffer and reads again at once, without a zero-byte read between.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }
                else if (buffer.Length < HttpSseTransport.ReadBufferSize)
                {
                    // The small buffer came back full: more is arriving, so read on into a large one.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(HttpSseTransport.ReadBufferSize);
                }
            }

            Complete();
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            // Disposed while waiting: the cancelled request or read has already closed the connection.
        }
        catch (OperationCanceledException timeout)
        {
            Fail(new TimeoutException("The server did not answer within the HTTP client's timeout.", timeout));
        }
        catch (Exception error)
        {
            Fail(error);
        }
        finally
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }

            response?.Dispose();
            _message?.Dispose();
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if ((Interlocked.Or(ref _state, Finished) & Disposed) == 0)
            {
                _cancellation.Dispose();
            }
        }
    }

    /// <summary>
    /// Closes the connection under an unfinished body after disposal. Disposing such a response would make the handler
    /// drain the (endless) stream for up to its drain timeout, keeping the server's request open; a read that is cancelled
    /// while pending makes it abort the connection at once instead.
    /// </summary>
    private static async Task AbandonAsync(Stream body, byte[] buffer)
    {
        using var abort = new CancellationTokenSource();
        var pending = body.ReadAsync(buffer.AsMemory(), abort.Token);
        await abort.CancelAsync().ConfigureAwait(false);
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled (or already broken): either way the connection is gone.
        }
    }

    private bool TryEmit(SseTransportChunk chunk)
    {
        if (IsDisposed)
        {
            return false;
        }

        _observer.OnNext(chunk);
        return !IsDisposed;
    }

    private void Complete()
    {
        if (!IsDisposed)
        {
            _observer.OnCompleted();
        }
    }

    private void Fail(Exception error)
    {
        if (!IsDisposed)
        {
            _observer.OnError(error);
        }
    }
}
