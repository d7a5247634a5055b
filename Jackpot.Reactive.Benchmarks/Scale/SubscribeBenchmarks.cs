using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using BenchmarkDotNet.Attributes;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// The cost of subscribing to (and leaving) a hot channel that already has 1 or 10,000 subscribers: a
/// <see cref="JackpotPushClient"/> broadcast stream over a transport that opens and never sends, against the hot stream a
/// user would share by hand, <c>Subject.Publish().RefCount()</c>. One operation is a subscribe and its dispose, so the
/// number of subscribers stays put.
/// </summary>
[MemoryDiagnoser]
public class SubscribeBenchmarks
{
    private readonly List<IDisposable> _existing = [];
    private readonly IObserver<JackpotEvent> _observer = new NullObserver();
    private JackpotPushClient? _client;
    private Subject<JackpotEvent>? _subject;
    private IObservable<JackpotEvent> _channel = Observable.Never<JackpotEvent>();
    private IObservable<JackpotEvent> _shared = Observable.Never<JackpotEvent>();

    [Params(1, 10_000)]
    public int Existing { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new JackpotPushClientOptions
        {
            Workspace = new WorkspaceId(FeedStream.Workspace),
            Endpoint = new Uri("http://127.0.0.1:9/subscribe"),
            Linger = TimeSpan.Zero,
        };
        _client = new JackpotPushClient(options, new SilentTransport(), new HistoricalScheduler(), loggerFactory: null);
        _channel = _client.Broadcast(new JackpotGroupId(FeedStream.Group));
        _subject = new Subject<JackpotEvent>();
        _shared = _subject.Publish().RefCount();
        for (int i = 0; i < Existing; i++)
        {
            _existing.Add(_channel.Subscribe(new NullObserver()));
            _existing.Add(_shared.Subscribe(new NullObserver()));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _existing.ForEach(subscription => subscription.Dispose());
        _existing.Clear();
        _client?.Dispose();
        _subject?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void SubjectPublishRefCount() => _shared.Subscribe(_observer).Dispose();

    [Benchmark]
    public void JackpotPushClientBroadcast() => _channel.Subscribe(_observer).Dispose();

    /// <summary>Answers every request at once and then never sends a byte nor ends.</summary>
    private sealed class SilentTransport : ISseTransport
    {
        public IObservable<SseTransportChunk> Connect(SseRequest request) =>
            Observable.Never<SseTransportChunk>().StartWith(SseTransportChunk.Opened);
    }

    private sealed class NullObserver : IObserver<JackpotEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(JackpotEvent value)
        {
        }
    }
}
