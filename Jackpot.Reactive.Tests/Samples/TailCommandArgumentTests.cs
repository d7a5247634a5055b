using static Jackpot.Reactive.Tests.Samples.TailRunner;

namespace Jackpot.Reactive.Tests.Samples;

public sealed class TailCommandArgumentTests
{
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
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--max-event-size", "0"], "--max-event-size" },
        { ["--endpoint", "http://127.0.0.1:1/subscribe", "--workspace", "ws", "--group", "g", "--max-event-size", "1MiB"], "--max-event-size" },
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
        stdout.Text.Should().Contain("Usage:").And.Contain("tail --endpoint").And.Contain("--max-event-size <bytes>").And.Contain("1048576");
        stderr.Lines.Should().BeEmpty();
    }
}
