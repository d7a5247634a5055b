using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Jackpot.Reactive;

/// <summary>The logical connection of one life of an <see cref="SseConnection"/>: the retried sequence of attempts, its
/// status reports and its end (closed on disposal, failed on a terminal error).</summary>
internal sealed class SseConnectionSession(SseConnection connection, SseConnectionLife observer) : IDisposable
{
    private readonly SingleAssignmentDisposable _subscription = new();
    private int _isFirstAttempt = 1;
    private int _ended;

    public void Start(ReconnectPolicy policy)
    {
        if (Volatile.Read(ref _ended) != 0)
        {
            return;
        }

        connection.PublishStatus(new ChannelStatus(ChannelState.Connecting));
        var attempts = Observable.Create<SseConnectionSignal>(attemptObserver =>
            SseConnectionAttempt.Start(connection, attemptObserver, isFirst: Interlocked.Exchange(ref _isFirstAttempt, 0) == 1));
        _subscription.Disposable = JackpotObservable
            .CreateRetryWithBackoff(attempts, policy, policy.SseRules(), connection.Scheduler, OnRetry, () => connection.ReconnectionTime)
            .Subscribe(OnSignal, OnFailed, OnCompleted);
    }

    public void Dispose()
    {
        _subscription.Dispose();
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

    private void OnCompleted()
    {
        // Attempts end with an error, never with completion; should a future one complete, end like a close.
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            connection.PublishStatus(new ChannelStatus(ChannelState.Closed));
            observer.OnSessionEnded();
            observer.OnCompleted();
        }
    }

    private void OnSignal(SseConnectionSignal signal)
    {
        if (!signal.IsOpened)
        {
            observer.OnNext(signal.Event);
        }
    }

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
            observer.OnSessionEnded();
            observer.OnError(error);
        }
    }
}
