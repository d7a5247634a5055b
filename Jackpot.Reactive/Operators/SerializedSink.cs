namespace Jackpot.Reactive;

/// <summary>
/// The terminal protocol shared by the operators that serialize their sources and their timers by one lock: the first
/// error, completion or disposal stops the subscription, cancels its pending work, and nothing is emitted after it.
/// </summary>
/// <typeparam name="TSource">The type of the source elements.</typeparam>
/// <typeparam name="TResult">The type of the emitted elements.</typeparam>
/// <remarks>
/// Derived classes subscribe <see cref="OnNext"/> and <see cref="OnError"/> to their sources, take <see cref="Gate"/> in
/// every other callback (completion, timers) and return at once when <see cref="IsStopped"/>, and check
/// <see cref="IsStopped"/> again after each emission (an observer may dispose the subscription while it is called).
/// </remarks>
internal abstract class SerializedSink<TSource, TResult> : IDisposable
{
    /// <summary>Initializes the sink.</summary>
    /// <param name="observer">The observer of the operator's result.</param>
    protected SerializedSink(IObserver<TResult> observer) => Observer = observer;

    /// <summary>Gets the lock that serializes the sources, the timers and disposal.</summary>
    protected Lock Gate { get; } = new();

    /// <summary>Gets the observer of the operator's result.</summary>
    protected IObserver<TResult> Observer { get; }

    /// <summary>Gets whether the result has terminated or the subscription has been disposed.</summary>
    protected bool IsStopped { get; private set; }

    /// <summary>Stops the subscription and cancels its pending work; emits nothing.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            Stop();
        }
    }

    /// <summary>Handles an element of a source under <see cref="Gate"/>, unless the subscription has stopped.</summary>
    /// <param name="value">The element.</param>
    protected void OnNext(TSource value)
    {
        lock (Gate)
        {
            if (!IsStopped)
                OnNextCore(value);
        }
    }

    /// <summary>Passes an error on at once, unless the result has terminated already, dropping pending work.</summary>
    /// <param name="error">The error of a source.</param>
    protected void OnError(Exception error)
    {
        lock (Gate)
        {
            if (IsStopped)
                return;
            Stop();
            Observer.OnError(error);
        }
    }

    /// <summary>Completes the result, unless it has terminated already. The caller holds <see cref="Gate"/>.</summary>
    protected void Complete()
    {
        if (IsStopped)
            return;
        Stop();
        Observer.OnCompleted();
    }

    /// <summary>Handles an element of a source. Called under <see cref="Gate"/> while the subscription runs.</summary>
    /// <param name="value">The element.</param>
    protected abstract void OnNextCore(TSource value);

    /// <summary>Cancels every pending timer and drops held state. Called once, under <see cref="Gate"/>.</summary>
    protected abstract void CancelPendingWork();

    private void Stop()
    {
        if (IsStopped)
            return;
        IsStopped = true;
        CancelPendingWork();
    }
}
