using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Jackpot.Reactive.Tests.DependencyInjection;

/// <summary>Which primary handler the client's named HTTP client ends up with, and whether the library's default was
/// ever created: a handler the app sets on the returned builder replaces the default instead of running after it.</summary>
public sealed class JackpotPushPrimaryHandlerTests
{
    [Fact]
    public void NoHandlerConfigured_PrimaryIsTheLibrarysDefault_CreatedOnce()
    {
        var factory = new CountingFactory();
        var collection = new ServiceCollection();
        JackpotPushPrimaryHandler.Register(collection, factory.Create);
        collection.AddJackpotPushClient(Configure);
        using var services = collection.BuildServiceProvider();

        var primary = PrimaryOf(services);

        primary.Should().BeSameAs(factory.Created.Should().ContainSingle().Subject);
    }

    [Fact]
    public void ConfigurePrimaryHttpMessageHandler_ReplacesTheDefault_WhichIsNeverCreated()
    {
        var factory = new CountingFactory();
        var own = new MarkerHandler();
        var collection = new ServiceCollection();
        JackpotPushPrimaryHandler.Register(collection, factory.Create);
        collection.AddJackpotPushClient(Configure).ConfigurePrimaryHttpMessageHandler(() => own);
        using var services = collection.BuildServiceProvider();

        var primary = PrimaryOf(services);

        primary.Should().BeSameAs(own);
        factory.Created.Should().BeEmpty("the library's default must not even be constructed when the app replaces it");
    }

    [Fact]
    public void ConfigurePrimaryHttpMessageHandlerOfType_ReplacesTheDefault()
    {
        var factory = new CountingFactory();
        var collection = new ServiceCollection();
        collection.AddTransient<MarkerHandler>();
        JackpotPushPrimaryHandler.Register(collection, factory.Create);
        collection.AddJackpotPushClient(Configure).ConfigurePrimaryHttpMessageHandler<MarkerHandler>();
        using var services = collection.BuildServiceProvider();

        PrimaryOf(services).Should().BeOfType<MarkerHandler>();
        factory.Created.Should().BeEmpty();
    }

    [Fact]
    public void HandlerSetLaterThroughAddHttpClient_ReplacesTheDefaultToo()
    {
        var factory = new CountingFactory();
        var own = new MarkerHandler();
        var collection = new ServiceCollection();
        JackpotPushPrimaryHandler.Register(collection, factory.Create);
        collection.AddJackpotPushClient(Configure);
        collection.AddHttpClient(JackpotPushClientDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => own);
        using var services = collection.BuildServiceProvider();

        PrimaryOf(services).Should().BeSameAs(own);
        factory.Created.Should().BeEmpty();
    }

    [Fact]
    public void ConfigureCallbackOnThePrimaryHandler_AdjustsTheLibrarysDefault()
    {
        var factory = new CountingFactory();
        HttpMessageHandler? seen = null;
        var collection = new ServiceCollection();
        JackpotPushPrimaryHandler.Register(collection, factory.Create);
        collection.AddJackpotPushClient(Configure).ConfigurePrimaryHttpMessageHandler((handler, _) => seen = handler);
        using var services = collection.BuildServiceProvider();

        var primary = PrimaryOf(services);

        seen.Should().BeSameAs(primary).And.BeSameAs(factory.Created.Should().ContainSingle().Subject);
    }

    [Fact]
    public void AddedHandlers_StayInTheChain_AroundTheReplacement()
    {
        var own = new MarkerHandler();
        var stub = new SseStubHandler(string.Empty);
        var collection = new ServiceCollection();
        collection.AddJackpotPushClient(Configure)
            .AddHttpMessageHandler(() => stub)
            .ConfigurePrimaryHttpMessageHandler(() => own);
        using var services = collection.BuildServiceProvider();

        var chain = ChainOf(services);

        chain.Should().Contain(stub);
        chain[^1].Should().BeSameAs(own);
    }

    [Fact]
    public void RealDefault_OutsideTheBrowser_IsTheSocketsHandler_AndOtherClientsAreUntouched()
    {
        var collection = new ServiceCollection();
        collection.AddJackpotPushClient(Configure);
        collection.AddJackpotPushClient(Configure);
        collection.AddHttpClient("other");
        using var services = collection.BuildServiceProvider();

        PrimaryOf(services).Should().BeOfType<SocketsHttpHandler>().Which.ConnectCallback.Should().NotBeNull();
        var otherPrimary = ChainOf(services, "other")[^1];
        (otherPrimary as SocketsHttpHandler)?.ConnectCallback.Should().BeNull("only the push client's handler is the library's");
        services.GetServices<Microsoft.Extensions.Options.IPostConfigureOptions<HttpClientFactoryOptions>>()
            .OfType<JackpotPushPrimaryHandler>().Should().ContainSingle("registering twice adds the post-configuration once");
    }

    private static void Configure(JackpotPushSettings settings) => settings.Workspace = "ws";

    private static HttpMessageHandler PrimaryOf(IServiceProvider services) => ChainOf(services)[^1];

    private static List<HttpMessageHandler> ChainOf(IServiceProvider services, string name = JackpotPushClientDefaults.HttpClientName)
    {
        HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(name);
        var chain = new List<HttpMessageHandler>();
        while (handler is not null)
        {
            chain.Add(handler);
            handler = (handler as DelegatingHandler)?.InnerHandler;
        }

        return chain;
    }

    private sealed class CountingFactory
    {
        private readonly List<HttpMessageHandler> _created = [];

        public IReadOnlyList<HttpMessageHandler> Created => _created;

        public MarkerHandler Create()
        {
            var handler = new MarkerHandler();
            _created.Add(handler);
            return handler;
        }
    }

    private sealed class MarkerHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Not sent in these tests.");
    }
}
