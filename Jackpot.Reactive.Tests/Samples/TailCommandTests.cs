using System.Globalization;
using System.Text.Json;
using Jackpot.Reactive.Simulator;
using Microsoft.AspNetCore.Http;
using static Jackpot.Reactive.Tests.Samples.TailRunner;

namespace Jackpot.Reactive.Tests.Samples;

public sealed class TailCommandTests
{
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
        await using var server = await SseTestServer.StartAsync((_, context) => SseResponse.StreamAsync(
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
        await using var server = await SseTestServer.StartAsync((_, context) => SseResponse.StreamAsync(context, ": hello\n\n"));

        var (exitCode, stdout, stderr) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g", "--timeout", "0.5");

        exitCode.Should().Be(0);
        stdout.Lines.Should().BeEmpty();
        stderr.Lines.Select(Json).Select(line => line.GetProperty("status").GetString())
            .Should().Equal("connecting", "open", "closed");
        Json(stderr.Lines[1]).GetProperty("continuity").GetString().Should().Be("initial");
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
            SseResponse.StreamAsync(context, "id: 42\ndata: {}\n\n"));

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
        await using var server = await SseTestServer.StartAsync((_, context) => SseResponse.StreamAsync(
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
}
