using System.Reactive.Linq;

namespace Jackpot.Reactive.Tests.Transport;

/// <summary>In the browser, a refused CORS preflight told apart from a network error: a request that needed a preflight
/// and failed is asked again without the headers that needed it (see <c>HttpSseRead.Browser.cs</c>). Run on Linux
/// through the transport's browser seam and a model of fetch in front of a cross-origin server.</summary>
public sealed class HttpSseTransportCorsTests
{
    private static readonly Uri StreamUri = new("https://push.example/subscribe?channel=ws_user_p1");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly HashSet<string> AllowsLastEventId = new(["Last-Event-ID"], StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task LastEventId_PreflightAllowed_SentOnce_NoRefusal()
    {
        var fetch = new FetchModelHandler { PreflightAllows = AllowsLastEventId };

        var opened = await OpenAsync(fetch, new SseRequest(StreamUri, "41"));

        opened.LastEventIdRefusal.Should().BeNull();
        fetch.Requests.Should().ContainSingle().Which.Headers["Last-Event-ID"].Should().Be("41");
    }

    [Fact]
    public async Task LastEventId_PreflightRefused_GoesOnWithoutIt_AndSaysWhy()
    {
        var fetch = new FetchModelHandler();

        var opened = await OpenAsync(fetch, new SseRequest(StreamUri, "41"));

        var refusal = opened.LastEventIdRefusal.Should().BeOfType<SseCorsException>().Subject;
        refusal.RefusedHeaders.Should().Equal("Last-Event-ID");
        refusal.InnerException.Should().BeOfType<HttpRequestException>().Which.Message.Should().Contain("Failed to fetch");
        fetch.Requests.Should().HaveCount(2);
        fetch.Requests[0].Headers.Should().ContainKey("Last-Event-ID");
        fetch.Requests[1].Headers.Should().NotContainKey("Last-Event-ID");
        FetchModelHandler.NeedingPreflight(fetch.Requests[1]).Should().BeEmpty();
    }

    [Fact]
    public async Task LastEventId_NetworkDown_IsANetworkError_NotCors()
    {
        var fetch = new FetchModelHandler { NetworkDown = true };

        var error = await FailAsync(fetch, new SseRequest(StreamUri, "41"));

        error.Should().BeOfType<HttpRequestException>("with and without Last-Event-ID alike, it is the network");
        fetch.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task NoPreflightNeeded_NetworkDown_OneRequest_NetworkError()
    {
        var fetch = new FetchModelHandler { NetworkDown = true };

        var error = await FailAsync(fetch, new SseRequest(StreamUri, null, [new("Accept-Language", "de-AT")]));

        error.Should().BeOfType<HttpRequestException>();
        fetch.Requests.Should().ContainSingle("a request that needed no preflight is not asked again");
    }

    [Fact]
    public async Task ExtraHeader_PreflightRefused_FailsWithCors_NamingTheHeader_ProbeWithoutIt()
    {
        var fetch = new FetchModelHandler();
        var request = new SseRequest(StreamUri, null, [new("Authorization", "Bearer t"), new("Accept-Language", "de")]);

        var error = await FailAsync(fetch, request);

        error.Should().BeOfType<SseCorsException>().Which.RefusedHeaders.Should().Equal("Authorization");
        ReconnectCauses.Classify(error).Should().Be(ReconnectCause.Cors);
        ReconnectPolicy.IsRetriedByDefault(error).Should().BeTrue("a server's CORS settings can change; a policy can make it terminal");
        fetch.Requests.Should().HaveCount(2);
        fetch.Requests[1].Headers.Should().NotContainKey("Authorization").And.ContainKey("Accept-Language");
    }

    [Fact]
    public async Task ExtraHeaderAndLastEventId_OnlyLastEventIdRefused_KeepsTheExtraHeader()
    {
        var fetch = new FetchModelHandler { PreflightAllows = new HashSet<string>(["Authorization"], StringComparer.OrdinalIgnoreCase) };

        var opened = await OpenAsync(fetch, new SseRequest(StreamUri, "41", [new("Authorization", "Bearer t")]));

        opened.LastEventIdRefusal.Should().NotBeNull();
        fetch.Requests.Should().HaveCount(2);
        fetch.Requests[1].Headers.Should().ContainKey("Authorization").And.NotContainKey("Last-Event-ID");
    }

    [Fact]
    public async Task ExtraHeaderAndLastEventId_BothRefused_FailsWithCorsForTheExtraHeader()
    {
        var fetch = new FetchModelHandler();

        var error = await FailAsync(fetch, new SseRequest(StreamUri, "41", [new("X-Api-Key", "k")]));

        error.Should().BeOfType<SseCorsException>().Which.RefusedHeaders.Should().Equal("X-Api-Key");
        fetch.Requests.Should().HaveCount(3);
        FetchModelHandler.NeedingPreflight(fetch.Requests[2]).Should().BeEmpty();
    }

    [Fact]
    public async Task ExtraHeader_NetworkDown_IsANetworkError()
    {
        var fetch = new FetchModelHandler { NetworkDown = true };

        var error = await FailAsync(fetch, new SseRequest(StreamUri, null, [new("X-Api-Key", "k")]));

        error.Should().BeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task ServerMode_NoFallback_AFailureIsTheFailure()
    {
        var fetch = new FetchModelHandler();
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: false);

        var end = await transport.Connect(new SseRequest(StreamUri, "41")).Materialize().FirstAsync().Timeout(Patience);

        end.Exception.Should().BeOfType<HttpRequestException>();
        fetch.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData("Accept", "text/event-stream", true)]
    [InlineData("accept-language", "de-AT, en;q=0.5", true)]
    [InlineData("Content-Language", "de", true)]
    [InlineData("Accept-Language", "de_AT", false)]
    [InlineData("Accept", "text/(x)", false)]
    [InlineData("Last-Event-ID", "1", false)]
    [InlineData("Cache-Control", "no-cache", false)]
    [InlineData("Authorization", "Bearer t", false)]
    [InlineData("X-App", "board", false)]
    public void CorsSafelist_IsSafelisted(string name, string value, bool expected)
    {
        CorsSafelist.IsSafelisted(name, value).Should().Be(expected);
        CorsSafelist.IsSafelisted("Accept-Language", new string('a', 129)).Should().BeFalse("values over 128 characters need a preflight");
    }

    private static async Task<SseTransportChunk> OpenAsync(FetchModelHandler fetch, SseRequest request)
    {
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: true);
        var opened = await transport.Connect(request).FirstAsync().Timeout(Patience);
        opened.IsOpened.Should().BeTrue();
        return opened;
    }

    private static async Task<Exception> FailAsync(FetchModelHandler fetch, SseRequest request)
    {
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: true);
        var end = await transport.Connect(request).Materialize().FirstAsync().Timeout(Patience);
        end.Kind.Should().Be(System.Reactive.NotificationKind.OnError);
        return end.Exception!;
    }
}
