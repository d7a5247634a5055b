using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Jackpot.Reactive;

/// <summary>What one attempt of an <see cref="SseConnection"/> yields: that the response was accepted, then events.</summary>
internal readonly struct SseConnectionSignal
{
    private SseConnectionSignal(bool isOpened, SseEvent sseEvent)
    {
        IsOpened = isOpened;
        Event = sseEvent;
    }

    public static SseConnectionSignal Opened => new(true, default);

    public bool IsOpened { get; }

    public SseEvent Event { get; }

    public static SseConnectionSignal ForEvent(in SseEvent sseEvent) => new(false, sseEvent);
}

/// <summary>
/// One attempt of an <see cref="SseConnection"/>: one transport request, its bytes fed to the connection's parser, and
/// the idle timeout. It ends with an error — the transport's, <see cref="SseStreamEndedException"/> at a clean end,
/// <see cref="SseIdleTimeoutException"/>, or the parser's — which the retry decides about.
/// </summary>
/// <remarks>
/// Transport callbacks and the idle check run under the connection's parser gate, so the parser is never used by two
/// threads and the observer's calls are serialized. Disposal takes no lock (it may come from any thread).
/// </remarks>
internal sealed class SseConnectionAttempt : IObserver<SseTransportChunk>, ISseEventHandler, IDisposable
{
    private readonly SseConnection _connection;
    private readonly IObserver<SseConnectionSignal> _observer;
    private readonly SerialDisposable? _idleCheck;
    private readonly TimeSpan? _idleTimeout;
    private IDisposable? _transportSubscription;
    private StreamContinuity _continuity;
    private DateTimeOffset _lastActivity;
    private bool _done;
    private volatile bool _disposed;

    private SseConnectionAttempt(SseConnection connection, IObserver<SseConnectionSignal> observer)
    {
        _connection = connection;
        _observer = observer;
        _idleTimeout = connection.Options.IdleTimeout;
        _idleCheck = _idleTimeout is null ? null : new SerialDisposable();
    }

    /// <summary>Marks the transport subscription slot of a disposed attempt (a subscription that arrives later is disposed).</summary>
    private static IDisposable DisposedSubscription { get; } = Disposable.Create(static () => { });

    private IScheduler Scheduler => _connection.Scheduler;

    public static IDisposable Start(SseConnection connection, IObserver<SseConnectionSignal> observer, bool isFirst)
    {
        var attempt = new SseConnectionAttempt(connection, observer);
        attempt.Run(isFirst);
        return attempt;
    }

    public void OnNext(SseTransportChunk value)
    {
        if (_disposed)
        {
            return;
        }

        lock (_connection.ParserGate)
        {
            if (_done || _disposed)
            {
                return;
            }

            try
            {
                if (value.IsOpened)
                {
                    // Log first: a status subscriber may react at once (even close the connection) on this thread.
                    var refusal = value.LastEventIdRefusal;
                    var continuity = refusal is null ? _continuity : StreamContinuity.GapPossible;
                    if (refusal is not null)
                    {
                        ConnectionLog.LastEventIdRefused(_connection.Logger, _connection.LogTarget, refusal);
                    }

                    ConnectionLog.Opened(_connection.Logger, _connection.LogTarget, continuity);
                    _connection.PublishStatus(new ChannelStatus(ChannelState.Open) { Continuity = continuity, Cause = refusal, HttpVersion = value.HttpVersion });
                    _observer.OnNext(SseConnectionSignal.Opened);
                    return;
                }

                try
                {
                    _connection.Parser.Parse(value.Data.Span, this);
                }
                catch (Exception error)
                {
                    FailLocked(error);
                }
            }
            finally
            {
                // The idle clock starts again when the client goes back to reading: the time spent delivering this
                // chunk's events (a slow subscriber, a replay of hundreds of events) is the client's, not the server's
                // silence, and must not look like a stalled stream.
                if (_idleTimeout is not null)
                {
                    _lastActivity = Scheduler.Now;
                }
            }
        }
    }

    public void OnError(Exception error) => Fail(error);

    public void OnCompleted() => Fail(new SseStreamEndedException());

    public void OnEvent(in SseEvent sseEvent)
    {
        if (!_done)
        {
            _observer.OnNext(SseConnectionSignal.ForEvent(sseEvent));
        }
    }

    public void OnComment(ReadOnlySpan<byte> comment)
    {
        // A comment is activity only; OnNext already recorded it.
    }

    public void OnRetry(TimeSpan reconnectionTime) => _connection.OnServerRetry(reconnectionTime);

    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _transportSubscription, DisposedSubscription)?.Dispose();
        _idleCheck?.Dispose();
    }

    private void Run(bool isFirst)
    {
        string lastEventId;
        lock (_connection.ParserGate)
        {
            // A new response starts a new stream: drop whatever the previous one left half parsed.
            _connection.Parser.EndOfStream();
            lastEventId = _connection.Parser.LastEventId;
            _continuity = lastEventId.Length > 0 ? StreamContinuity.Resumed
                : isFirst ? StreamContinuity.Initial
                : StreamContinuity.GapPossible;
            if (_idleTimeout is { } idleTimeout)
            {
                _lastActivity = Scheduler.Now;
                ScheduleIdleCheck(idleTimeout);
            }
        }

        ConnectionLog.Connecting(_connection.Logger, _connection.LogTarget, lastEventId.Length > 0);
        var options = _connection.Options;
        var request = new SseRequest(options.Uri, lastEventId, options.Headers);
        var subscription = _connection.Transport.Connect(request).SubscribeSafe(this);
        if (Interlocked.CompareExchange(ref _transportSubscription, subscription, null) is not null)
        {
            // Disposed meanwhile.
            subscription.Dispose();
        }
    }

    private void ScheduleIdleCheck(TimeSpan dueTime) =>
        _idleCheck!.Disposable = Scheduler.Schedule(this, dueTime, static (_, attempt) =>
        {
            attempt.CheckIdle();
            return Disposable.Empty;
        });

    private void CheckIdle()
    {
        if (_disposed || _idleTimeout is not { } idleTimeout)
        {
            return;
        }

        lock (_connection.ParserGate)
        {
            if (_done)
            {
                return;
            }

            var idle = Scheduler.Now - _lastActivity;
            if (idle >= idleTimeout)
            {
                FailLocked(new SseIdleTimeoutException(idleTimeout));
            }
            else
            {
                ScheduleIdleCheck(idleTimeout - idle);
            }
        }
    }

    private void Fail(Exception error)
    {
        if (_disposed)
        {
            return;
        }

        lock (_connection.ParserGate)
        {
            if (!_done)
            {
                FailLocked(error);
            }
        }
    }

    private void FailLocked(Exception error)
    {
        _done = true;
        _idleCheck?.Dispose();
        _connection.Parser.EndOfStream();
        _observer.OnError(error);
    }
}
