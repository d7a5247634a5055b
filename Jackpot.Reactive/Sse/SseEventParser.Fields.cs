namespace Jackpot.Reactive;

/// <summary>Line interpretation, field processing and dispatch (WHATWG HTML §9.2.6).</summary>
public sealed partial class SseEventParser
{
    /// <summary>Above this many bytes a buffer left by a large event is released at the end of a stream.</summary>
    private const int RetainedBufferLength = 64 * 1024;

    private static readonly long MaxRetryMilliseconds = TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>Created by the first <c>event:</c> field: a stream that never names a type (or never sends an event,
    /// as most of the idle channels of a process do) holds none.</summary>
    private SseFieldStringCache? _eventTypes;
    private byte[] _data = [];
    private int _dataLength;
    private string? _eventType;

    private void ProcessLine(ReadOnlySpan<byte> line, ISseEventHandler handler)
    {
        if (line.IsEmpty)
        {
            Dispatch(handler);
            return;
        }

        var colon = line.IndexOf((byte)':');
        if (colon == 0)
        {
            handler.OnComment(line[1..]);
            return;
        }

        if (colon < 0)
        {
            ProcessField(line, [], handler);
            return;
        }

        var value = line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        ProcessField(line[..colon], value, handler);
    }

    private void ProcessField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, ISseEventHandler handler)
    {
        switch (name.Length)
        {
            case 4 when name.SequenceEqual("data"u8):
                AppendData(value);
                break;
            case 5 when name.SequenceEqual("event"u8):
                _eventType = value.IsEmpty ? null : (_eventTypes ??= CreateEventTypeCache()).GetOrAdd(value);
                break;
            case 2 when name.SequenceEqual("id"u8):
                if (!value.Contains((byte)0))
                {
                    SetPendingId(value);
                }

                break;
            case 5 when name.SequenceEqual("retry"u8):
                ProcessRetry(value, handler);
                break;
            default:
                // Unknown fields are ignored.
                break;
        }
    }

    private void ProcessRetry(ReadOnlySpan<byte> value, ISseEventHandler handler)
    {
        if (value.IsEmpty || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return;
        }

        // Digits only: a value too large for a TimeSpan saturates rather than being dropped.
        long milliseconds = 0;
        foreach (var digit in value)
        {
            milliseconds = Math.Min((milliseconds * 10) + (digit - '0'), MaxRetryMilliseconds);
        }

        var reconnectionTime = TimeSpan.FromMilliseconds(milliseconds);
        ReconnectionTime = reconnectionTime;
        handler.OnRetry(reconnectionTime);
    }

    private void AppendData(ReadOnlySpan<byte> value)
    {
        // The event's data if this were its last line: what is buffered (earlier lines and their LFs) plus this value.
        var length = (long)_dataLength + value.Length;
        if (length > MaxEventSize)
        {
            ThrowTooLarge();
        }

        if (length + 1 > _data.Length)
        {
            _data = Grow(_data, _dataLength, (int)(length + 1), (int)Math.Min((long)MaxEventSize + 1, Array.MaxLength));
        }

        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength = (int)length;
        _data[_dataLength++] = LineFeed;
    }

    private void Dispatch(ISseEventHandler handler)
    {
        long idVersion = CommitPendingId();
        if (_dataLength == 0)
        {
            _eventType = null;
            return;
        }

        // The buffered data always ends with the LF appended after its last line: the event does not include it.
        var sseEvent = new SseEvent(
            _eventType ?? SseEvent.DefaultEventType,
            new ReadOnlyMemory<byte>(_data, 0, _dataLength - 1),
            this,
            idVersion);
        _dataLength = 0;
        _eventType = null;
        handler.OnEvent(in sseEvent);
    }

    private void ThrowIfPendingDataLineTooLarge()
    {
        // A data line counts against the event as it arrives, so an oversized event fails without waiting for its LF.
        var line = _pendingLine.AsSpan(0, _pendingLineLength);
        if (line.Length <= 5 || !line.StartsWith("data:"u8))
        {
            return;
        }

        var valueLength = line.Length - (line[5] == (byte)' ' ? 6 : 5);
        if ((long)_dataLength + valueLength > MaxEventSize)
        {
            ThrowTooLarge();
        }
    }

    private void ThrowTooLarge()
    {
        DiscardPendingEvent();
        throw new SseEventTooLargeException(MaxEventSize);
    }

    private void DiscardPendingEvent()
    {
        _pendingLineLength = 0;
        _dataLength = 0;
        _eventType = null;
        RestorePendingId();
        if (_pendingLine.Length > RetainedBufferLength)
        {
            _pendingLine = [];
        }

        if (_data.Length > RetainedBufferLength)
        {
            _data = [];
        }
    }

    private static SseFieldStringCache CreateEventTypeCache()
    {
        var cache = new SseFieldStringCache(capacity: 8);
        cache.Remember("message"u8, SseEvent.DefaultEventType);
        return cache;
    }
}
