using static Jackpot.Reactive.Tests.Sse.RecordingSseHandler;
using static Jackpot.Reactive.Tests.Sse.SseEventParserTests;

namespace Jackpot.Reactive.Tests.Sse;

/// <summary>End of stream, reconnects, and the three places where <c>System.Net.ServerSentEvents.SseParser</c> departs
/// from the WHATWG rules.</summary>
public sealed class SseEventParserStreamTests
{
    private readonly SseEventParser _parser = new();
    private readonly RecordingSseHandler _handler = new();

    [Fact]
    public void EndOfStream_ThenNewConnectionWithByteOrderMark_StripsItAgain()
    {
        Feed(_parser, _handler, "\uFEFFdata: a\n\n");
        _parser.EndOfStream();
        Feed(_parser, _handler, "\uFEFFdata: b\n\n");

        _handler.Log.Should().Equal(Event("a"), Event("b"));
    }

    [Fact]
    public void EndOfStream_WithoutByteOrderMarkFirst_NextConnectionMayStillSendOne()
    {
        Feed(_parser, _handler, "data: a\n\n");
        _parser.EndOfStream();
        _parser.Parse([0xEF], _handler);
        _parser.Parse([0xBB], _handler);
        _parser.Parse([0xBF], _handler);
        Feed(_parser, _handler, "data: b\n\n");

        _handler.Log.Should().Equal(Event("a"), Event("b"));
    }

    [Fact]
    public void EndOfStream_PartialEvent_IsDiscardedNotMergedIntoTheNextConnection()
    {
        Feed(_parser, _handler, "event: foo\ndata: a\ndata: b");
        _parser.EndOfStream();
        Feed(_parser, _handler, "data: c\n\n");

        _handler.Log.Should().Equal(Event("c"));
    }

    [Fact]
    public void EndOfStream_AfterTrailingCarriageReturn_NextConnectionKeepsItsLeadingLineFeed()
    {
        Feed(_parser, _handler, "data: a\r");
        _parser.EndOfStream();
        Feed(_parser, _handler, "\ndata: b\n\n");

        _handler.Log.Should().Equal(Event("b"));
    }

    [Fact]
    public void EndOfStream_KeepsLastEventIdAndReconnectionTime()
    {
        Feed(_parser, _handler, "retry: 300\nid: 5\ndata: a\n\n");
        _parser.EndOfStream();
        Feed(_parser, _handler, "data: b\n\n");

        _parser.LastEventId.Should().Be("5");
        _parser.ReconnectionTime.Should().Be(TimeSpan.FromMilliseconds(300));
        _handler.Log.Should().Equal(Retry(300), "event message [a] id=5", "event message [b] id=5");
    }

    [Fact]
    public void SseParserDeviation_EventTypeAfterDataLessBlock_IsReset()
    {
        Feed(_parser, _handler, "event: foo\n\ndata: a\n\n");

        _handler.Events.Should().ContainSingle().Which.EventType.Should().Be(SseEvent.DefaultEventType);
    }

    [Fact]
    public void SseParserDeviation_TrailingCarriageReturnOnOpenStream_DispatchesWithoutWaitingForAnotherByte()
    {
        Feed(_parser, _handler, "data: a\r\r");

        _handler.Log.Should().Equal(Event("a"));
    }

    [Fact]
    public void SseParserDeviation_IdOfEventCutOffByDisconnect_DoesNotBecomeTheLastEventId()
    {
        Feed(_parser, _handler, "id: 1\ndata: a\n\nid: 2\ndata: b\n");

        _parser.LastEventId.Should().Be("1", "the id is only taken when its event is dispatched");
        _parser.EndOfStream();
        _parser.LastEventId.Should().Be("1");
        Feed(_parser, _handler, "data: c\n\n");

        _handler.Log.Should().Equal("event message [a] id=1", "event message [c] id=1");
    }

    [Fact]
    public void SseParserDeviation_EmptyIdOfEventCutOffByDisconnect_DoesNotResetTheLastEventId()
    {
        Feed(_parser, _handler, "id: 1\ndata: a\n\nid\n");
        _parser.EndOfStream();
        Feed(_parser, _handler, "data: c\n\n");

        _handler.Log.Should().Equal("event message [a] id=1", "event message [c] id=1");
    }
}
