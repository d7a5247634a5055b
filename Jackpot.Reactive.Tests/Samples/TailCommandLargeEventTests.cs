using System.Text;
using Microsoft.AspNetCore.Http;
using static Jackpot.Reactive.Tests.Samples.TailRunner;

namespace Jackpot.Reactive.Tests.Samples;

/// <summary><c>tail --max-event-size</c>: events of several megabytes arrive intact however the server writes them.</summary>
public sealed class TailCommandLargeEventTests
{
    private const string ThirtyTwoMiB = "33554432";

    [Fact]
    public async Task RunAsync_FiveMegabyteEventInOneWrite_PrintsItIntact()
    {
        string data = new('a', 5 * 1000 * 1000);

        var printed = await TailOneRawEventAsync(data, chunkBytes: int.MaxValue);

        printed.Should().Be(data);
    }

    [Fact]
    public async Task RunAsync_NineMegabyteEventOverManyWrites_PrintsItIntact()
    {
        string data = string.Concat(Enumerable.Range(0, 9 * 100_000).Select(i => (i % 10_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture) + "|"));

        var printed = await TailOneRawEventAsync(data, chunkBytes: 16 * 1024);

        printed.Should().Be(data);
    }

    [Fact]
    public async Task RunAsync_FourteenMegabyteEventWithMultiByteCharactersSplitAcrossWrites_PrintsItIntact()
    {
        // 2-, 3- and 4-byte UTF-8 sequences; an odd chunk size splits them at every possible offset.
        const string Pattern = "é€😀x";
        int patternBytes = Encoding.UTF8.GetByteCount(Pattern);
        string data = new StringBuilder().Insert(0, Pattern, 14 * 1000 * 1000 / patternBytes).ToString();

        var printed = await TailOneRawEventAsync(data, chunkBytes: 65_537);

        printed.Should().Be(data);
        Encoding.UTF8.GetByteCount(data).Should().BeGreaterThan(13 * 1000 * 1000);
    }

    [Fact]
    public async Task RunAsync_EventOverTheDefaultLimit_ExitsTwoNamingTheLimit()
    {
        await using var server = await SseTestServer.StartAsync((_, context) =>
            WriteEventAsync(context, new string('a', 2 * 1024 * 1024), chunkBytes: 64 * 1024));

        var (exitCode, stdout, stderr) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g", "--raw", "--count", "1");

        exitCode.Should().Be(2);
        stdout.Lines.Should().BeEmpty();
        var error = stderr.Lines.Select(Json).Single(line => line.TryGetProperty("error", out _));
        error.GetProperty("error").GetString().Should().Be("terminal");
        error.GetProperty("maxEventSize").GetInt32().Should().Be(1024 * 1024);
    }

    private static async Task<string> TailOneRawEventAsync(string data, int chunkBytes)
    {
        await using var server = await SseTestServer.StartAsync((_, context) => WriteEventAsync(context, data, chunkBytes));

        var (exitCode, stdout, stderr) = await RunAsync(
            "--endpoint", server.SubscribeUri.ToString(), "--workspace", Workspace, "--group", "g", "--raw", "--count", "1",
            "--max-event-size", ThirtyTwoMiB);

        exitCode.Should().Be(0, stderr.Text);
        var line = Json(stdout.Lines.Should().ContainSingle().Subject);
        line.GetProperty("id").GetString().Should().Be("big");
        return line.GetProperty("data").GetString()!;
    }

    /// <summary>Sends one event whose data is <paramref name="data"/>, in writes of <paramref name="chunkBytes"/> bytes
    /// each flushed on its own, then holds the stream open.</summary>
    private static async Task WriteEventAsync(HttpContext context, string data, int chunkBytes)
    {
        byte[] frame = Encoding.UTF8.GetBytes("id: big\ndata: " + data + "\n\n");
        await SseResponse.StartEventStreamAsync(context);
        for (int offset = 0; offset < frame.Length; offset += chunkBytes)
        {
            int length = Math.Min(chunkBytes, frame.Length - offset);
            await SseResponse.SendAsync(context, frame.AsMemory(offset, length));
        }

        await SseResponse.HoldUntilClientLeavesAsync(context);
    }
}
