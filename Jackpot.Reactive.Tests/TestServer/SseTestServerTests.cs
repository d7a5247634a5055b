using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jackpot.Reactive.Tests.TestServer;

/// <summary>The shared SSE test server: scripted answers by index, the request log and its waits, raw bytes, resets,
/// paced writing, and the same without a socket.</summary>
public sealed class SseTestServerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task StartAsync_Scripted_AnswersEachRequestByItsIndexAndLogsItsHeaders()
    {
        await using var server = await SseTestServer.StartAsync((index, context) =>
            SseResponse.StreamAsync(context, $"id: {index + 1}\ndata: answer {index}\n\n", endStream: true));
        var ct = TestContext.Current.CancellationToken;

        await using var first = await SseTestReader.OpenAsync(_http, new Uri(server.SubscribeUri + "?channel=ws_broadcast_g"), cancellationToken: ct);
        var firstEvent = await first.ReadRequiredEventAsync();
        await using var second = await SseTestReader.OpenAsync(_http, server.SubscribeUri, lastEventId: "1", cancellationToken: ct);
        var secondEvent = await second.ReadRequiredEventAsync();

        (firstEvent.Data, secondEvent.Data).Should().Be(("answer 0", "answer 1"));
        var requests = await server.Log.WaitForRequestsAsync(2, cancellationToken: ct);
        requests.Select(r => r.Index).Should().Equal(0, 1);
        requests[0].Channel.Should().Be("ws_broadcast_g");
        requests[0].LastEventId.Should().BeNull();
        requests[1].LastEventId.Should().Be("1");
        requests[1].Accept.Should().Be("text/event-stream");
        requests[1].Path.Should().Be("/subscribe");
    }

    [Fact]
    public async Task WaitForRequestsAsync_NoRequest_TimesOut()
    {
        await using var server = await SseTestServer.StartAsync((_, context) => SseResponse.StreamAsync(context, string.Empty));

        var wait = () => server.Log.WaitForRequestsAsync(1, timeout: TimeSpan.FromMilliseconds(50), cancellationToken: TestContext.Current.CancellationToken);

        await wait.Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task Reset_MidStream_TheClientSeesANetworkErrorAndTheRequestCloses()
    {
        await using var server = await SseTestServer.StartAsync(async (_, context) =>
        {
            await SseResponse.StartEventStreamAsync(context);
            await SseResponse.SendAsync(context, "data: partial"u8.ToArray());
            SseResponse.Reset(context);
        });
        var ct = TestContext.Current.CancellationToken;

        // The reset may reach the client before or after the headers: either way, no event, a network error.
        var read = async () =>
        {
            await using var stream = await SseTestReader.OpenAsync(_http, server.SubscribeUri, cancellationToken: ct);
            return await stream.ReadEventAsync();
        };

        (await read.Should().ThrowAsync<Exception>()).Which.Should().Match<Exception>(e => e is IOException || e is HttpRequestException);
        await server.Log.WaitForOpenRequestsAsync(0, cancellationToken: ct);
    }

    [Fact]
    public async Task SsePacer_WritesNumberedEventsUntilTheClientLeaves()
    {
        await using var server = await SseTestServer.StartAsync(app => app.MapGet("/paced", async context =>
        {
            await SseResponse.StartEventStreamAsync(context);
            long id = 0;
            await SsePacer.RunAsync(200, async token =>
            {
                id++;
                await context.Response.WriteAsync($"id: {id.ToString(CultureInfo.InvariantCulture)}\ndata: x\n\n", token);
                await context.Response.Body.FlushAsync(token);
            }, context.RequestAborted);
        }));
        var ct = TestContext.Current.CancellationToken;

        await using (var stream = await SseTestReader.OpenAsync(_http, server.UriFor("/paced"), cancellationToken: ct))
        {
            (await stream.ReadEventsAsync(5)).Select(e => e.NumericId).Should().Equal(1, 2, 3, 4, 5);
        }

        await server.Log.WaitForOpenRequestsAsync(0, Patience, ct);
    }

    [Fact]
    public async Task SseStubHandler_AnswersWithTheBodyAndLogsTheRequest()
    {
        using var stub = new SseStubHandler("id: 7\ndata: stub\n\n") { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(stub);
        var ct = TestContext.Current.CancellationToken;

        await using var stream = await SseTestReader.OpenAsync(http, new Uri("http://stub.invalid/subscribe?channel=ws_user_p"), lastEventId: "6", cancellationToken: ct);

        (await stream.ReadRequiredEventAsync()).Should().Be(new SseTestEvent("7", "stub"));
        var request = stub.Log.Requests.Should().ContainSingle().Subject;
        (request.Channel, request.LastEventId).Should().Be(("ws_user_p", "6"));
        (await stub.FirstRequest.WaitAsync(Patience, ct)).RequestUri!.Host.Should().Be("stub.invalid");
    }
}
