using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Jackpot.Reactive.Tests.Channels;

public sealed class JackpotPushClientConcurrencyTests
{
    /// <summary>Thread-safe transport whose streams open and then stay silent; counts what is open.</summary>
    private sealed class CountingTransport : ISseTransport
    {
        private int _open;
        private int _total;

        public int Open => Volatile.Read(ref _open);

        public int Total => Volatile.Read(ref _total);

        public IObservable<SseTransportChunk> Connect(SseRequest request) => Observable.Create<SseTransportChunk>(observer =>
        {
            Interlocked.Increment(ref _total);
            Interlocked.Increment(ref _open);
            observer.OnNext(SseTransportChunk.Opened);
            return Disposable.Create(() => Interlocked.Decrement(ref _open));
        });
    }

    [Fact]
    public async Task SubscribeDisposeStorm_FromManyThreads_LeavesNoSubscriptionOrConnection()
    {
        var transport = new CountingTransport();
        var options = new JackpotPushClientOptions { Workspace = new WorkspaceId("ws"), Linger = TimeSpan.Zero };
        using var client = new JackpotPushClient(options, transport, scheduler: null, loggerFactory: null);
        var groups = new[] { new JackpotGroupId("g1"), new JackpotGroupId("g2"), new JackpotGroupId("g3") };
        int errors = 0;

        await Parallel.ForAsync(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, (i, _) =>
        {
            var group = groups[i % groups.Length];
            var first = client.Broadcast(group).Subscribe(_ => { }, _ => Interlocked.Increment(ref errors));
            var second = client.Broadcast(group).Subscribe(_ => { }, _ => Interlocked.Increment(ref errors));
            first.Dispose();
            second.Dispose();
            return ValueTask.CompletedTask;
        }).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        errors.Should().Be(0, "a subscribe/dispose race must never surface as an error");
        transport.Open.Should().Be(0);
        transport.Total.Should().BeGreaterThan(0);
        foreach (var group in groups)
        {
            var source = client.GetSource(ChannelName.Broadcast(options.Workspace, group));
            source.SubscriberCount.Should().Be(0);
            source.IsConnected.Should().BeFalse();
        }
    }

    [Fact]
    public async Task ConcurrentSubscribers_OfOneChannel_ShareOneConnection()
    {
        var transport = new CountingTransport();
        var options = new JackpotPushClientOptions { Workspace = new WorkspaceId("ws"), Linger = TimeSpan.FromMinutes(1) };
        using var client = new JackpotPushClient(options, transport, scheduler: null, loggerFactory: null);
        var subscriptions = new System.Collections.Concurrent.ConcurrentBag<IDisposable>();

        await Parallel.ForAsync(0, 1000, TestContext.Current.CancellationToken, (_, _) =>
        {
            subscriptions.Add(client.Broadcast(new JackpotGroupId("g1")).Subscribe(_ => { }));
            return ValueTask.CompletedTask;
        }).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        transport.Total.Should().Be(1);
        transport.Open.Should().Be(1);
        client.Dispose();
        transport.Open.Should().Be(0);
    }
}
