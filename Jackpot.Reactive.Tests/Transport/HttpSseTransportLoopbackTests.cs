using System.Net;
using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Transport;

/// <summary>SseConnection over HttpSseTransport against a real Kestrel server on 127.0.0.1; real schedulers, and every
/// wait is on an event with a timeout.</summary>
public sealed class HttpSseTransportLoopbackTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly ReconnectPolicy FastRetry = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
    };

    private readonly HttpSseTransport _transport = new();
    private int _resumeRequests;
    private int _resetRequests;
    private int _busyRequests;
    private int _stallRequests;
    private SseTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await SseTestServer.StartAsync(MapEndpoints);

    public async ValueTask DisposeAsync()
    {
        _transport.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Connect_ServerEndsStream_ResumesWithLastEventId()
    {
        var connection = Connection("/resume");

        var events = await connection.Select(e => (e.LastEventId, Data: e.GetDataString())).Take(2).ToList().Timeout(Patience);

        events.Should().Equal(("1", "one"), ("2", "two"));
        var requests = await _server.RequestStream.Where(r => r.Path == "/resume").Take(2).ToList().Timeout(Patience);
        requests.Select(r => r.LastEventId).Should().Equal(null, "1");
        requests[0].Accept.Should().Be("text/event-stream");
        requests[0].CacheControl.Should().Be("no-cache");
    }

    [Fact]
    public async Task Connect_ServerResetsConnection_ReconnectsAfterNetworkError()
    {
        var connection = Connection("/reset");
        var reconnecting = connection.Status.FirstAsync(s => s.State == ChannelState.Reconnecting).Replay();
        using var connect = reconnecting.Connect();

        var data = await connection.Select(e => e.GetDataString()).FirstAsync().Timeout(Patience);

        data.Should().Be("after reset");
        (await reconnecting.Timeout(Patience)).Cause.Should().Match<Exception>(e => e is IOException || e is HttpRequestException);
    }

    [Fact]
    public async Task Connect_NonAsciiLastEventId_ArrivesIntactAsUtf8()
    {
        const string id = "jäckpöt-€-🎰";
        var connection = Connection("/resume", new SseConnectionOptions { Uri = _server.UriFor("/resume"), Reconnect = FastRetry, LastEventId = id });

        await connection.Take(1).Timeout(Patience);

        var request = await _server.RequestStream.FirstAsync(r => r.Path == "/resume").Timeout(Patience);
        request.LastEventId.Should().Be(id);
    }

    [Fact]
    public async Task Connect_SuppliedClient_SendsNonAsciiLastEventIdPercentEncoded()
    {
        using var client = new HttpClient();
        var transport = new HttpSseTransport(client);

        await transport.Connect(new SseRequest(_server.UriFor("/hold"), "ä%1")).Take(1).Timeout(Patience);

        var request = await _server.RequestStream.FirstAsync(r => r.Path == "/hold").Timeout(Patience);
        request.LastEventId.Should().Be("%C3%A4%251");
    }

    [Fact]
    public async Task Connect_NoContent_FailsForGoodWithoutRetry()
    {
        var connection = Connection("/no-content");

        var error = await FirstErrorAsync(connection);

        error.Should().BeOfType<SseHttpException>().Which.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await connection.Status.FirstAsync().Timeout(Patience)).State.Should().Be(ChannelState.Failed);
        RequestsSoFar("/no-content").Should().ContainSingle("a terminal failure is never retried");
    }

    [Fact]
    public async Task Connect_ServiceUnavailableWithRetryAfter_WaitsThenConnects()
    {
        var retries = new List<ChannelStatus>();
        var connection = Connection("/busy");
        using var statusSubscription = connection.Status.Where(s => s.State == ChannelState.Reconnecting).Subscribe(retries.Add);

        var first = await connection.Select(e => e.GetDataString()).FirstAsync().Timeout(Patience);

        first.Should().Be("after the wait");
        retries.Should().ContainSingle().Which.Delay.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        retries[0].Cause.Should().BeOfType<SseHttpException>().Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Connect_RetryAfterHttpDate_MeasuredFromResponseDate()
    {
        var error = await FirstErrorAsync(_transport.Connect(new SseRequest(_server.UriFor("/busy-until"), null)));

        error.Should().BeOfType<SseHttpException>().Which.RetryAfter.Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Connect_WrongContentType_FailsForGood()
    {
        var error = await FirstErrorAsync(Connection("/wrong-type"));

        var rejection = error.Should().BeOfType<SseHttpException>().Which;
        rejection.StatusCode.Should().Be(HttpStatusCode.OK);
        rejection.ContentType.Should().Be("text/plain");
        rejection.IsTransient.Should().BeFalse();
        rejection.Headers.Should().ContainKey("X-Reason").WhoseValue.Should().Equal("plain");
    }

    [Fact]
    public async Task Connect_Redirect_Followed()
    {
        var data = await Connection("/moved").Select(e => e.GetDataString()).FirstAsync().Timeout(Patience);

        data.Should().Be("here");
    }

    [Fact]
    public async Task Connect_StalledServer_IdleTimeoutReconnects()
    {
        // The idle timeout and the back-off run on virtual time: the timeout can only fire when the test moves the clock,
        // after the first response's event is in, however long a loaded machine takes to deliver it.
        var scheduler = new TestScheduler();
        var idleTimeout = TimeSpan.FromSeconds(5);
        var options = new SseConnectionOptions { Uri = _server.UriFor("/stall"), Reconnect = FastRetry, IdleTimeout = idleTimeout };
        var connection = new SseConnection(_transport, options, scheduler);
        var statuses = new ReplaySubject<ChannelStatus>();
        using var statusSubscription = connection.Status.Subscribe(statuses);
        var data = new ReplaySubject<string>();
        using var subscription = connection.Select(e => e.GetDataString()).Subscribe(data);

        (await data.FirstAsync().Timeout(Patience)).Should().Be("stall 1");
        scheduler.AdvanceBy(idleTimeout.Ticks - 1);
        Observed(statuses).Select(s => s.State).Should().Equal(
            [ChannelState.Closed, ChannelState.Connecting, ChannelState.Open], "the stream has not been idle for the whole timeout yet");
        scheduler.AdvanceBy(1);
        var reconnecting = await statuses.Skip(3).FirstAsync().Timeout(Patience);
        reconnecting.State.Should().Be(ChannelState.Reconnecting);
        reconnecting.Cause.Should().BeOfType<SseIdleTimeoutException>().Which.IdleTimeout.Should().Be(idleTimeout);
        scheduler.AdvanceBy(reconnecting.Delay.Ticks);

        (await data.Skip(1).FirstAsync().Timeout(Patience)).Should().Be("stall 2");
        Observed(data).Should().Equal("stall 1", "stall 2");
        RequestsSoFar("/stall").Should().HaveCount(2);
    }

    [Fact]
    public async Task Connect_EventOverSizeLimit_FailsWithTooLarge()
    {
        var options = new SseConnectionOptions { Uri = _server.UriFor("/big"), Reconnect = FastRetry, MaxEventSize = 1024 };

        var error = await FirstErrorAsync(new SseConnection(_transport, options, TaskPoolScheduler.Default));

        error.Should().BeOfType<SseEventTooLargeException>();
    }

    [Fact]
    public async Task Dispose_OpenStream_LeavesNoRequestOpenOnServer()
    {
        var options = new SseConnectionOptions { Uri = _server.UriFor("/hold"), Reconnect = FastRetry, Headers = [new("X-Custom", "v")] };
        var connection = new SseConnection(_transport, options, DefaultScheduler.Instance);
        var subscription = connection.Subscribe(_ => { });
        await connection.Status.FirstAsync(s => s.State == ChannelState.Open).Timeout(Patience);
        (await _server.OpenRequests.FirstAsync().Timeout(Patience)).Should().Be(1);

        subscription.Dispose();

        await _server.OpenRequests.FirstAsync(count => count == 0).Timeout(Patience);
        (await connection.Status.FirstAsync()).State.Should().Be(ChannelState.Closed);
        (await _server.RequestStream.FirstAsync(r => r.Path == "/hold")).Header("X-Custom").Should().Be("v");
    }

    /// <summary>The values observed so far (the replay delivers them synchronously on subscription).</summary>
    private static List<T> Observed<T>(ReplaySubject<T> subject)
    {
        var values = new List<T>();
        subject.Subscribe(values.Add).Dispose();
        return values;
    }

    private static async Task<Exception> FirstErrorAsync<T>(IObservable<T> source)
    {
        var end = await source.Materialize().FirstAsync(n => n.Kind != NotificationKind.OnNext).Timeout(Patience);
        return end.Exception ?? throw new InvalidOperationException("The sequence completed without an error.");
    }

    /// <summary>The requests recorded so far (the replay delivers them synchronously on subscription).</summary>
    private List<SseTestRequest> RequestsSoFar(string path)
    {
        var requests = new List<SseTestRequest>();
        _server.RequestStream.Where(r => r.Path == path).Subscribe(requests.Add).Dispose();
        return requests;
    }

    private SseConnection Connection(string path, SseConnectionOptions? options = null) =>
        new(_transport, options ?? new SseConnectionOptions { Uri = _server.UriFor(path), Reconnect = FastRetry }, DefaultScheduler.Instance);

    private void MapEndpoints(WebApplication app)
    {
        app.MapGet("/resume", async context =>
        {
            await SseResponse.StartEventStreamAsync(context);
            if (Interlocked.Increment(ref _resumeRequests) == 1)
            {
                // The response ends in the middle of an event: its id must not be used to resume.
                await SseResponse.SendAsync(context, "id: 1\ndata: one\n\nid: 99\ndata: cut off");
                return;
            }

            await SseResponse.SendAsync(context, "id: 2\ndata: two\n\n");
            await SseResponse.HoldUntilClientLeavesAsync(context);
        });
        app.MapGet("/reset", async context =>
        {
            await SseResponse.StartEventStreamAsync(context);
            if (Interlocked.Increment(ref _resetRequests) == 1)
            {
                context.Abort();
                return;
            }

            await SseResponse.SendAsync(context, "data: after reset\n\n");
            await SseResponse.HoldUntilClientLeavesAsync(context);
        });
        app.MapGet("/no-content", context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        app.MapGet("/busy", async context =>
        {
            if (Interlocked.Increment(ref _busyRequests) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            await SseResponse.StartEventStreamAsync(context);
            await SseResponse.SendAsync(context, "data: after the wait\n\n");
            await SseResponse.HoldUntilClientLeavesAsync(context);
        });
        app.MapGet("/busy-until", context =>
        {
            // A server clock far from the test machine's: only the difference between the two headers counts.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.Date = "Tue, 01 Jan 2036 00:00:00 GMT";
            context.Response.Headers.RetryAfter = "Tue, 01 Jan 2036 00:02:00 GMT";
            return Task.CompletedTask;
        });
        app.MapGet("/wrong-type", async context =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.Headers["X-Reason"] = "plain";
            await context.Response.WriteAsync("data: not an event stream\n\n", context.RequestAborted);
        });
        app.MapGet("/moved", context =>
        {
            context.Response.Redirect("/here");
            return Task.CompletedTask;
        });
        app.MapGet("/here", async context =>
        {
            await SseResponse.StartEventStreamAsync(context);
            await SseResponse.SendAsync(context, "data: here\n\n");
            await SseResponse.HoldUntilClientLeavesAsync(context);
        });
        app.MapGet("/stall", async context =>
        {
            int request = Interlocked.Increment(ref _stallRequests);
            await SseResponse.StartEventStreamAsync(context);
            await SseResponse.SendAsync(context, $"data: stall {request}\n\n");
            await SseResponse.HoldUntilClientLeavesAsync(context);
        });
        app.MapGet("/big", async context =>
        {
            await SseResponse.StartEventStreamAsync(context);
            await SseResponse.SendAsync(context, "data: " + new string('x', 4096) + "\n\n");
            await SseResponse.HoldUntilClientLeavesAsync(context);
        });
        app.MapGet("/hold", async context =>
        {
            await SseResponse.StartEventStreamAsync(context);
            await SseResponse.HoldUntilClientLeavesAsync(context);
        });
    }
}
