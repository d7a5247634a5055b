using System.Text;

namespace Jackpot.Reactive.Tests.Sse;

/// <summary>The hot path allocates nothing per event once the parser's buffers have grown.</summary>
public sealed class SseEventParserAllocationTests
{
    private const int Frames = 1000;
    private const string Json =
        "{\"reason\":\"jackpot_value\",\"jackpotInstance\":\"f8f21i6__12\",\"jackpot\":\"f8f21i6\",\"currency\":\"EUR\",\"value\":\"1,408.20\"}";

    [Theory]
    [InlineData("data: " + Json + "\n\n")]
    [InlineData("data: " + Json + "\r\n\r\n")]
    [InlineData("data: " + Json + "\r\r")]
    [InlineData("data: " + Json + "\ndata: second line\n\n")]
    [InlineData("event: jackpot_value\nid: 42\ndata: " + Json + "\n\n")]
    [InlineData(": keep-alive\nretry: 1000\ndata: " + Json + "\n\n")]
    public void Parse_RepeatedFrames_AllocatesNothingPerEvent(string frame)
    {
        var stream = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(frame, Frames)));
        var parser = new SseEventParser();
        var handler = new CountingHandler();
        FeedInNetworkChunks(parser, handler, stream);

        var allocated = SteadyAllocation(parser, handler, stream);

        handler.Events.Should().Be(Frames);
        allocated.Should().Be(0);
    }

    [Fact]
    public void Parse_NewIdOnEveryEvent_AllocatesNothingUntilTheIdIsRead()
    {
        var stream = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, Frames).Select(id => $"id: {id}\ndata: {Json}\n\n")));
        var parser = new SseEventParser();
        var handler = new CountingHandler();
        FeedInNetworkChunks(parser, handler, stream);

        var allocated = SteadyAllocation(parser, handler, stream);

        handler.Events.Should().Be(Frames);
        allocated.Should().Be(0, "an id nobody reads is kept as bytes, not decoded into a string per event");
        parser.LastEventId.Should().Be(Frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The bytes one more pass over <paramref name="stream"/> allocates on this thread, the least of three
    /// passes: a per-event allocation shows in every pass, while the runtime's own one-off work on the thread (a
    /// method's tier-up under a loaded machine) shows in one at most. Leaves the handler counting the last pass.</summary>
    private static long SteadyAllocation(SseEventParser parser, CountingHandler handler, byte[] stream)
    {
        var least = long.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            handler.Events = 0;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            FeedInNetworkChunks(parser, handler, stream);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        }

        return least;
    }

    private static void FeedInNetworkChunks(SseEventParser parser, ISseEventHandler handler, byte[] stream)
    {
        const int ChunkSize = 4096;
        for (var offset = 0; offset < stream.Length; offset += ChunkSize)
        {
            parser.Parse(stream.AsSpan(offset, Math.Min(ChunkSize, stream.Length - offset)), handler);
        }
    }

    private sealed class CountingHandler : ISseEventHandler
    {
        public int Events { get; set; }

        public long DataBytes { get; private set; }

        public void OnEvent(in SseEvent sseEvent)
        {
            Events++;
            DataBytes += sseEvent.Data.Length;
        }

        public void OnComment(ReadOnlySpan<byte> comment)
        {
        }

        public void OnRetry(TimeSpan reconnectionTime)
        {
        }
    }
}
