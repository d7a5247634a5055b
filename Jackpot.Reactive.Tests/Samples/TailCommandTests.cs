using System.Globalization;
using System.Text.Json;
using Jackpot.Reactive.Samples;
using Jackpot.Reactive.Simulator;
using Microsoft.AspNetCore.Http;

namespace Jackpot.Reactive.Tests.Samples;

public sealed class TailCommandTests
{
    private const string Workspace = "ws";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private static PushEventSimulatorOptions FastSimulator() => new()
    {
        ValueInterval = TimeSpan.FromMilliseconds(50),
        WinProbabilityPerSpin = 0,
    };

    private static async Task<(int ExitCode, LineRecorder Stdout, LineRecorder Stderr)> RunAsync(params string[] args)
    {
        var stdout = new LineRecorder();
        var stderr = new LineRecorder();
        int exitCode = await TailCommand.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken)
            .WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        return (exitCode, stdout, stderr);
    }

    private static JsonElement Json(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(property => property.Name).ToArray();

    [Fact]
    public async Task RunAsync_DecodedBroadcast_PrintsValueAsSentAndAmountAsNumber()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastSimulator(), TestContext.Current.CancellationToken);

        var (exitCode, stdout, _) = await RunAsync(
            "--endpoint", simulator.SubscribeUri.ToString(), "--workspace", PushEventSimulatorOptions.DefaultWorkspace,
            "--group", PushEventSimulatorOptions.DefaultGroup, "--count", "4");

        exitCode.Should().Be(0);
        stdout.Lines.Should().HaveCount(4);
        var jackpots = simulator.GetJackpots().Select(jackpot => jackpot.Jackpot.Value).ToList();
        foreach (var line in stdout.Lines)
        {
            var json = Json(line);
            Names(json).Should().Equal("reason", "jackpot", "jackpotInstance", "channel", "currency", "value", "amount");
            json.GetProperty("reason").GetString().Should().Be(JackpotReasons.Value);
            json.GetProperty("jackpot").GetString().Should().BeOneOf(jackpots);
            json.GetProperty("channel").GetString().Should().Be(simulator.BroadcastChannel.RawValue);
            json.GetProperty("currency").GetString().Should().Be("EUR");
            json.GetProperty("value").ValueKind.Should().Be(JsonValueKind.String);
            json.GetProperty("amount").ValueKind.Should().Be(JsonValueKind.Number);
            json.GetProperty("amount").GetDecimal().Should().Be(
                decimal.Parse(json.GetProperty("value").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task RunAsync_DecodedPlayerWin_PrintsWinWithNewInstanceAndKeepsPlayerIdOffStderr()
    {
        const string PlayerSecret = "a+b@x.com&c=d#e";
        await using var simulator = await PushEventSimulator.StartAsync(FastSimulator(), TestContext.Current.CancellationToken);
        var player = new PlayerId(PlayerSecret);
        var win = simulator.MakePlayerWin(player);

        // The win is in the channel's history: --last-event-id 0 replays it, so no race with the subscription.
        var (exitCode, stdout, stderr) = await RunAsync(
            "--endpoint", simulator.SubscribeUri.ToString(), "--workspace", PushEventSimulatorOptions.DefaultWorkspace,
            "--player", PlayerSecret, "--last-event-id", "0", "--count", "1");

        exitCode.Should().Be(0);
        var json = Json(stdout.Lines.Should().ContainSingle().Subject);
        Names(json).Should().Equal("reason", "jackpot", "jackpotInstance", "channel", "currency", "value", "amount", "jackpotNewInstance");
        json.GetProperty("reason").GetString().Should().Be(JackpotReasons.Won);
        json.GetProperty("jackpot").GetString().Should().Be(win.Jackpot.Value);
        json.GetProperty("jackpotInstance").GetString().Should().Be(win.WonInstance.Value);
        json.GetProperty("jackpotNewInstance").GetString().Should().Be(win.NewInstance.Value);
        json.GetProperty("channel").GetString().Should().Be(win.PlayerChannel.RawValue);
        json.GetProperty("value").GetString().Should().Be(win.Value);
        json.GetProperty("amount").GetDecimal().Should().Be(win.Amount);
        stderr.Lines.Should().NotBeEmpty();
        stderr.Text.Should().NotContain(PlayerSecret).And.NotContain(Uri.EscapeDataString(PlayerSecret));
    }

    [Fact]
    public async Task RunAsync_Raw_PrintsTypeStickyIdAndData()
    {
        await using var server = await SseTestServer.StartAsync((_, context) => SseTestServer.StreamAsync(
            context,
            "id: 7\ndata: first\n\nevent: custom\ndata: second\ndata: line\n\n: comment\nid\ndata: third\n\n"));

        var (exitCode, stdout, _) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace,
            "--group", "g", "--raw", "--count", "3");

        exitCode.Should().Be(0);
        stdout.Lines.Should().Equal(
            """{"type":"message","id":"7","data":"first"}""",
            """{"type":"custom","id":"7","data":"second\nline"}""",
            """{"type":"message","id":"","data":"third"}""");
    }

    [Fact]
    public async Task RunAsync_RawFromSimulator_PrintsEveryEventWithItsId()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastSimulator(), TestContext.Current.CancellationToken);

        var (exitCode, stdout, _) = await RunAsync(
            "--endpoint", simulator.SubscribeUri.ToString(), "--workspace", PushEventSimulatorOptions.DefaultWorkspace,
            "--group", PushEventSimulatorOptions.DefaultGroup, "--raw", "--count", "3");

        exitCode.Should().Be(0);
        var lines = stdout.Lines.Select(Json).ToList();
        lines.Should().HaveCount(3);
        lines.Select(line => long.Parse(line.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        foreach (var line in lines)
        {
            Names(line).Should().Equal("type", "id", "data");
            line.GetProperty("type").GetString().Should().Be("message");
            Json(line.GetProperty("data").GetString()!).GetProperty("reason").GetString().Should().Be(JackpotReasons.Value);
        }
    }

    [Fact]
    public async Task RunAsync_TimeoutOnQuietStream_ExitsZeroWithoutEvents()
    {
        await using var server = await SseTestServer.StartAsync((_, context) => SseTestServer.StreamAsync(context, ": hello\n\n"));

        var (exitCode, stdout, stderr) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g", "--timeout", "0.5");

        exitCode.Should().Be(0);
        stdout.Lines.Should().BeEmpty();
        stderr.Lines.Select(Json).Select(line => line.GetProperty("status").GetString())
            .Should().Equal("connecting", "open", "closed");
        Json(stderr.Lines[1]).GetProperty("continuity").GetString().Should().Be("initial");
    }

    [Fact]
    public async Task RunAsync_ChannelRejectedWith401_ExitsTwoWithTerminalError()
    {
        await using var simulator = await PushEventSimulator.StartAsync(FastSimulator(), TestContext.Current.CancellationToken);
        simulator.Faults.RejectChannel(simulator.BroadcastChannel);

        var (exitCode, stdout, stderr) = await RunAsync(
            "--endpoint", simulator.SubscribeUri.ToString(), "--workspace", PushEventSimulatorOptions.DefaultWorkspace,
            "--group", PushEventSimulatorOptions.DefaultGroup);

        exitCode.Should().Be(2);
        stdout.Lines.Should().BeEmpty();
        var error = stderr.Lines.Select(Json).Single(line => line.TryGetProperty("error", out _));
        error.GetProperty("error").GetString().Should().Be("terminal");
        error.GetProperty("status").GetInt32().Should().Be(401);
        error.GetProperty("message").GetString().Should().Contain("401");
        stderr.Lines.Select(Json).Where(line => !line.TryGetProperty("error", out _)).Select(line => line.GetProperty("status").GetString())
            .Should().Equal("connecting", "failed");
    }

    [Fact]
    public async Task RunAsync_NoContent204_ExitsTwo()
    {
        await using var server = await SseTestServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        var (exitCode, _, stderr) = await RunAsync("--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g");

        exitCode.Should().Be(2);
        var error = stderr.Lines.Select(Json).Single(line => line.TryGetProperty("error", out _));
        error.GetProperty("status").GetInt32().Should().Be(204);
        server.Requests.Should().ContainSingle("a 204 is not retried");
    }

    [Fact]
    public async Task RunAsync_WrongContentType_ExitsTwoNamingIt()
    {
        await using var server = await SseTestServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("data: not an event stream\n\n", context.RequestAborted);
        });

        var (exitCode, stdout, stderr) = await RunAsync("--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g");

        exitCode.Should().Be(2);
        stdout.Lines.Should().BeEmpty();
        var error = stderr.Lines.Select(Json).Single(line => line.TryGetProperty("error", out _));
        error.GetProperty("status").GetInt32().Should().Be(200);
        error.GetProperty("contentType").GetString().Should().StartWith("text/plain");
    }

    [Fact]
    public async Task RunAsync_PlayerIdWithQuerySyntax_ReachesServerAsOneChannelValue()
    {
        const string PlayerSecret = "a+b@x.com&c=d#e";
        await using var server = await SseTestServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });

        var (exitCode, _, stderr) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--player", PlayerSecret);

        exitCode.Should().Be(2);
        var request = server.Requests.Should().ContainSingle().Subject;
        request.Query.Should().ContainSingle().Which.Key.Should().Be("channel");
        request.Query["channel"].Should().Equal(Workspace + "_user_" + PlayerSecret);
        request.RawQuery.Should().Be("?channel=" + Uri.EscapeDataString(Workspace + "_user_" + PlayerSecret));
        stderr.Text.Should().NotContain(PlayerSecret).And.NotContain(Uri.EscapeDataString(PlayerSecret));
    }

    [Fact]
    public async Task RunAsync_LastEventIdAndHeaders_AreSentOnTheFirstRequest()
    {
        await using var server = await SseTestServer.StartAsync((_, context) =>
            SseTestServer.StreamAsync(context, "id: 42\ndata: {}\n\n"));

        var (exitCode, _, _) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g", "--raw", "--count", "1",
            "--last-event-id", "41", "--header", "Authorization: Bearer abc", "--header", "X-Trace:  t-1 ");

        exitCode.Should().Be(0);
        var headers = server.Requests.Should().ContainSingle().Subject.Headers;
        headers["Last-Event-ID"].Should().Be("41");
        headers["Authorization"].Should().Be("Bearer abc");
        headers["X-Trace"].Should().Be("t-1");
        headers["Accept"].Should().Be("text/event-stream");
    }

    [Fact]
    public async Task RunAsync_MalformedEvent_ReportedOnStderrAndSkipped()
    {
        const string Valid = """{"reason":"jackpot_value","jackpotInstance":"J_1","jackpot":"J","channel":"ws_broadcast_g","currency":"EUR","value":"1,408.20"}""";
        await using var server = await SseTestServer.StartAsync((_, context) => SseTestServer.StreamAsync(
            context,
            "id: 1\ndata: {\"reason\":\"jackpot_value\",\n\n" +
            "id: 2\ndata: {\"reason\":\"jackpot_value\",\"jackpotInstance\":\"J_1\",\"jackpot\":\"J\",\"channel\":\"ws_broadcast_g\",\"currency\":\"EUR\",\"value\":\"12x\"}\n\n" +
            "id: 3\ndata: " + Valid + "\n\n"));

        var (exitCode, stdout, stderr) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g", "--count", "1");

        exitCode.Should().Be(0);
        var json = Json(stdout.Lines.Should().ContainSingle().Subject);
        json.GetProperty("value").GetString().Should().Be("1,408.20");
        json.GetProperty("amount").GetDecimal().Should().Be(1408.20m);
        var errors = stderr.Lines.Select(Json).Where(line => line.TryGetProperty("error", out _)).ToList();
        errors.Should().HaveCount(2);
        errors.Should().OnlyContain(error => error.GetProperty("error").GetString() == "malformed");
        errors[0].GetProperty("id").GetString().Should().Be("1");
        errors[1].GetProperty("field").GetString().Should().Be("value");
    }

    [Fact]
    public async Task RunAsync_ZeroRetryInitialDelay_ReconnectsAtOnceAndResumes()
    {
        await using var server = await SseTestServer.StartAsync((index, context) => index == 0
            ? SseTestServer.StreamAsync(context, "id: 5\ndata: one\n\n", endStream: true)
            : SseTestServer.StreamAsync(context, "id: 6\ndata: two\n\n"));

        var (exitCode, stdout, stderr) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g", "--raw", "--count", "2",
            "--retry-initial-ms", "0");

        exitCode.Should().Be(0);
        stdout.Lines.Select(line => Json(line).GetProperty("data").GetString()).Should().Equal("one", "two");
        var reconnecting = stderr.Lines.Select(Json).Single(line => line.GetProperty("status").GetString() == "reconnecting");
        reconnecting.GetProperty("attempt").GetInt32().Should().Be(1);
        reconnecting.GetProperty("delayMs").GetInt64().Should().Be(0);
        reconnecting.GetProperty("causeType").GetString().Should().Be(nameof(SseStreamEndedException));
        stderr.Lines.Select(Json).Should().Contain(line =>
            line.GetProperty("status").GetString() == "open" && line.GetProperty("continuity").GetString() == "resumed");
        server.Requests[1].Headers["Last-Event-ID"].Should().Be("5");
    }

    [Fact]
    public async Task RunAsync_IdleTimeout_ReconnectsASilentStream()
    {
        await using var server = await SseTestServer.StartAsync((index, context) => index == 0
            ? SseTestServer.StreamAsync(context, string.Empty)
            : SseTestServer.StreamAsync(context, "data: after\n\n"));

        var (exitCode, stdout, stderr) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g", "--raw", "--count", "1",
            "--idle-timeout-ms", "200", "--retry-initial-ms", "0");

        exitCode.Should().Be(0);
        Json(stdout.Lines.Should().ContainSingle().Subject).GetProperty("data").GetString().Should().Be("after");
        stderr.Lines.Select(Json).Should().Contain(line =>
            line.GetProperty("status").GetString() == "reconnecting"
            && line.GetProperty("causeType").GetString() == nameof(SseIdleTimeoutException));
    }

    [Fact]
    public async Task RunAsync_CancelledByCaller_ExitsZeroAndClosesTheConnection()
    {
        await using var server = await SseTestServer.StartAsync((_, context) => SseTestServer.StreamAsync(context, "data: x\n\n"));
        var stdout = new LineRecorder();
        var stderr = new LineRecorder();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = TailCommand.RunAsync(
            ["--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g", "--raw"], stdout, stderr, cancellation.Token);
        await stdout.WaitForLineAsync(line => line.Contains("\"data\":\"x\"", StringComparison.Ordinal));
        await cancellation.CancelAsync();

        (await run.WaitAsync(RunTimeout, TestContext.Current.CancellationToken)).Should().Be(0);
        Json(stderr.Lines[^1]).GetProperty("status").GetString().Should().Be("closed");
    }

    public static TheoryData<string[], string> BadArguments() => new()
    {
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--group", "g"], "--workspace" },
        { ["--workspace", "ws", "--group", "g"], "--endpoint" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--player", "p"], "exactly one" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws"], "exactly one" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--count", "ten"], "--count" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--count", "0"], "--count" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--header", "NoColon"], "--header" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--header", "Bad Name: v"], "--header" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--timeout", "-1"], "--timeout" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--retry-initial-ms", "-5"], "--retry-initial-ms" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--idle-timeout-ms", "0"], "--idle-timeout-ms" },
        { ["--endpoint", "ftp://host/subscribe", "--workspace", "ws", "--group", "g"], "--endpoint" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe?channel=x", "--workspace", "ws", "--group", "g"], "channel" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--verbose"], "--verbose" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--count"], "needs a value" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task RunAsync_BadArguments_ExitsOneWithUsageOnStderr(string[] args, string mentioned)
    {
        var (exitCode, stdout, stderr) = await RunAsync(args);

        exitCode.Should().Be(1);
        stdout.Lines.Should().BeEmpty();
        var error = Json(stderr.Lines[0]);
        error.GetProperty("error").GetString().Should().Be("arguments");
        error.GetProperty("message").GetString().Should().Contain(mentioned);
        stderr.Text.Should().Contain("Usage:").And.Contain("--retry-initial-ms");
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageOnStdoutAndExitsZero()
    {
        var (exitCode, stdout, stderr) = await RunAsync("--help");

        exitCode.Should().Be(0);
        stdout.Text.Should().Contain("Usage:").And.Contain("tail --endpoint");
        stderr.Lines.Should().BeEmpty();
    }
}
