namespace Jackpot.Reactive;

/// <summary>
/// An incremental Server-Sent Events parser over UTF-8 bytes that follows the WHATWG HTML event stream interpretation
/// rules (§9.2.6) exactly. Feed it the bytes of one response as they arrive with <see cref="Parse"/>; call
/// <see cref="EndOfStream"/> when the response ends, before feeding the next one.
/// </summary>
/// <remarks>
/// <para>
/// Lines end at CRLF, LF or a lone CR. A CR that ends a chunk ends its line at once (an event it completes is dispatched
/// in that call) and an LF that starts the next chunk is taken as its pair. One leading byte order mark is stripped per
/// stream. The last event id is sticky: it persists across events and across <see cref="EndOfStream"/>, and changes only
/// when a blank line dispatches a block (with or without data), never through the <c>id:</c> of an unfinished event.
/// </para>
/// <para>
/// Memory: the data of one event may hold at most <see cref="MaxEventSize"/> bytes, and one line at most that plus a
/// small allowance for the field name; the parser fails with <see cref="SseEventTooLargeException"/> as soon as either is
/// passed, so it never holds more than about twice the limit. Events are parsed without allocating: repeated event
/// types reuse their strings, and the last event id is decoded only when it is read.
/// </para>
/// <para>Not thread-safe: one parser serves one connection at a time, fed by one reader.</para>
/// </remarks>
public sealed partial class SseEventParser
{
    /// <summary>The default maximum event size: 1 MiB of event data.</summary>
    public const int DefaultMaxEventSize = 1024 * 1024;

    /// <summary>Room for a field name and colon on top of <see cref="MaxEventSize"/> when one line is limited.</summary>
    internal const int LineAllowance = 16;

    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    private readonly int _maxLineLength;
    private bool _awaitingByteOrderMark = true;
    private int _byteOrderMarkBytesSeen;
    private bool _skipLeadingLineFeed;
    private byte[] _pendingLine = [];
    private int _pendingLineLength;

    /// <summary>Creates a parser with the <see cref="DefaultMaxEventSize"/> and no last event id.</summary>
    public SseEventParser()
        : this(DefaultMaxEventSize, string.Empty)
    {
    }

    /// <summary>Creates a parser with a maximum event size and no last event id.</summary>
    /// <param name="maxEventSize">The most bytes of data one event may carry.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEventSize"/> is zero or negative.</exception>
    public SseEventParser(int maxEventSize)
        : this(maxEventSize, string.Empty)
    {
    }

    /// <summary>Creates a parser that resumes a stream: <see cref="LastEventId"/> starts at
    /// <paramref name="initialLastEventId"/> and events keep it until the server sends another id.</summary>
    /// <param name="maxEventSize">The most bytes of data one event may carry.</param>
    /// <param name="initialLastEventId">The last event id already known (e.g. the one sent as <c>Last-Event-ID</c>),
    /// or empty.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEventSize"/> is zero or negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="initialLastEventId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initialLastEventId"/> contains U+0000, CR or LF, which no
    /// event stream can deliver as an id.</exception>
    public SseEventParser(int maxEventSize, string initialLastEventId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEventSize);
        ArgumentNullException.ThrowIfNull(initialLastEventId);
        if (initialLastEventId.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0)
        {
            throw new ArgumentException(
                "A last event id cannot contain U+0000, CR or LF.", nameof(initialLastEventId));
        }

        MaxEventSize = maxEventSize;
        _maxLineLength = (int)Math.Min((long)maxEventSize + LineAllowance, Array.MaxLength);
        InitializeLastEventId(initialLastEventId);
    }

    /// <summary>Gets the most bytes of data one event may carry.</summary>
    public int MaxEventSize { get; }

    /// <summary>Gets the reconnection time from the last valid <c>retry:</c> field, or null when none was sent.</summary>
    public TimeSpan? ReconnectionTime { get; private set; }

    /// <summary>Parses the next bytes of the stream, reporting what they complete to <paramref name="handler"/>.</summary>
    /// <param name="chunk">The next bytes, in any size; may split lines and UTF-8 sequences anywhere.</param>
    /// <param name="handler">Receives events, comments and retry values synchronously, before this method returns.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="SseEventTooLargeException">An event's data, or one line, passed the limit; what was buffered is
    /// discarded and the connection must be closed.</exception>
    /// <remarks>A partial line is kept until the rest arrives. An exception from the handler propagates and the rest of
    /// the chunk is not parsed.</remarks>
    public void Parse(ReadOnlySpan<byte> chunk, ISseEventHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_awaitingByteOrderMark)
        {
            chunk = SkipByteOrderMark(chunk, handler);
        }

        if (chunk.IsEmpty)
        {
            return;
        }

        if (_skipLeadingLineFeed)
        {
            _skipLeadingLineFeed = false;
            if (chunk[0] == LineFeed)
            {
                chunk = chunk[1..];
            }
        }

        ParseLines(chunk, handler);
    }

    /// <summary>Ends the current stream: a partial line or event is discarded (it is never dispatched, and its
    /// <c>id:</c> does not change <see cref="LastEventId"/>), and the parser is ready for the next connection's bytes,
    /// which may start with a byte order mark again.</summary>
    /// <remarks><see cref="LastEventId"/> and <see cref="ReconnectionTime"/> are kept: they outlive a connection.</remarks>
    public void EndOfStream()
    {
        DiscardPendingEvent();
        _awaitingByteOrderMark = true;
        _byteOrderMarkBytesSeen = 0;
        _skipLeadingLineFeed = false;
    }

    private void ParseLines(ReadOnlySpan<byte> chunk, ISseEventHandler handler)
    {
        while (!chunk.IsEmpty)
        {
            var end = chunk.IndexOfAny(CarriageReturn, LineFeed);
            if (end < 0)
            {
                AppendPendingLine(chunk);
                return;
            }

            // Consume the line end before reporting the line, so a handler that throws leaves a consistent parser.
            var line = chunk[..end];
            var next = end + 1;
            if (chunk[end] == CarriageReturn)
            {
                if (next == chunk.Length)
                {
                    // The line ends now; an LF that starts the next chunk belongs to this CR.
                    _skipLeadingLineFeed = true;
                }
                else if (chunk[next] == LineFeed)
                {
                    next++;
                }
            }

            chunk = chunk[next..];
            if (_pendingLineLength == 0)
            {
                // The same limit as for a line that arrives in pieces, so the outcome never depends on the chunking.
                if (line.Length > _maxLineLength)
                {
                    ThrowTooLarge();
                }

                ProcessLine(line, handler);
            }
            else
            {
                AppendPendingLine(line);
                var pendingLine = _pendingLine.AsSpan(0, _pendingLineLength);
                _pendingLineLength = 0;
                ProcessLine(pendingLine, handler);
            }
        }
    }

    private ReadOnlySpan<byte> SkipByteOrderMark(ReadOnlySpan<byte> chunk, ISseEventHandler handler)
    {
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        while (!chunk.IsEmpty)
        {
            if (chunk[0] != byteOrderMark[_byteOrderMarkBytesSeen])
            {
                // Not a byte order mark after all: the bytes held back so far are the start of the first line.
                _awaitingByteOrderMark = false;
                ParseLines(byteOrderMark[.._byteOrderMarkBytesSeen], handler);
                return chunk;
            }

            chunk = chunk[1..];
            if (++_byteOrderMarkBytesSeen == byteOrderMark.Length)
            {
                _awaitingByteOrderMark = false;
                return chunk;
            }
        }

        return chunk;
    }

    /// <summary>Bytes of buffer the parser holds right now (pending line and data), for tests of its memory bound.</summary>
    internal long HeldBufferBytes => (long)_pendingLine.Length + _data.Length;

    private void AppendPendingLine(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var length = (long)_pendingLineLength + bytes.Length;
        if (length > _maxLineLength)
        {
            ThrowTooLarge();
        }

        if (length > _pendingLine.Length)
        {
            _pendingLine = Grow(_pendingLine, _pendingLineLength, (int)length, _maxLineLength);
        }

        bytes.CopyTo(_pendingLine.AsSpan(_pendingLineLength));
        _pendingLineLength = (int)length;
        ThrowIfPendingDataLineTooLarge();
    }

    private static byte[] Grow(byte[] buffer, int usedLength, int minimumLength, int maximumLength)
    {
        const int InitialLength = 256;
        var length = Math.Clamp(Math.Max(InitialLength, buffer.Length * 2L), minimumLength, maximumLength);
        var grown = new byte[length];
        buffer.AsSpan(0, usedLength).CopyTo(grown);
        return grown;
    }
}
