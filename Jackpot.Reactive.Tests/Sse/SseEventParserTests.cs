using System.Text;
using static Jackpot.Reactive.Tests.Sse.RecordingSseHandler;

namespace Jackpot.Reactive.Tests.Sse;

public sealed class SseEventParserTests
{
    public static TheoryData<string, int> SpecCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in SseParserCases.All.Keys)
        {
            foreach (var chunkSize in SseParserCases.ChunkSizes)
            {
                data.Add(name, chunkSize);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SpecCases))]
    public void Parse_SpecCase_ReportsExactlyWhatTheSpecDispatches(string caseName, int chunkSize)
    {
        var specCase = SseParserCases.All[caseName];
        var parser = new SseEventParser();
        var handler = new RecordingSseHandler();

        Feed(parser, handler, specCase.Input, chunkSize);

        // Asserted before the stream ends: nothing may wait for bytes that have not arrived.
        handler.Log.Should().Equal(specCase.Expected);

        parser.EndOfStream();
        handler.Log.Should().Equal(specCase.Expected, "the end of the stream discards what is pending");
        parser.LastEventId.Should().Be(specCase.LastEventIdAfterEnd);
    }

    [Fact]
    public void Constructor_Default_UsesOneMebibyteAndNoLastEventId()
    {
        var parser = new SseEventParser();

        parser.MaxEventSize.Should().Be(SseEventParser.DefaultMaxEventSize).And.Be(1024 * 1024);
        parser.LastEventId.Should().BeEmpty();
        parser.ReconnectionTime.Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_NonPositiveMaxEventSize_Throws(int maxEventSize)
    {
        var create = () => new SseEventParser(maxEventSize);

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(maxEventSize));
    }

    [Fact]
    public void Constructor_NullInitialLastEventId_Throws()
    {
        var create = () => new SseEventParser(16, null!);

        create.Should().Throw<ArgumentNullException>().WithParameterName("initialLastEventId");
    }

    [Theory]
    [InlineData("a\0")]
    [InlineData("a\r")]
    [InlineData("a\nb")]
    public void Constructor_InitialLastEventIdWithControlCharacter_Throws(string initialLastEventId)
    {
        var create = () => new SseEventParser(16, initialLastEventId);

        create.Should().Throw<ArgumentException>().WithParameterName(nameof(initialLastEventId));
    }

    [Fact]
    public void Constructor_InitialLastEventId_IsSeenByEventsUntilTheServerSendsAnother()
    {
        var parser = new SseEventParser(SseEventParser.DefaultMaxEventSize, "41");
        var handler = new RecordingSseHandler();

        Feed(parser, handler, "data: a\n\nid: 42\ndata: b\n\n");

        handler.Log.Should().Equal("event message [a] id=41", "event message [b] id=42");
        parser.LastEventId.Should().Be("42");
    }

    [Fact]
    public void Parse_NullHandler_Throws()
    {
        var parser = new SseEventParser();

        var parse = () => parser.Parse("data: a\n\n"u8, null!);

        parse.Should().Throw<ArgumentNullException>().WithParameterName("handler");
    }

    [Fact]
    public void Parse_EmptyChunks_ChangeNothing()
    {
        var parser = new SseEventParser();
        var handler = new RecordingSseHandler();

        parser.Parse([], handler);
        Feed(parser, handler, "data: a\r");
        parser.Parse([], handler);
        Feed(parser, handler, "\ndata: b\n\n");

        handler.Log.Should().Equal(Event("a\nb"));
    }

    [Fact]
    public void Parse_Retry_SetsReconnectionTime()
    {
        var parser = new SseEventParser();
        var handler = new RecordingSseHandler();

        Feed(parser, handler, "retry: 2500\nretry: x\n");

        parser.ReconnectionTime.Should().Be(TimeSpan.FromMilliseconds(2500));
        handler.Log.Should().Equal(Retry(2500));
    }

    [Fact]
    public void Parse_RetryTooLargeForTimeSpan_Saturates()
    {
        var parser = new SseEventParser();
        var handler = new RecordingSseHandler();

        Feed(parser, handler, "retry: 99999999999999999999999999\n");

        parser.ReconnectionTime.Should().Be(TimeSpan.FromMilliseconds(TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond));
        handler.Log.Should().ContainSingle().Which.Should().StartWith("retry ");
    }

    [Fact]
    public void Parse_DataThatSpansChunks_IsDeliveredAsUtf8Bytes()
    {
        var parser = new SseEventParser();
        var handler = new RecordingSseHandler();
        var payload = Encoding.UTF8.GetBytes(new string('€', 3000));

        Feed(parser, handler, [.. "data: "u8, .. payload, .. "\n\n"u8], 4096);

        handler.Events.Should().ContainSingle().Which.Data.Should().Equal(payload);
    }

    [Fact]
    public void Parse_RepeatedEventTypeAndId_ReuseTheirStrings()
    {
        var parser = new SseEventParser();
        var handler = new RecordingSseHandler();

        Feed(parser, handler, "event: jackpot_value\nid: 7\ndata: a\n\nevent: jackpot_value\nid: 7\ndata: b\n\n");

        handler.Events.Should().HaveCount(2);
        handler.Events[1].EventType.Should().BeSameAs(handler.Events[0].EventType);
        handler.Events[1].LastEventId.Should().BeSameAs(handler.Events[0].LastEventId);
    }

    [Fact]
    public void LastEventId_OfAnEventKeptPastItsCallbackWhileTheIdIsCurrent_IsItsId()
    {
        var parser = new SseEventParser();
        var kept = new KeepingHandler();

        Feed(parser, kept, "id: 7\ndata: a\n\ndata: b\n\n");

        kept.Events.Should().HaveCount(2);
        kept.Events[0].LastEventId.Should().Be("7");
        kept.Events[1].LastEventId.Should().Be("7");
        parser.LastEventId.Should().Be("7");
    }

    [Fact]
    public void LastEventId_OfAnEventKeptPastANewerId_Throws()
    {
        var parser = new SseEventParser();
        var kept = new KeepingHandler();

        Feed(parser, kept, "id: 7\ndata: a\n\nid: 8\ndata: b\n\n");

        var stale = kept.Events[0];
        var read = () => stale.LastEventId;
        read.Should().Throw<InvalidOperationException>().WithMessage("*during the callback*");
        kept.Events[1].LastEventId.Should().Be("8");
    }

    [Fact]
    public void LastEventId_OfAnEventBuiltWithAnId_IsThatId()
    {
        new SseEvent("message", ReadOnlyMemory<byte>.Empty, "42").LastEventId.Should().Be("42");
        default(SseEvent).LastEventId.Should().BeEmpty();
    }

    [Fact]
    public void Parse_EventTypeMessage_UsesTheDefaultString()
    {
        var parser = new SseEventParser();
        var handler = new RecordingSseHandler();

        Feed(parser, handler, "event: message\ndata: a\n\n");

        handler.Events.Should().ContainSingle().Which.EventType.Should().BeSameAs(SseEvent.DefaultEventType);
    }

    [Fact]
    public void Parse_HandlerThrows_ExceptionPropagatesAndTheParserGoesOn()
    {
        var parser = new SseEventParser();
        var throwing = new ThrowingHandler();

        var parse = () => parser.Parse("data: a\n\n"u8, throwing);

        parse.Should().Throw<InvalidOperationException>();
        var handler = new RecordingSseHandler();
        Feed(parser, handler, "data: b\n\n");
        handler.Log.Should().Equal(new[] { Event("b") }, "the failed event was handed over and is not repeated");
    }

    internal static void Feed(SseEventParser parser, ISseEventHandler handler, string text) =>
        Feed(parser, handler, Encoding.UTF8.GetBytes(text), 0);

    internal static void Feed(SseEventParser parser, ISseEventHandler handler, byte[] input, int chunkSize)
    {
        if (chunkSize == 0)
        {
            parser.Parse(input, handler);
            return;
        }

        for (var offset = 0; offset < input.Length; offset += chunkSize)
        {
            parser.Parse(input.AsSpan(offset, Math.Min(chunkSize, input.Length - offset)), handler);
        }
    }

    private sealed class ThrowingHandler : ISseEventHandler
    {
        public void OnEvent(in SseEvent sseEvent) => throw new InvalidOperationException("handler failed");

        public void OnComment(ReadOnlySpan<byte> comment)
        {
        }

        public void OnRetry(TimeSpan reconnectionTime)
        {
        }
    }

    /// <summary>Keeps the events themselves, past their callbacks.</summary>
    private sealed class KeepingHandler : ISseEventHandler
    {
        public List<SseEvent> Events { get; } = [];

        public void OnEvent(in SseEvent sseEvent) => Events.Add(sseEvent);

        public void OnComment(ReadOnlySpan<byte> comment)
        {
        }

        public void OnRetry(TimeSpan reconnectionTime)
        {
        }
    }
}
