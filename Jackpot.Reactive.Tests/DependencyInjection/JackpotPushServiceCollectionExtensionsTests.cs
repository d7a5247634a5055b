using System.Net.Http.Headers;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Jackpot.Reactive.Tests.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.DependencyInjection;

/// <summary>Registering, resolving and disposing the client through a real service collection; HTTP through a stub
/// handler added to the named client, so no network is involved.</summary>
public sealed class JackpotPushServiceCollectionExtensionsTests
{
    private const string SecretPlayer = "alice.secret@example.com";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly JackpotGroupId Group = new("g1");

    private static readonly string ValueEvent =
        """data: {"reason":"jackpot_value","jackpotInstance":"J1_1","jackpot":"J1","channel":"ws_broadcast_g1","currency":"EUR","value":"10.00"}""" + "\n\n";

    [Fact]
    public void AddJackpotPushClient_NullArguments_Throw()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();

        FluentActions.Invoking(() => ((IServiceCollection)null!).AddJackpotPushClient(configuration)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => services.AddJackpotPushClient((IConfiguration)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((IServiceCollection)null!).AddJackpotPushClient(_ => { })).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => services.AddJackpotPushClient((Action<JackpotPushSettings>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => services.AddJackpotPushClient(null!, _ => { })).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void AddJackpotPushClient_ReturnsTheBuilderOfTheNamedHttpClient()
    {
        var builder = new ServiceCollection().AddJackpotPushClient(Configure);

        builder.Name.Should().Be(JackpotPushClientDefaults.HttpClientName).And.Be("Jackpot.Reactive.JackpotPushClient");
    }

    [Fact]
    public void Resolve_Twice_ReturnsOneSingleton()
    {
        using var services = Build();

        services.GetRequiredService<JackpotPushClient>().Should().BeSameAs(services.GetRequiredService<JackpotPushClient>());
    }

    [Fact]
    public void Resolve_ClientRegisteredBefore_KeepsIt()
    {
        var collection = new ServiceCollection();
        var own = new JackpotPushClient(new JackpotPushClientOptions { Workspace = new WorkspaceId("own") });
        collection.AddSingleton(own);
        collection.AddJackpotPushClient(Configure);
        using var services = collection.BuildServiceProvider();

        services.GetRequiredService<JackpotPushClient>().Should().BeSameAs(own);
    }

    [Fact]
    public async Task Broadcast_ThroughNamedHttpClient_HandlerAddedToTheBuilderSeesTheRequest()
    {
        var stub = new SseStubHandler(ValueEvent);
        using var services = Build(http: builder => builder.AddHttpMessageHandler(() => stub));
        var client = services.GetRequiredService<JackpotPushClient>();

        var first = await client.Broadcast(Group).FirstAsync().Timeout(Patience);

        first.Should().BeOfType<JackpotValueUpdated>().Which.RawValue.Should().Be("10.00");
        var request = await stub.FirstRequest.WaitAsync(Patience, TestContext.Current.CancellationToken);
        request.RequestUri.Should().Be(new Uri("https://push.example/subscribe?channel=ws_broadcast_g1"));
        request.Headers.Accept.Should().Contain(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.GetValues("X-App").Should().Equal("board");
    }

    [Fact]
    public void NamedHttpClient_PrimaryHandler_IsTheEventStreamHandler()
    {
        using var services = Build(http: builder => builder.AddHttpMessageHandler(() => new SseStubHandler(string.Empty)));

        HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(JackpotPushClientDefaults.HttpClientName);
        var chain = new List<HttpMessageHandler>();
        while (handler is not null)
        {
            chain.Add(handler);
            handler = (handler as DelegatingHandler)?.InnerHandler;
        }

        chain.Should().Contain(h => h is SseStubHandler, "handlers added through the returned builder are in the chain");
        var primary = chain[^1].Should().BeOfType<SocketsHttpHandler>().Subject;
        primary.MaxResponseDrainSize.Should().Be(0);
        primary.ConnectCallback.Should().NotBeNull("TCP keep-alive is set when connecting");
        primary.AllowAutoRedirect.Should().BeTrue();
        primary.AutomaticDecompression.Should().Be(System.Net.DecompressionMethods.None);
    }

    [Fact]
    public async Task DisposeContainer_DisposesTheClient_StreamsCompleteAndNewOnesAreRefused()
    {
        var stub = new SseStubHandler(ValueEvent);
        var services = Build(http: builder => builder.AddHttpMessageHandler(() => stub));
        var client = services.GetRequiredService<JackpotPushClient>();
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = client.Broadcast(Group).Subscribe(_ => { }, error => completed.TrySetException(error), () => completed.TrySetResult());
        await stub.FirstRequest.WaitAsync(Patience, TestContext.Current.CancellationToken);

        await services.DisposeAsync();

        await completed.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        FluentActions.Invoking(() => client.Broadcast(Group)).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Resolve_SchedulerRegistered_RunsTheClientsTimersOnIt()
    {
        var scheduler = new TestScheduler();
        var stub = new SseStubHandler(ValueEvent);
        using var services = Build(
            more: collection => collection.AddSingleton<IScheduler>(scheduler),
            http: builder => builder.AddHttpMessageHandler(() => stub),
            linger: "00:00:30");
        var client = services.GetRequiredService<JackpotPushClient>();
        var channel = ChannelName.Broadcast(client.Workspace, Group);
        var subscription = client.Broadcast(Group).Subscribe(_ => { });
        await client.Status(channel).FirstAsync(s => s.State == ChannelState.Open).Timeout(Patience);

        subscription.Dispose();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(29).Ticks);
        var lingering = await client.Status(channel).FirstAsync();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        var afterLinger = await client.Status(channel).FirstAsync();

        lingering.State.Should().Be(ChannelState.Open, "the linger runs on the container's virtual-time scheduler");
        afterLinger.State.Should().Be(ChannelState.Closed);
    }

    [Fact]
    public void Resolve_MeterFactoryRegistered_CreatesTheMeterThroughIt()
    {
        using var meterFactory = new RecordingMeterFactory();
        using var services = Build(more: collection => collection.AddSingleton<System.Diagnostics.Metrics.IMeterFactory>(meterFactory));

        services.GetRequiredService<JackpotPushClient>();

        meterFactory.Meters.Should().ContainSingle().Which.Name.Should().Be(JackpotMetrics.MeterName);
    }

    [Fact]
    public async Task Player_LoggingRegistered_LogsThroughTheContainerWithoutThePlayerId()
    {
        var provider = new CapturingLoggerProvider();
        var stub = new SseStubHandler(": hello\n\n");
        using var services = Build(
            more: collection => collection.AddLogging(logging => logging.AddProvider(provider).SetMinimumLevel(LogLevel.Trace)),
            http: builder => builder.AddHttpMessageHandler(() => stub));
        var client = services.GetRequiredService<JackpotPushClient>();
        var player = new PlayerId(SecretPlayer);

        using (client.Player(player).Subscribe(_ => { }))
        {
            await client.Status(ChannelName.Player(client.Workspace, player)).FirstAsync(s => s.State == ChannelState.Open).Timeout(Patience);
        }

        stub.Log.Requests.Should().ContainSingle().Which.RawQuery.Should().Contain(Uri.EscapeDataString(SecretPlayer));
        provider.Entries.Should().Contain(e => e.Category == "Jackpot.Reactive.SseConnection" && e.EventId.Id == 2);
        provider.Entries.Should().Contain(
            e => e.Category.StartsWith("System.Net.Http.HttpClient." + JackpotPushClientDefaults.HttpClientName, StringComparison.Ordinal),
            "the HTTP client factory logs the request too");
        provider.Entries.SelectMany(e => e.Texts()).Should().OnlyContain(
            text => !text.Contains("alice", StringComparison.OrdinalIgnoreCase),
            "neither the library nor the HTTP client factory may log the player id");
    }

    private static void Configure(JackpotPushSettings settings)
    {
        settings.Workspace = "ws";
        settings.Endpoint = "https://push.example/subscribe";
    }

    private static ServiceProvider Build(
        Action<IServiceCollection>? more = null,
        Action<IHttpClientBuilder>? http = null,
        string linger = "00:00:00")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JackpotPush:Workspace"] = "ws",
            ["JackpotPush:Endpoint"] = "https://push.example/subscribe",
            ["JackpotPush:Linger"] = linger,
            ["JackpotPush:ExtraHeaders:X-App"] = "board",
        }).Build();
        var collection = new ServiceCollection();
        more?.Invoke(collection);
        var builder = collection.AddJackpotPushClient(configuration);
        http?.Invoke(builder);
        return collection.BuildServiceProvider();
    }
}
