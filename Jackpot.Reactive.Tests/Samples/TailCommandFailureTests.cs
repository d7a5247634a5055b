using Jackpot.Reactive.Samples;
using Jackpot.Reactive.Simulator;
using Microsoft.AspNetCore.Http;
using static Jackpot.Reactive.Tests.Samples.TailRunner;

namespace Jackpot.Reactive.Tests.Samples;

public sealed class TailCommandFailureTests
{
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
    public async Task RunAsync_ZeroRetryInitialDelay_ReconnectsAtOnceAndResumes()
    {
        await using var server = await SseTestServer.StartAsync((index, context) => index == 0
            ? SseResponse.StreamAsync(context, "id: 5\ndata: one\n\n", endStream: true)
            : SseResponse.StreamAsync(context, "id: 6\ndata: two\n\n"));

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
            ? SseResponse.StreamAsync(context, string.Empty)
            : SseResponse.StreamAsync(context, "data: after\n\n"));

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
        await using var server = await SseTestServer.StartAsync((_, context) => SseResponse.StreamAsync(context, "data: x\n\n"));
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
}
