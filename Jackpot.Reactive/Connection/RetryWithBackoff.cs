using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>Re-subscribes to the source after an error it may retry, waiting an exponential back-off with jitter.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The source; subscribed once per attempt, so it should be cold.</param>
    /// <param name="policy">Delays, jitter, reset period, attempt limit and which errors are retried.</param>
    /// <returns>The source's elements across all attempts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The policy's initial delay exceeds its maximum delay.</exception>
    /// <remarks>Delays run on <see cref="DefaultScheduler"/>. See
    /// <see cref="RetryWithBackoff{T}(IObservable{T}, ReconnectPolicy, IScheduler, Action{RetryAttempt})"/>.</remarks>
    public static IObservable<T> RetryWithBackoff<T>(this IObservable<T> source, ReconnectPolicy policy) =>
        RetryWithBackoff(source, policy, SchedulerDefaults.TimeBasedOperations);

    /// <summary>Re-subscribes to the source after an error it may retry, waiting an exponential back-off with jitter.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The source; subscribed once per attempt, so it should be cold.</param>
    /// <param name="policy">Delays, jitter, reset period, attempt limit and which errors are retried.</param>
    /// <param name="scheduler">The scheduler that runs the delays and whose clock measures the healthy period.</param>
    /// <returns>The source's elements across all attempts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The policy's initial delay exceeds its maximum delay.</exception>
    /// <remarks>See <see cref="RetryWithBackoff{T}(IObservable{T}, ReconnectPolicy, IScheduler, Action{RetryAttempt})"/>.</remarks>
    public static IObservable<T> RetryWithBackoff<T>(this IObservable<T> source, ReconnectPolicy policy, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scheduler);
        policy.ThrowIfInconsistent(nameof(policy));
        return CreateRetryWithBackoff(source, policy, policy.GenericRules(), scheduler, hooks: null);
    }

    /// <summary>Re-subscribes to the source after an error it may retry, waiting an exponential back-off with jitter,
    /// and reports each retry.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The source; subscribed once per attempt, so it should be cold.</param>
    /// <param name="policy">Delays, jitter, reset period, attempt limit and which errors are retried.</param>
    /// <param name="onRetry">Called when a retry is decided, before its delay starts.</param>
    /// <returns>The source's elements across all attempts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The policy's initial delay exceeds its maximum delay.</exception>
    /// <remarks>Delays run on <see cref="DefaultScheduler"/>. See
    /// <see cref="RetryWithBackoff{T}(IObservable{T}, ReconnectPolicy, IScheduler, Action{RetryAttempt})"/>.</remarks>
    public static IObservable<T> RetryWithBackoff<T>(this IObservable<T> source, ReconnectPolicy policy, Action<RetryAttempt> onRetry) =>
        RetryWithBackoff(source, policy, SchedulerDefaults.TimeBasedOperations, onRetry);

    /// <summary>Re-subscribes to the source after an error it may retry, waiting an exponential back-off with jitter,
    /// and reports each retry.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The source; subscribed once per attempt, so it should be cold.</param>
    /// <param name="policy">Delays, jitter, reset period, attempt limit and which errors are retried.</param>
    /// <param name="scheduler">The scheduler that runs the delays and whose clock measures the healthy period.</param>
    /// <param name="onRetry">Called when a retry is decided, before its delay starts.</param>
    /// <returns>The source's elements across all attempts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The policy's initial delay exceeds its maximum delay.</exception>
    /// <remarks>
    /// <para>
    /// On an error, the retry count goes up by one — after first starting again at 0 if the failed subscription had been
    /// healthy (it produced its first element at least <see cref="ReconnectPolicy.ResetAfter"/> before the error, by
    /// <paramref name="scheduler"/>'s clock). If <see cref="ReconnectPolicy.ShouldRetry"/> rejects the error (when it is
    /// null, every error is retried: the engine knows nothing of the source's errors), or the count
    /// would pass <see cref="ReconnectPolicy.MaxAttempts"/>, the error is passed on unchanged. Otherwise
    /// <paramref name="onRetry"/> is told the attempt, the delay (see <see cref="ReconnectPolicy"/>; never less than
    /// <see cref="ReconnectPolicy.DelayFloor"/>, none when it is null) and the cause, and the source is subscribed again after the delay,
    /// scheduled on <paramref name="scheduler"/> (no recursion on a scheduler that queues work, as all but
    /// <see cref="ImmediateScheduler"/> do: the stack does not grow with the attempts).
    /// </para>
    /// <para>
    /// Completion is passed on. An exception thrown by the policy's functions or by <paramref name="onRetry"/> is passed on
    /// as the error. Disposing the subscription disposes the current source subscription, or cancels a pending delay so
    /// that nothing more is subscribed. Elements arrive on whatever thread the source uses.
    /// </para>
    /// </remarks>
    public static IObservable<T> RetryWithBackoff<T>(
        this IObservable<T> source, ReconnectPolicy policy, IScheduler scheduler, Action<RetryAttempt> onRetry)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(onRetry);
        policy.ThrowIfInconsistent(nameof(policy));
        return CreateRetryWithBackoff(source, policy, policy.GenericRules(), scheduler, new RetryCallback(onRetry));
    }

    /// <summary>The operator, with the retry decision and delay floor to use where the policy sets none (the generic
    /// engine's or an event stream's), and who hears of each retry (null for no one).</summary>
    internal static IObservable<T> CreateRetryWithBackoff<T>(
        IObservable<T> source,
        ReconnectPolicy policy,
        (Func<Exception, bool> ShouldRetry, Func<Exception, TimeSpan?> DelayFloor) rules,
        IScheduler scheduler,
        IRetryHooks? hooks) =>
        Observable.Create<T>(observer =>
        {
            var run = new RetryWithBackoffSink<T>(source, policy, rules, scheduler, hooks, observer);
            run.SubscribeToSource();
            return run;
        });

    /// <summary>The public operator's retry callback; the back-off starts from the policy's initial delay.</summary>
    private sealed class RetryCallback(Action<RetryAttempt> onRetry) : IRetryHooks
    {
        public TimeSpan? ReconnectionTime => null;

        public void OnRetry(RetryAttempt retry) => onRetry(retry);
    }
}

/// <summary>One subscription of <c>RetryWithBackoff</c>: the current attempt (or the pending delay) and the retry count.</summary>
internal sealed class RetryWithBackoffSink<T>(
    IObservable<T> source,
    ReconnectPolicy policy,
    (Func<Exception, bool> ShouldRetry, Func<Exception, TimeSpan?> DelayFloor) rules,
    IScheduler scheduler,
    IRetryHooks? hooks,
    IObserver<T> observer) : IDisposable
{
    /// <summary>What <see cref="_current"/> and an attempt's subscription hold once disposed.</summary>
    private static readonly IDisposable Disposed = Disposable.Empty;

    /// <summary>The current attempt (which holds its source subscription) or the pending delay; <see cref="Disposed"/>
    /// once the subscription ends. A field rather than a <see cref="SerialDisposable"/>, and the attempt is its own
    /// subscription holder: fewer objects per idle channel.</summary>
    private IDisposable? _current;
    private int _retryCount;
    /// <summary>When the current attempt produced its first element, in UTC ticks by the scheduler's clock;
    /// <see cref="long.MinValue"/> for not yet (a long rather than a nullable <see cref="DateTimeOffset"/>: 16 B less).</summary>
    private long _healthySince = long.MinValue;
    private AttemptObserver? _activeAttempt;

    private bool IsDisposed => ReferenceEquals(Volatile.Read(ref _current), Disposed);

    public void SubscribeToSource()
    {
        if (IsDisposed)
        {
            return;
        }

        var attempt = new AttemptObserver(this);
        Volatile.Write(ref _activeAttempt, attempt);
        Replace(attempt);
        attempt.SetSubscription(source.SubscribeSafe(attempt));
    }

    public void Dispose() => Interlocked.Exchange(ref _current, Disposed)?.Dispose();

    /// <summary>Makes <paramref name="next"/> current and disposes the previous one (as <see cref="SerialDisposable"/>
    /// does); after disposal, disposes <paramref name="next"/> at once.</summary>
    private void Replace(IDisposable next)
    {
        var previous = Volatile.Read(ref _current);
        while (true)
        {
            if (ReferenceEquals(previous, Disposed))
            {
                next.Dispose();
                return;
            }

            var seen = Interlocked.CompareExchange(ref _current, next, previous);
            if (ReferenceEquals(seen, previous))
            {
                previous?.Dispose();
                return;
            }

            previous = seen;
        }
    }

    private bool IsActive(AttemptObserver attempt) =>
        ReferenceEquals(Volatile.Read(ref _activeAttempt), attempt) && !IsDisposed;

    private void OnNext(AttemptObserver attempt, T value)
    {
        if (!IsActive(attempt))
        {
            return;
        }

        if (_healthySince == long.MinValue)
        {
            _healthySince = scheduler.Now.UtcTicks;
        }

        observer.OnNext(value);
    }

    private void OnError(AttemptObserver attempt, Exception error)
    {
        if (!IsActive(attempt))
        {
            return;
        }

        Volatile.Write(ref _activeAttempt, null);
        TimeSpan delay;
        try
        {
            if (!TryPlanRetry(error, out delay))
            {
                Stop(error);
                return;
            }
        }
        catch (Exception callbackError)
        {
            Stop(callbackError);
            return;
        }

        // The wait replaces the failed subscription. It gets its own slot first, so that a scheduler that runs the action
        // at once (inside Schedule) cannot have its fresh subscription replaced by the timer's disposable afterwards.
        var wait = new SingleAssignmentDisposable();
        Replace(wait);
        wait.Disposable = scheduler.Schedule(this, delay, static (_, run) =>
        {
            run.SubscribeToSource();
            return Disposable.Empty;
        });
    }

    private bool TryPlanRetry(Exception error, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (_healthySince != long.MinValue && scheduler.Now.UtcTicks - _healthySince >= policy.ResetAfter.Ticks)
        {
            _retryCount = 0;
        }

        _healthySince = long.MinValue;
        if (!rules.ShouldRetry(error) || (policy.MaxAttempts is { } maxAttempts && _retryCount >= maxAttempts))
        {
            return false;
        }

        _retryCount++;
        var floor = rules.DelayFloor(error) is { } requested && requested > TimeSpan.Zero ? requested : TimeSpan.Zero;
        var baseDelay = hooks?.ReconnectionTime ?? policy.InitialDelay;
        delay = BackoffDelay.Compute(_retryCount, policy, baseDelay, policy.RandomSource(), floor);
        hooks?.OnRetry(new RetryAttempt(_retryCount, delay, error));
        return true;
    }

    private void OnCompleted(AttemptObserver attempt)
    {
        if (!IsActive(attempt))
        {
            return;
        }

        Volatile.Write(ref _activeAttempt, null);
        Dispose();
        observer.OnCompleted();
    }

    private void Stop(Exception error)
    {
        Dispose();
        observer.OnError(error);
    }

    /// <summary>One attempt: the observer of one source subscription, and the holder of that subscription (assigned once,
    /// after the subscribe call returns; disposed at once if the attempt was disposed before).</summary>
    private sealed class AttemptObserver(RetryWithBackoffSink<T> run) : IObserver<T>, IDisposable
    {
        private IDisposable? _subscription;

        public void SetSubscription(IDisposable subscription)
        {
            if (Interlocked.CompareExchange(ref _subscription, subscription, null) is not null)
            {
                subscription.Dispose();
            }
        }

        public void Dispose()
        {
            var subscription = Interlocked.Exchange(ref _subscription, Disposed);
            if (!ReferenceEquals(subscription, Disposed))
            {
                subscription?.Dispose();
            }
        }

        public void OnNext(T value) => run.OnNext(this, value);

        public void OnError(Exception error) => run.OnError(this, error);

        public void OnCompleted() => run.OnCompleted(this);
    }
}
