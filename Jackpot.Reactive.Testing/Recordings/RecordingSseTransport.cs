using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// An <see cref="ISseTransport"/> that passes every connection through to another transport (in production,
/// <c>HttpSseTransport</c>) and records what happens on it to a <see cref="RecordingWriter"/>: the request with its
/// <c>Last-Event-ID</c>, the accepted response, each event (id, type, data), <c>retry:</c> field and comment as the
/// client's parser sees them, the clean end, the error with its cause (status, content type, <c>Retry-After</c>, the
/// headers that matter), and the client's own closing. Give it to <c>JackpotPushClient</c> or <c>SseConnection</c> in
/// place of the transport it wraps.
/// </summary>
/// <remarks>
/// <para>The client does not notice it: chunks pass through unchanged, in the same call. The recording parses a copy of
/// the bytes with its own <see cref="SseEventParser"/> per attempt, started from the attempt's <c>Last-Event-ID</c>.</para>
/// <para>A transport only yields <see cref="SseTransportChunk.Opened"/> for a 200 <c>text/event-stream</c> response, so
/// that is what an <c>open</c> line says; other responses reach the recording as <see cref="SseHttpException"/>, with
/// their status and headers.</para>
/// </remarks>
public sealed class RecordingSseTransport : ISseTransport
{
    /// <summary>The largest event the recording parses; a larger one is recorded as an <c>error</c> line of the recorder.</summary>
    private const int MaxRecordedEventSize = 16 * 1024 * 1024;

    private static readonly string[] HeadersThatMatter = ["Retry-After", "Content-Type", "WWW-Authenticate", "Location"];
    private readonly ISseTransport _inner;
    private readonly RecordingWriter _writer;
    private readonly Dictionary<ChannelName, int> _attempts = [];
    private readonly Lock _gate = new();

    /// <summary>Creates the transport.</summary>
    /// <param name="inner">The transport that really connects.</param>
    /// <param name="writer">Where to record; the caller disposes it after the client.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RecordingSseTransport(ISseTransport inner, RecordingWriter writer)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(writer);
        _inner = inner;
        _writer = writer;
    }

    /// <summary>Connects through the inner transport and records the attempt.</summary>
    /// <param name="request">The request; its <c>channel</c> query parameter names the channel.</param>
    /// <returns>The inner transport's chunks, unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <remarks>A request that names no channel is passed through without being recorded.</remarks>
    public IObservable<SseTransportChunk> Connect(SseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!SubscribeQuery.TryGetChannel(request.Uri, out var channel))
        {
            return _inner.Connect(request);
        }

        return Observable.Create<SseTransportChunk>(observer =>
        {
            int number;
            lock (_gate)
            {
                number = _attempts[channel] = _attempts.GetValueOrDefault(channel) + 1;
            }

            var attempt = new AttemptRecorder(_writer, channel, number, request.LastEventId);
            var subscription = _inner.Connect(request).Subscribe(
                chunk =>
                {
                    attempt.Chunk(chunk);
                    observer.OnNext(chunk);
                },
                error =>
                {
                    attempt.Failed(error);
                    observer.OnError(error);
                },
                () =>
                {
                    attempt.Ended();
                    observer.OnCompleted();
                });
            return Disposable.Create(() =>
            {
                subscription.Dispose();
                attempt.Closed();
            });
        });
    }

    private static Dictionary<string, string>? SelectHeaders(SseHttpException http)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in HeadersThatMatter)
        {
            if (http.Headers.TryGetValue(name, out var values) && values.Count > 0)
            {
                headers[name] = string.Join(", ", values);
            }
        }

        return headers.Count == 0 ? null : headers;
    }

    /// <summary>Records one attempt; ends with exactly one of end, error or close.</summary>
    private sealed class AttemptRecorder : ISseEventHandler
    {
        private readonly Lock _gate = new();
        private readonly RecordingWriter _writer;
        private readonly ChannelName _channel;
        private readonly int _number;
        private readonly SseEventParser _parser;
        private bool _finished;
        private bool _parsing = true;

        public AttemptRecorder(RecordingWriter writer, ChannelName channel, int number, string? lastEventId)
        {
            _writer = writer;
            _channel = channel;
            _number = number;
            _parser = new SseEventParser(MaxRecordedEventSize, lastEventId ?? string.Empty);
            Write(RecordingEntryKind.Connect, e => e with { EventId = string.IsNullOrEmpty(lastEventId) ? null : lastEventId });
        }

        public void Chunk(SseTransportChunk chunk)
        {
            lock (_gate)
            {
                if (_finished)
                {
                    return;
                }

                if (chunk.IsOpened)
                {
                    Write(RecordingEntryKind.Open, e => e with { Status = 200, ContentType = "text/event-stream" });
                    return;
                }

                if (!_parsing)
                {
                    return;
                }

                try
                {
                    _parser.Parse(chunk.Data.Span, this);
                }
                catch (SseEventTooLargeException error)
                {
                    // The client meets the same event and closes the attempt itself; the recording notes why it stopped
                    // parsing, as a comment, so the line is not mistaken for the server's end.
                    _parsing = false;
                    Write(RecordingEntryKind.Comment, e => e with { Data = " recorder: " + error.Message });
                }
            }
        }

        public void Ended() => Finish(RecordingEntryKind.End, e => e);

        public void Failed(Exception error) => Finish(RecordingEntryKind.Error, e =>
        {
            e = e with { Cause = error.GetType().Name, Message = error.Message };
            return error is SseHttpException http
                ? e with { Status = (int)http.StatusCode, ContentType = http.ContentType, Delay = http.RetryAfter, Headers = SelectHeaders(http) }
                : e;
        });

        public void Closed() => Finish(RecordingEntryKind.Close, e => e);

        void ISseEventHandler.OnEvent(in SseEvent sseEvent)
        {
            string id = sseEvent.LastEventId;
            string type = sseEvent.EventType;
            string data = Encoding.UTF8.GetString(sseEvent.Data.Span);
            Write(RecordingEntryKind.Event, e => e with { EventId = id, EventType = type, Data = data });
        }

        void ISseEventHandler.OnComment(ReadOnlySpan<byte> comment)
        {
            string text = Encoding.UTF8.GetString(comment);
            Write(RecordingEntryKind.Comment, e => e with { Data = text });
        }

        void ISseEventHandler.OnRetry(TimeSpan reconnectionTime) =>
            Write(RecordingEntryKind.Retry, e => e with { Delay = reconnectionTime });

        private void Finish(RecordingEntryKind kind, Func<RecordingEntry, RecordingEntry> fill)
        {
            lock (_gate)
            {
                if (_finished)
                {
                    return;
                }

                _finished = true;
                Write(kind, fill);
            }
        }

        private void Write(RecordingEntryKind kind, Func<RecordingEntry, RecordingEntry> fill) =>
            _writer.Write(fill(new RecordingEntry { Kind = kind, Channel = _channel, Attempt = _number }));
    }
}
