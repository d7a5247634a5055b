using System.Net;
using System.Net.Http.Headers;
using System.Reactive.Linq;

namespace Jackpot.Reactive.Tests.Transport;

public sealed class HttpSseTransportTests
{
    private static readonly Uri StreamUri = new("http://127.0.0.1:1/events");

    [Fact]
    public void Constructor_NullClient_Throws()
    {
        FluentActions.Invoking(() => new HttpSseTransport(null!)).Should().Throw<ArgumentNullException>().WithParameterName("httpClient");
    }

    [Fact]
    public void Connect_NullRequest_Throws()
    {
        using var transport = new HttpSseTransport();

        FluentActions.Invoking(() => transport.Connect(null!)).Should().Throw<ArgumentNullException>().WithParameterName("request");
    }

    [Theory]
    [InlineData("X-Token", "a\r\nInjected: yes")]
    [InlineData("X-Token", "a\nb")]
    [InlineData("X-Token", "a\0b")]
    [InlineData("Bad Name", "v")]
    [InlineData("", "v")]
    [InlineData("X-Colon:", "v")]
    public void Connect_InvalidExtraHeader_ThrowsArgumentException(string name, string value)
    {
        using var transport = new HttpSseTransport();
        var request = new SseRequest(StreamUri, null, [new(name, value)]);

        FluentActions.Invoking(() => transport.Connect(request)).Should().Throw<ArgumentException>().WithParameterName("request");
    }

    [Fact]
    public void Connect_RelativeOrNonHttpUri_ThrowsArgumentException()
    {
        using var transport = new HttpSseTransport();

        FluentActions.Invoking(() => transport.Connect(new SseRequest(new Uri("ftp://host/x"), null))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => transport.Connect(new SseRequest(new Uri("/x", UriKind.Relative), null))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Connect_NothingListening_FailsWithHttpRequestException()
    {
        using var transport = new HttpSseTransport();

        var end = await transport.Connect(new SseRequest(StreamUri, null)).Materialize().FirstAsync().Timeout(TimeSpan.FromSeconds(10));

        end.Exception.Should().BeOfType<HttpRequestException>();
        ReconnectPolicy.IsRetriedByDefault(end.Exception!).Should().BeTrue();
    }

    [Fact]
    public void CreateDefaultHandler_ConfiguredForEventStreams()
    {
        using var defaultHandler = HttpSseTransport.CreateDefaultHandler();
        var handler = defaultHandler.Should().BeOfType<SocketsHttpHandler>().Subject;

        handler.AllowAutoRedirect.Should().BeTrue();
        handler.AutomaticDecompression.Should().Be(DecompressionMethods.None);
        handler.ConnectCallback.Should().NotBeNull();
        handler.RequestHeaderEncodingSelector!("Last-Event-ID", new HttpRequestMessage()).Should().Be(System.Text.Encoding.UTF8);
        handler.PooledConnectionIdleTimeout.Should().Be(TimeSpan.FromSeconds(60));
        handler.MaxResponseDrainSize.Should().Be(0);
    }

    [Theory]
    [InlineData("abc-42", "abc-42")]
    [InlineData("100%", "100%")]
    [InlineData("ä", "%C3%A4")]
    [InlineData("€%x", "%E2%82%AC%25x")]
    public void PercentEncodeNonAscii_EncodesOnlyWhenNeeded(string id, string expected)
    {
        HttpSseTransport.PercentEncodeNonAscii(id).Should().Be(expected);
    }

    [Fact]
    public void ParseRetryAfter_DeltaSeconds_ReturnsThem()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));

        HttpSseRead.ParseRetryAfter(response.Headers).Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void ParseRetryAfter_HttpDate_RelativeToResponseDate()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        var serverNow = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        response.Headers.Date = serverNow;
        response.Headers.RetryAfter = new RetryConditionHeaderValue(serverNow.AddSeconds(90));

        HttpSseRead.ParseRetryAfter(response.Headers).Should().Be(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void ParseRetryAfter_DateInThePastOrWithoutResponseDate_IsZeroOrNull()
    {
        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        var serverNow = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        past.Headers.Date = serverNow;
        past.Headers.RetryAfter = new RetryConditionHeaderValue(serverNow.AddSeconds(-5));
        using var undated = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        undated.Headers.RetryAfter = new RetryConditionHeaderValue(serverNow);

        HttpSseRead.ParseRetryAfter(past.Headers).Should().Be(TimeSpan.Zero);
        HttpSseRead.ParseRetryAfter(undated.Headers).Should().BeNull();
    }

    [Fact]
    public void CreateRejection_CarriesStatusContentTypeHeadersAndRetryAfter()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("slow down") };
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(4));
        response.Headers.Add("X-Limit", ["a", "b"]);

        var rejection = HttpSseRead.CreateRejection(response);

        rejection.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        rejection.ContentType.Should().Be("text/plain");
        rejection.RetryAfter.Should().Be(TimeSpan.FromSeconds(4));
        rejection.IsTransient.Should().BeTrue();
        rejection.Headers["x-limit"].Should().Equal("a", "b");
    }
}
