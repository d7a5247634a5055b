using System.Reactive.Disposables;

namespace Jackpot.Reactive;

/// <summary>The logical connection of one life of an <see cref="SseConnection"/>: the retried sequence of attempts, its
/// status reports and its end (closed on disposal, failed on a terminal error).</summary>
/// <remarks>
/// The session is itself the source of attempts that the retry subscribes to (each subscription one
/// <see cref="SseConnectionAttempt"/>) and the observer of the retried sequence, so an open connection holds no Rx
/// wrappers, closures or delegates for either, nor for the retry's callbacks (<see cref="IRetryHooks"/>): a process
/// with many idle channels pays for each of them per channel.
/// </remarks>
internal sealed class SseConnectionSession(SseConnection connection, SseConnectionLife observer)
    : IObservable<SseConnectionSignal>, IObserver<SseConnectionSignal>, IRetryHooks, IDisposable
{
    /// <summary>What <see cref="_retry"/> holds once the session is disposed.</summary>
    private static readonly IDisposable Stopped = Disposable.Empty;

    /// <summary>The retry of the attempts, null before <see cref="Start"/>, <see cref="Stopped"/> after disposal.</summary>
    private IDisposable? _retry;
    private int _isFirstAttempt = 1;
    private int _ended;

    public void Start(ReconnectPolicy policy)
    {
        if (Volatile.Read(ref _ended) != 0)
        {
            return;
        }

        connection.PublishStatus(new ChannelStatus(ChannelState.Connecting));
        var retry = new RetryWithBackoffSink<SseConnectionSignal>(
            this, policy, policy.SseRules(), connection.Scheduler, hooks: this, observer: this);

        // Set before the first attempt starts, so that anything the attempt calls back can already reach it; a disposal
        // that came first wins, and one that comes after this disposes the retry, which then starts nothing.
        if (Interlocked.CompareExchange(ref _retry, retry, null) is null)
        {
            retry.SubscribeToSource();
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _retry, Stopped)?.Dispose();
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            // Under the gate: an attempt that is about to report Open either does so first or sees its disposal.
            lock (connection.ParserGate)
            {
                connection.PublishStatus(new ChannelStatus(ChannelState.Closed));
            }

            ConnectionLog.Closed(connection.Logger, connection.LogTarget);
            observer.OnSessionEnded();
        }
    }

    /// <summary>Starts one attempt: the retry subscribes once per attempt.</summary>
    IDisposable IObservable<SseConnectionSignal>.Subscribe(IObserver<SseConnectionSignal> attemptObserver) =>
        SseConnectionAttempt.Start(connection, attemptObserver, isFirst: Interlocked.Exchange(ref _isFirstAttempt, 0) == 1);

    void IObserver<SseConnectionSignal>.OnNext(SseConnectionSignal signal)
    {
        if (signal.IsOpened)
        {
            return;
        }

        bool delivered = false;
        try
        {
            observer.OnNext(signal.Event);
            delivered = true;
        }
        finally
        {
            if (!delivered)
            {
                // A subscriber that throws ends its subscription's attempts, as Rx's own subscription of the retried
                // sequence would have; the exception goes on to the caller.
                Volatile.Read(ref _retry)?.Dispose();
            }
        }
    }

    void IObserver<SseConnectionSignal>.OnError(Exception error)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            connection.PublishStatus(new ChannelStatus(ChannelState.Failed) { Cause = error });
            ConnectionLog.Failed(connection.Logger, connection.LogTarget, error);
            observer.OnSessionEnded();
            observer.OnError(error);
        }
    }

    void IObserver<SseConnectionSignal>.OnCompleted()
    {
        // Attempts end with an error, never with completion; should a future one complete, end like a close.
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            connection.PublishStatus(new ChannelStatus(ChannelState.Closed));
            observer.OnSessionEnded();
            observer.OnCompleted();
        }
    }

    TimeSpan? IRetryHooks.ReconnectionTime => connection.ReconnectionTime;

    void IRetryHooks.OnRetry(RetryAttempt retry)
    {
        connection.PublishStatus(new ChannelStatus(ChannelState.Reconnecting)
        {
            Attempt = retry.Attempt,
            Delay = retry.Delay,
            Cause = retry.Cause,
        });
        ConnectionLog.Retrying(connection.Logger, connection.LogTarget, retry.Attempt, retry.Delay, retry.Cause);
    }
}
