using System.Text;
using static Jackpot.Reactive.Tests.Sse.RecordingSseHandler;
using static Jackpot.Reactive.Tests.Sse.SseEventParserTests;

namespace Jackpot.Reactive.Tests.Sse;

public sealed class SseEventParserLimitTests
{
    private const int Limit = 16;

    private readonly SseEventParser _parser = new(Limit);
    private readonly RecordingSseHandler _handler = new();

    [Fact]
    public void Parse_DataExactlyAtTheLimit_IsDispatched()
    {
        Feed(_parser, _handler, "data: 1234567812345678\n\ndata: 12345678\ndata: 1234567\n\n");

        _handler.Log.Should().Equal(Event("1234567812345678"), Event("12345678\n1234567"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Parse_OneDataLineOverTheLimit_Throws(int chunkSize)
    {
        var parse = () => Feed(_parser, _handler, Encoding.UTF8.GetBytes("data: 12345678123456789\n\n"), chunkSize);

        parse.Should().Throw<SseEventTooLargeException>().Which.MaxEventSize.Should().Be(Limit);
        _handler.Log.Should().BeEmpty();
    }

    [Fact]
    public void Parse_DataLineOverTheLimit_ThrowsAsSoonAsTheLimitIsPassedWithoutWaitingForTheLineEnd()
    {
        var input = Encoding.UTF8.GetBytes("data: " + new string('x', 100) + "\n\n");

        var bytesFed = FeedUntilThrow(input);

        bytesFed.Should().Be("data: ".Length + Limit + 1, "the byte that passes the limit fails the event");
    }

    [Fact]
    public void Parse_DataLinesTogetherOverTheLimit_ThrowsAsSoonAsTheLimitIsPassed()
    {
        // 8 bytes + LF buffered; the second line may add 7 more.
        var input = Encoding.UTF8.GetBytes("data: 12345678\ndata: 12345678\n\n");

        var bytesFed = FeedUntilThrow(input);

        bytesFed.Should().Be("data: 12345678\ndata: 12345678".Length);
    }

    [Fact]
    public void Parse_DataLinesTogetherOverTheLimitInOneChunk_Throws()
    {
        var parse = () => Feed(_parser, _handler, "data: 12345678\ndata: 12345678\n\n");

        parse.Should().Throw<SseEventTooLargeException>();
    }

    [Fact]
    public void Parse_LongLineOfAnotherFieldWithinTheAllowance_IsAccepted()
    {
        var comment = new string('c', Limit + SseEventParser.LineAllowance - 1);

        Feed(_parser, _handler, Encoding.UTF8.GetBytes($":{comment}\ndata: a\n\n"), 1);

        _handler.Log.Should().Equal(Comment(comment), Event("a"));
    }

    [Fact]
    public void Parse_LineLongerThanLimitAndAllowance_ThrowsBeforeItsEnd()
    {
        var input = Encoding.UTF8.GetBytes(":" + new string('c', 1000) + "\n");

        var bytesFed = FeedUntilThrow(input);

        bytesFed.Should().Be(Limit + SseEventParser.LineAllowance + 1);
    }

    [Fact]
    public void SseEventTooLargeException_Message_NamesTheLimit()
    {
        var exception = new SseEventTooLargeException(Limit);

        exception.MaxEventSize.Should().Be(Limit);
        exception.Message.Should().Contain("16 bytes").And.Contain("maximum event size");
        new SseEventTooLargeException().MaxEventSize.Should().Be(0);
        new SseEventTooLargeException("m", new InvalidOperationException()).InnerException.Should().NotBeNull();
    }

    [Fact]
    public void EndOfStream_AfterEventTooLarge_NextConnectionParsesAndKeepsTheDispatchedId()
    {
        Feed(_parser, _handler, "id: 1\ndata: a\n\n");
        var parse = () => Feed(_parser, _handler, "id: 2\ndata: 12345678123456789\n\n");
        parse.Should().Throw<SseEventTooLargeException>();

        _parser.EndOfStream();
        Feed(_parser, _handler, "data: b\n\n");

        _handler.Log.Should().Equal("event message [a] id=1", "event message [b] id=1");
    }

    [Fact]
    public void Parse_HugeEventInNetworkSizedChunks_FailsEarlyWithoutBufferingIt()
    {
        const int maxEventSize = 64 * 1024;
        var parser = new SseEventParser(maxEventSize);
        var chunk = new byte[4096];
        chunk.AsSpan().Fill((byte)'x');
        parser.Parse("data: "u8, _handler);
        long bytesFed = 0;
        long peakHeld = 0;

        var parse = () =>
        {
            // Up to 64 MiB would follow; the parser must give up right after the first 64 KiB.
            for (var i = 0; i < 16 * 1024; i++)
            {
                bytesFed += chunk.Length;
                try
                {
                    parser.Parse(chunk, _handler);
                }
                finally
                {
                    peakHeld = Math.Max(peakHeld, parser.HeldBufferBytes);
                }
            }
        };

        parse.Should().Throw<SseEventTooLargeException>();
        bytesFed.Should().BeLessThanOrEqualTo(maxEventSize + chunk.Length);
        peakHeld.Should().BeGreaterThan(0, "the parser buffered the event's data before giving up");
        peakHeld.Should().BeLessThanOrEqualTo(2L * (maxEventSize + SseEventParser.LineAllowance + 1), "the parser holds at most about twice the limit");
    }

    private int FeedUntilThrow(byte[] input)
    {
        for (var i = 0; i < input.Length; i++)
        {
            try
            {
                _parser.Parse(input.AsSpan(i, 1), _handler);
            }
            catch (SseEventTooLargeException)
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException("The parser accepted the whole oversized input.");
    }
}
