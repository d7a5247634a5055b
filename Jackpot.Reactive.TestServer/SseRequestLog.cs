using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;

namespace Jackpot.Reactive.TestServer;

/// <summary>
/// Every request a test server answered or a recording handler passed on, in order, and how many are still open: what
/// tests count and await (with a timeout, never a sleep). Thread-safe.
/// </summary>
public sealed class SseRequestLog : IDisposable
{
    /// <summary>How long the wait helpers wait unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<SseTestRequest> _requests = [];
    private readonly ReplaySubject<SseTestRequest> _stream = new();
    private readonly BehaviorSubject<int> _open = new(0);
    private int _openCount;

    /// <summary>The requests so far.</summary>
    public IReadOnlyList<SseTestRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every request, replayed to late subscribers, then as it arrives.</summary>
    public IObservable<SseTestRequest> RequestStream => _stream.AsObservable();

    /// <summary>The number of requests in progress (a request ends when its handler returns), replaying the current one.</summary>
    public IObservable<int> OpenRequests => _open.AsObservable();

    /// <summary>The requests so far for <paramref name="channel"/> (its <c>channel</c> query parameter).</summary>
    public IReadOnlyList<SseTestRequest> For(ChannelName channel) => [.. Requests.Where(r => r.Channel == channel.RawValue)];

    /// <summary>Waits until <paramref name="count"/> requests (matching <paramref name="where"/>) have arrived; returns them.</summary>
    /// <exception cref="TimeoutException">They did not arrive within <paramref name="timeout"/>.</exception>
    public async Task<IList<SseTestRequest>> WaitForRequestsAsync(
        int count, Func<SseTestRequest, bool>? where = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await _stream.Where(where ?? (_ => true)).Take(count).ToList().Timeout(timeout ?? DefaultTimeout).ToTask(cancellationToken).ConfigureAwait(false);

    /// <summary>Waits until exactly <paramref name="count"/> requests are open.</summary>
    /// <exception cref="TimeoutException">The count was not reached within <paramref name="timeout"/>.</exception>
    public Task WaitForOpenRequestsAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _open.FirstAsync(open => open == count).Timeout(timeout ?? DefaultTimeout).ToTask(cancellationToken);

    /// <summary>A handler for an <see cref="HttpClient"/> pipeline that records each request it passes on.</summary>
    public DelegatingHandler CreateRecordingHandler() => new RecordingHandler(this);

    /// <summary>Records a request; returns it with its index.</summary>
    public SseTestRequest Add(string path, string rawQuery, IReadOnlyDictionary<string, string> headers)
    {
        lock (_gate)
        {
            var request = new SseTestRequest(_requests.Count, path, rawQuery, headers);
            _requests.Add(request);
            _stream.OnNext(request);
            return request;
        }
    }

    /// <summary>Records an <see cref="HttpRequestMessage"/> (its request and content headers).</summary>
    public SseTestRequest Add(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        return Add(uri.AbsolutePath, uri.Query, headers);
    }

    /// <summary>Counts a request in (+1) or out (-1).</summary>
    internal void ChangeOpenCount(int delta)
    {
        lock (_gate)
        {
            _openCount += delta;
            _open.OnNext(_openCount);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        _open.Dispose();
    }

    private sealed class RecordingHandler(SseRequestLog log) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            log.Add(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
