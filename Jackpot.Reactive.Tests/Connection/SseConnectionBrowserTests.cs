using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Jackpot.Reactive.Tests.Diagnostics;
using Jackpot.Reactive.Tests.Transport;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Tests.Connection;

/// <summary>What a channel's status and log say in the browser when CORS gets in the way, through the transport's
/// browser seam on a model of fetch (no browser needed).</summary>
public sealed class SseConnectionBrowserTests
{
    private static readonly Uri StreamUri = new("https://push.example/subscribe?channel=ws_user_p1");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task LastEventIdPreflightRefused_OpenSaysGapPossible_WithTheCorsCause_AndLogsIt()
    {
        var fetch = new FetchModelHandler();
        using var logs = new CapturingLoggerProvider();
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: true);
        var connection = new SseConnection(
            transport,
            new SseConnectionOptions { Uri = StreamUri, LastEventId = "41", IdleTimeout = null },
            Scheduler.Default,
            logs.CreateLogger("test"));
        var open = connection.Status.FirstAsync(s => s.State == ChannelState.Open).Timeout(Patience).ToTask();

        using var subscription = connection.Subscribe(_ => { });
        var status = await open;

        status.Continuity.Should().Be(StreamContinuity.GapPossible);
        status.Cause.Should().BeOfType<SseCorsException>().Which.RefusedHeaders.Should().Equal("Last-Event-ID");
        logs.Entries.Should().Contain(e => e.EventId.Id == 7 && e.Level == LogLevel.Warning && e.Message.Contains("CORS preflight for Last-Event-ID"));
    }

    [Fact]
    public async Task LastEventIdAllowed_OpenSaysResumed_WithoutCause()
    {
        var fetch = new FetchModelHandler { PreflightAllows = new HashSet<string>(["Last-Event-ID"], StringComparer.OrdinalIgnoreCase) };
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: true);
        var connection = new SseConnection(transport, new SseConnectionOptions { Uri = StreamUri, LastEventId = "41", IdleTimeout = null });
        var open = connection.Status.FirstAsync(s => s.State == ChannelState.Open).Timeout(Patience).ToTask();

        using var subscription = connection.Subscribe(_ => { });
        var status = await open;

        status.Continuity.Should().Be(StreamContinuity.Resumed);
        status.Cause.Should().BeNull();
    }

    [Fact]
    public async Task ExtraHeaderPreflightRefused_ReconnectingCauseIsCors_NotANetworkError()
    {
        var fetch = new FetchModelHandler();
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: true);
        var connection = new SseConnection(
            transport,
            new SseConnectionOptions { Uri = StreamUri, Headers = [new("Authorization", "Bearer t")], IdleTimeout = null });
        var reconnecting = connection.Status.FirstAsync(s => s.State == ChannelState.Reconnecting).Timeout(Patience).ToTask();

        using var subscription = connection.Subscribe(_ => { });
        var status = await reconnecting;

        status.Cause.Should().BeOfType<SseCorsException>().Which.RefusedHeaders.Should().Equal("Authorization");
    }

    [Fact]
    public async Task NetworkDown_ReconnectingCauseIsANetworkError()
    {
        var fetch = new FetchModelHandler { NetworkDown = true };
        using var transport = new HttpSseTransport(new HttpClient(fetch), browser: true);
        var connection = new SseConnection(
            transport,
            new SseConnectionOptions { Uri = StreamUri, Headers = [new("Authorization", "Bearer t")], IdleTimeout = null });
        var reconnecting = connection.Status.FirstAsync(s => s.State == ChannelState.Reconnecting).Timeout(Patience).ToTask();

        using var subscription = connection.Subscribe(_ => { });
        var status = await reconnecting;

        status.Cause.Should().BeOfType<HttpRequestException>();
    }

    [Fact]
    public void IdleTimeoutDefault_BrowserTwoMinutes_ElsewhereNone()
    {
        JackpotPushClientOptions.DefaultIdleTimeoutFor(browser: true).Should().Be(TimeSpan.FromMinutes(2))
            .And.Be(JackpotPushClientOptions.DefaultBrowserIdleTimeout);
        JackpotPushClientOptions.DefaultIdleTimeoutFor(browser: false).Should().BeNull();
        new JackpotPushClientOptions().IdleTimeout.Should().BeNull("these tests run outside the browser");
        new SseConnectionOptions { Uri = StreamUri }.IdleTimeout.Should().BeNull();
        new JackpotPushSettings().IdleTimeout.Should().BeNull();
    }
}
