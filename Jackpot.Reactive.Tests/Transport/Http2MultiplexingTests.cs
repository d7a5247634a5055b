using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Jackpot.Reactive.Simulator;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Jackpot.Reactive.Tests.Transport;

/// <summary>
/// <see cref="JackpotPushClient"/> over HTTP/2 against the simulator on loopback: protocol negotiation and fallback,
/// many channels over one connection, the server's stream limit, a stream reset and a killed connection.
/// </summary>
public sealed class Http2MultiplexingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly WorkspaceId Workspace = new("h2");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(HttpProtocols.Http1AndHttp2, "2.0")]
    [InlineData(HttpProtocols.Http1, "1.1")]
    public async Task Open_OverTlsNegotiate_UsesWhatTheServerOffersByAlpn(HttpProtocols serverProtocols, string expected)
    {
        await using var simulator = await StartAsync("https://127.0.0.1:0", serverProtocols);
        using var http = new HttpClient(PinnedHandler(simulator));
        using var client = new JackpotPushClient(Options(simulator, JackpotPushProtocol.Negotiate), http, scheduler: null, loggerFactory: null);

        var open = await OpenAsync(client, Player(0));

        open.HttpVersion.Should().Be(Version.Parse(expected));
    }

    [Fact]
    public async Task Open_H2cWithProtocolHttp2_UsesHttp2OnPlainHttp()
    {
        await using var simulator = await StartAsync("http://127.0.0.1:0", HttpProtocols.Http2);
        using var client = new JackpotPushClient(Options(simulator, JackpotPushProtocol.Http2));

        var open = await OpenAsync(client, Player(0));

        open.HttpVersion.Should().Be(HttpVersion.Version20);
    }

    [Fact]
    public async Task Open_DefaultProtocolOnPlainHttp_UsesHttp11()
    {
        await using var simulator = await StartAsync("http://127.0.0.1:0", HttpProtocols.Http1AndHttp2);
        using var client = new JackpotPushClient(Options(simulator, protocol: null));

        var open = await OpenAsync(client, Player(0));

        open.HttpVersion.Should().Be(HttpVersion.Version11);
    }

    [Fact]
    public async Task Open_SuppliedHttpClientAskingForHttp2Exactly_GetsH2c()
    {
        await using var simulator = await StartAsync("http://127.0.0.1:0", HttpProtocols.Http2);
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var client = new JackpotPushClient(Options(simulator, protocol: null), http, scheduler: null, loggerFactory: null);

        var open = await OpenAsync(client, Player(0));

        open.HttpVersion.Should().Be(HttpVersion.Version20);
    }

    [Fact]
    public async Task Open_SuppliedHttpClientWithItsDefaults_KeepsHttp11EvenWhereTheServerOffersH2()
    {
        await using var simulator = await StartAsync("https://127.0.0.1:0", HttpProtocols.Http1AndHttp2);
        using var http = new HttpClient(PinnedHandler(simulator));
        using var client = new JackpotPushClient(Options(simulator, protocol: null), http, scheduler: null, loggerFactory: null);

        var open = await OpenAsync(client, Player(0));

        open.HttpVersion.Should().Be(HttpVersion.Version11);
    }

    [Fact]
    public async Task Open_ManyChannelsOverHttp2_ShareOneConnection()
    {
        await using var simulator = await StartAsync("https://127.0.0.1:0", HttpProtocols.Http1AndHttp2);
        using var http = new HttpClient(PinnedHandler(simulator));
        using var client = new JackpotPushClient(Options(simulator, JackpotPushProtocol.Negotiate), http, scheduler: null, loggerFactory: null);

        var opened = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => OpenAsync(client, Player(i))));

        opened.Should().AllSatisfy(status => status.HttpVersion.Should().Be(HttpVersion.Version20));
        simulator.OpenConnections.Should().Be(20);
        simulator.OpenTransportConnections.Should().Be(1);
        simulator.GetStreamsPerConnection().Should().Equal(20);
    }

    [Fact]
    public async Task Open_MoreChannelsThanTheStreamLimit_OpensAFurtherConnection()
    {
        await using var simulator = await StartAsync("http://127.0.0.1:0", HttpProtocols.Http2, maxStreams: 5);
        using var client = new JackpotPushClient(Options(simulator, JackpotPushProtocol.Http2));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => OpenAsync(client, Player(i))));

        simulator.OpenTransportConnections.Should().Be(2);
        simulator.GetStreamsPerConnection().Should().Equal(5, 3);
    }

    [Fact]
    public async Task ResetStreams_OneChannelOfASharedConnection_OnlyThatChannelReconnects()
    {
        await using var simulator = await StartAsync("http://127.0.0.1:0", HttpProtocols.Http2);
        using var client = new JackpotPushClient(Options(simulator, JackpotPushProtocol.Http2));
        var recorders = Enumerable.Range(0, 3).Select(i => Record(client, Player(i))).ToList();
        await Task.WhenAll(recorders.Select(recorder => recorder.WaitAsync(ChannelState.Open, 1)));

        simulator.ResetStreams(Player(0)).Should().Be(1);
        await recorders[0].WaitAsync(ChannelState.Open, 2);
        await simulator.WaitForOpenConnectionsAsync(3, Cancellation).WaitAsync(Timeout, Cancellation);

        var retry = recorders[0].Statuses.Single(status => status.State == ChannelState.Reconnecting);
        retry.Cause.Should().BeAssignableTo<IOException>();
        recorders.Skip(1).Should().AllSatisfy(recorder =>
            recorder.Statuses.Select(status => status.State).Should().Equal(ChannelState.Closed, ChannelState.Connecting, ChannelState.Open));
        simulator.TransportConnectionsAccepted.Should().Be(1);
        recorders.ForEach(recorder => recorder.Dispose());
    }

    [Fact]
    public async Task KillConnection_Http2_EveryChannelOnItResumesWithItsOwnLastEventIdNothingLostOrDuplicated()
    {
        const int Groups = 4;
        var options = new PushEventSimulatorOptions
        {
            Urls = ["http://127.0.0.1:0"],
            Protocols = HttpProtocols.Http2,
            Workspace = Workspace,
            JackpotsPerGroup = 1,
            ValueInterval = TimeSpan.FromMilliseconds(20),
            WinProbabilityPerSpin = 0,
            SequenceAmounts = true,
            HistorySize = 10_000,
        };
        await using var simulator = await PushEventSimulator.StartAsync(options, Cancellation);
        using var client = new JackpotPushClient(Options(simulator, JackpotPushProtocol.Http2));
        var channels = Enumerable.Range(0, Groups)
            .Select(i => ChannelName.Broadcast(Workspace, new JackpotGroupId("g" + i.ToString(CultureInfo.InvariantCulture))))
            .ToList();
        var recorders = channels.Select(channel => Record(client, channel)).ToList();
        var received = channels.Select(_ => new ConcurrentQueue<long>()).ToList();
        var subscriptions = channels.Select((channel, i) => client.Channel(channel)
            .OfType<JackpotValueUpdated>()
            .Subscribe(update => received[i].Enqueue((long)update.Amount))).ToList();
        await Task.WhenAll(recorders.Select(recorder => recorder.WaitAsync(ChannelState.Open, 1)));
        await WaitForEventsAsync(received, 5);
        simulator.OpenTransportConnections.Should().Be(1);

        simulator.KillConnection(channels[0]).Should().Be(Groups);
        await Task.WhenAll(recorders.Select(recorder => recorder.WaitAsync(ChannelState.Open, 2)));
        long[] atReopen = [.. received.Select(queue => queue.LastOrDefault())];
        await WaitForEventsAsync(received, 10, atReopen);

        foreach (var recorder in recorders)
        {
            var reopened = recorder.Statuses.Where(status => status.State == ChannelState.Open).ToList();
            reopened.Should().HaveCount(2);
            reopened[1].Continuity.Should().Be(StreamContinuity.Resumed);
            reopened[1].HttpVersion.Should().Be(HttpVersion.Version20);
        }

        foreach (var ids in received.Select(queue => queue.ToList()))
        {
            ids.Should().OnlyHaveUniqueItems();
            ids.Should().Equal(Enumerable.Range((int)ids[0], ids.Count).Select(id => (long)id), "every channel resumes from its own last event id");
        }

        subscriptions.ForEach(subscription => subscription.Dispose());
        recorders.ForEach(recorder => recorder.Dispose());
    }

    private static async Task<PushEventSimulator> StartAsync(string url, HttpProtocols protocols, int maxStreams = PushEventSimulatorOptions.DefaultMaxStreamsPerConnection) =>
        await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { Urls = [url], Protocols = protocols, MaxStreamsPerConnection = maxStreams, Workspace = Workspace, WinProbabilityPerSpin = 0 },
            Cancellation);

    private static JackpotPushClientOptions Options(PushEventSimulator simulator, JackpotPushProtocol? protocol) => new()
    {
        Endpoint = simulator.SubscribeUri,
        Workspace = Workspace,
        Protocol = protocol,
        Linger = TimeSpan.Zero,
        Reconnect = ReconnectPolicy.Default with { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(250) },
    };

    private static SocketsHttpHandler PinnedHandler(PushEventSimulator simulator)
    {
        var handler = (SocketsHttpHandler)HttpSseTransport.CreateDefaultHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => simulator.IsServerCertificate(certificate);
        return handler;
    }

    private static ChannelName Player(int number) =>
        ChannelName.Player(Workspace, new PlayerId("p" + number.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Subscribes to a channel and returns its first Open status (the subscription lives as long as the client).</summary>
    private static async Task<ChannelStatus> OpenAsync(JackpotPushClient client, ChannelName channel)
    {
        var open = client.Status(channel).FirstAsync(status => status.State == ChannelState.Open).ToTask(Cancellation);
        _ = client.Channel(channel).Subscribe(static _ => { });
        return await open.WaitAsync(Timeout, Cancellation);
    }

    private static StatusRecorder Record(JackpotPushClient client, ChannelName channel) => new(client, channel);

    private static async Task WaitForEventsAsync(List<ConcurrentQueue<long>> received, int events, long[]? after = null)
    {
        for (int i = 0; i < received.Count; i++)
        {
            long target = (after?[i] ?? received[i].FirstOrDefault()) + events;
            var queue = received[i];
            await WaitUntilAsync(() => !queue.IsEmpty && queue.Last() >= target);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(Timeout);
        while (!condition())
        {
            await poll.WaitForNextTickAsync(timeout.Token);
        }
    }

    /// <summary>Records a channel's statuses and subscribes to its events, so it stays open.</summary>
    private sealed class StatusRecorder : IDisposable
    {
        private readonly ConcurrentQueue<ChannelStatus> _statuses = new();
        private readonly IDisposable _status;
        private readonly IDisposable _events;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StatusRecorder(JackpotPushClient client, ChannelName channel)
        {
            _status = client.Status(channel).Subscribe(status =>
            {
                _statuses.Enqueue(status);
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            });
            _events = client.Channel(channel).Subscribe(static _ => { });
        }

        public IReadOnlyList<ChannelStatus> Statuses => [.. _statuses];

        public async Task WaitAsync(ChannelState state, int count)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            timeout.CancelAfter(Timeout);
            while (true)
            {
                var changed = Volatile.Read(ref _changed);
                if (_statuses.Count(status => status.State == state) >= count)
                {
                    return;
                }

                await changed.Task.WaitAsync(timeout.Token);
            }
        }

        public void Dispose()
        {
            _events.Dispose();
            _status.Dispose();
        }
    }
}
