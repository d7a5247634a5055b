using System.Reactive.Linq;

namespace Jackpot.Reactive.Tests.Transport;

/// <summary>The transport's platform decisions — handler, request headers and options — in server and browser mode,
/// through the internal seam that runs the browser's rules on Linux.</summary>
public sealed class HttpSseTransportPlatformTests
{
    private static readonly Uri StreamUri = new("https://push.example/subscribe?channel=ws_broadcast_g1");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void CreateDefaultHandler_OutsideTheBrowser_IsTheSocketsHandlerWithKeepAlive()
    {
        using var handler = HttpSseTransport.CreateDefaultHandler();

        var sockets = handler.Should().BeOfType<SocketsHttpHandler>().Subject;
        sockets.ConnectCallback.Should().NotBeNull("TCP keep-alive is set when connecting");
    }

    [Fact]
    public void CreateDefaultHandlerFor_Browser_IsTheRuntimesFetchHandlerNotSockets()
    {
        using var handler = HttpSseTransport.CreateDefaultHandlerFor(browser: true);

        handler.Should().BeOfType<HttpClientHandler>("in the browser HttpClientHandler is the fetch-based handler");
    }

    [Fact]
    public void Constructor_BrowserSeam_OwnsAClientOnTheBrowserHandler()
    {
        using var transport = new HttpSseTransport(browser: true);

        transport.IsBrowser.Should().BeTrue();
        new HttpSseTransport(browser: false).IsBrowser.Should().BeFalse("the tests do not run in a browser");
    }

    [Fact]
    public async Task Connect_ServerMode_SendsCacheControl_NoBrowserOptions()
    {
        var fetch = new FetchModelHandler { PreflightAllows = new HashSet<string>(["Cache-Control", "Last-Event-ID"], StringComparer.OrdinalIgnoreCase) };
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: false);

        await OpenAsync(transport, new SseRequest(StreamUri, "41"));

        var request = fetch.Requests.Should().ContainSingle().Subject;
        request.Headers.Should().ContainKey("Cache-Control").WhoseValue.Should().Be("no-cache");
        request.Headers.Should().ContainKey("Last-Event-ID").WhoseValue.Should().Be("41");
        request.StreamingResponse.Should().BeNull("outside the browser no handler reads it, and the options would cost every stream");
        request.FetchOptions.Should().BeNull("fetch options mean nothing to the socket handler");
    }

    [Fact]
    public async Task Connect_BrowserMode_NoPreflightHeader_FetchCacheModeNoStore_Streaming()
    {
        var fetch = new FetchModelHandler();
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: true);

        await OpenAsync(transport, new SseRequest(StreamUri, lastEventId: null));

        var request = fetch.Requests.Should().ContainSingle().Subject;
        request.Headers.Keys.Should().Equal("Accept");
        request.Headers["Accept"].Should().Be("text/event-stream");
        FetchModelHandler.NeedingPreflight(request).Should().BeEmpty();
        request.StreamingResponse.Should().BeTrue("an app that turned streaming off must still stream");
        request.FetchOptions.Should().NotBeNull().And.Contain("cache", "no-store");
    }

    [Fact]
    public async Task Connect_BrowserMode_StreamingOffForTheApp_RequestStillAsksForIt()
    {
        // The app-wide switch (WasmEnableStreamingResponse=false) only sets the handler's default; the per-request
        // option wins, and a handler that sets it to false before the library's request is built cannot exist: the
        // library sets it on the message it creates, for every attempt.
        var fetch = new FetchModelHandler();
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: true);

        await OpenAsync(transport, new SseRequest(StreamUri, null));
        await OpenAsync(transport, new SseRequest(StreamUri, null));

        fetch.Requests.Should().HaveCount(2).And.OnlyContain(r => r.StreamingResponse == true);
    }

    [Fact]
    public async Task Connect_BrowserMode_NonAsciiLastEventId_IsPercentEncoded()
    {
        // fetch refuses header values above U+00FF and would send U+0080–U+00FF as Latin-1, not UTF-8.
        var fetch = new FetchModelHandler { PreflightAllows = new HashSet<string>(["Last-Event-ID"], StringComparer.OrdinalIgnoreCase) };
        using var fetchTransport = new HttpSseTransport(new HttpClient(fetch), browser: true);

        await OpenAsync(fetchTransport, new SseRequest(StreamUri, "ä€-1"));

        fetch.Requests.Should().ContainSingle().Which.Headers["Last-Event-ID"].Should().Be("%C3%A4%E2%82%AC-1");
    }

    private static async Task OpenAsync(HttpSseTransport transport, SseRequest request)
    {
        var opened = await transport.Connect(request).FirstAsync().Timeout(Patience);
        opened.IsOpened.Should().BeTrue();
    }
}
