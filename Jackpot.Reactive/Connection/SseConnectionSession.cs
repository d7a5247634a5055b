namespace Jackpot.Reactive;

/// <summary>One subscription of an <see cref="SseConnection"/>: the retried sequence of attempts, its status reports
/// and its end (closed on disposal, failed on a terminal error).</summary>
/// <remarks>
/// The session is itself the source of attempts that the retry subscribes to (each subscription one
/// <see cref="SseConnectionAttempt"/>) and the observer of the retried sequence, so an open connection holds no Rx
/// wrappers, closures or delegates for either: a process with many idle channels pays for each of them per channel.
/// </remarks>
internal sealed class SseConnectionSession(SseConnection connection, IObserver<SseEvent> observer)
    : IObservable<SseConnectionSignal>, IObserver<SseConnectionSignal>, IDisposable
{
    private RetryWithBackoffSink<SseConnectionSignal>? _retry;
    private int _isFirstAttempt = 1;
    private int _ended;

    public void Start(ReconnectPolicy policy)
    {
        connection.PublishStatus(new ChannelStatus(ChannelState.Connecting));
        // Set before the first attempt starts, so that anything the attempt calls back can already reach it. Start runs
        // before the connection hands the session out, so no disposal can come first.
        var retry = new RetryWithBackoffSink<SseConnectionSignal>(
            this, policy, connection.Scheduler, OnRetry, ReconnectionTime, this);
        Volatile.Write(ref _retry, retry);
        retry.SubscribeToSource();
    }

    public void Dispose()
    {
        Volatile.Read(ref _retry)?.Dispose();
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            // Under the gate: an attempt that is about to report Open either does so first or sees its disposal.
            lock (connection.ParserGate)
            {
                connection.PublishStatus(new ChannelStatus(ChannelState.Closed));
            }

            ConnectionLog.Closed(connection.Logger, connection.LogTarget);
            connection.OnSessionEnded();
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

    void IObserver<SseConnectionSignal>.OnError(Exception error) => OnFailed(error);

    void IObserver<SseConnectionSignal>.OnCompleted()
    {
        // Attempts end with an error, never with completion; should a future one complete, end like a close.
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            connection.PublishStatus(new ChannelStatus(ChannelState.Closed));
            connection.OnSessionEnded();
            observer.OnCompleted();
        }
    }

    private TimeSpan ReconnectionTime() => connection.ReconnectionTime;

    private void OnRetry(RetryAttempt retry)
    {
        connection.PublishStatus(new ChannelStatus(ChannelState.Reconnecting)
        {
            Attempt = retry.Attempt,
            Delay = retry.Delay,
            Cause = retry.Cause,
        });
        ConnectionLog.Retrying(connection.Logger, connection.LogTarget, retry.Attempt, retry.Delay, retry.Cause);
    }

    private void OnFailed(Exception error)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            connection.PublishStatus(new ChannelStatus(ChannelState.Failed) { Cause = error });
            ConnectionLog.Failed(connection.Logger, connection.LogTarget, error);
            connection.OnSessionEnded();
            observer.OnError(error);
        }
    }
}
