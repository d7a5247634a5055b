using System.Net;
using System.Reactive;
using System.Reactive.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jackpot.Reactive.Tests.Transport;

/// <summary>Which content types open an event stream: any <c>text/event-stream</c> media type, whatever its parameters,
/// spacing or letter case (web-platform-tests <c>format-mime-*</c>); nothing else. Checked on headers built in memory
/// and over real loopback HTTP, where HttpClient leaves a header it cannot parse unparsed.</summary>
public sealed class SseContentTypeTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpSseTransport _transport = new();
    private SseTestServer _server = null!;

    public static TheoryData<string> EventStreamTypes => new()
    {
        "text/event-stream",
        "text/event-stream;",
        "text/event-stream ; charset=utf-8",
        "text/event-stream;charset=UTF-8",
        "Text/Event-Stream",
        "TEXT/EVENT-STREAM; foo=bar; baz",
        " text/event-stream\t",
    };

    public static TheoryData<string> OtherTypes => new()
    {
        "text/event-streamx",
        "text/event-streamx; charset=utf-8",
        "text/plain",
        "text/event-stream x",
        "text /event-stream",
        "application/event-stream",
        "",
    };

    public async ValueTask InitializeAsync() => _server = await SseTestServer.StartAsync(MapEndpoints);

    public async ValueTask DisposeAsync()
    {
        _transport.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(EventStreamTypes))]
    public void IsEventStream_EventStreamMediaType_True(string contentType)
    {
        using var content = ContentWithType(contentType);

        SseContentType.IsEventStream(content.Headers).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(OtherTypes))]
    public void IsEventStream_OtherMediaType_False(string contentType)
    {
        using var content = ContentWithType(contentType);

        SseContentType.IsEventStream(content.Headers).Should().BeFalse();
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8", "text/plain")]
    [InlineData("Text/Event-Stream ;", "Text/Event-Stream")]
    [InlineData("text/event-streamx", "text/event-streamx")]
    public void MediaTypeOf_WithParameters_IsTheTypeAsSent(string contentType, string mediaType)
    {
        using var content = ContentWithType(contentType);

        SseContentType.MediaTypeOf(content.Headers).Should().Be(mediaType);
    }

    [Fact]
    public void IsEventStream_NoContentType_False()
    {
        using var content = new ByteArrayContent([]);

        SseContentType.IsEventStream(content.Headers).Should().BeFalse();
        SseContentType.MediaTypeOf(content.Headers).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(EventStreamTypes))]
    public async Task Connect_EventStreamMediaTypeOverHttp_Opens(string contentType)
    {
        var data = await Connect(contentType).Select(e => e.GetDataString()).FirstAsync().Timeout(Patience);

        data.Should().Be("hello");
    }

    [Theory]
    [InlineData("text/event-streamx")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Connect_OtherMediaTypeOverHttp_FailsForGoodNamingTheType(string? contentType)
    {
        var end = await Connect(contentType).Materialize().FirstAsync(n => n.Kind != NotificationKind.OnNext).Timeout(Patience);

        var rejection = end.Exception.Should().BeOfType<SseHttpException>().Which;
        rejection.StatusCode.Should().Be(HttpStatusCode.OK);
        rejection.IsTransient.Should().BeFalse();
        rejection.ContentType.Should().Be(contentType);
    }

    private static ByteArrayContent ContentWithType(string contentType)
    {
        var content = new ByteArrayContent([]);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType).Should().BeTrue();
        return content;
    }

    private SseConnection Connect(string? contentType)
    {
        var query = contentType is null ? "none" : Uri.EscapeDataString(contentType);
        var options = new SseConnectionOptions { Uri = _server.UriFor($"/typed?type={query}"), Reconnect = new ReconnectPolicy { MaxAttempts = 0 } };
        return new SseConnection(_transport, options);
    }

    private static void MapEndpoints(WebApplication app) =>
        app.MapGet("/typed", async context =>
        {
            string type = context.Request.Query["type"].ToString();
            context.Response.StatusCode = StatusCodes.Status200OK;
            if (type != "none")
            {
                // Written raw: Kestrel does not validate or normalize a response's Content-Type.
                context.Response.Headers.ContentType = type;
            }

            await SseResponse.SendAsync(context, "data: hello\n\n");
            await SseResponse.HoldUntilClientLeavesAsync(context);
        });
}
