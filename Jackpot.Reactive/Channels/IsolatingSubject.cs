using System.Reactive.Disposables;

namespace Jackpot.Reactive;

/// <summary>
/// A hot source whose subscribers cannot hurt one another or the publisher: a subscriber that throws is unsubscribed and
/// its exception handed to a fault handler, while the value still reaches everyone else (the rule of
/// <see cref="SubscriberIsolation"/>). Optionally replays the latest value to each new subscriber, like a
/// <c>BehaviorSubject</c>.
/// </summary>
/// <remarks>
/// Thread-safe. Calls to subscribers are serialized under one gate, so a new subscriber's replayed value and the values
/// published meanwhile arrive in order, each exactly once. The fault handler is called after the gate is released, on
/// the publishing (or subscribing) thread. After <see cref="OnCompleted"/>, publishing does nothing and a new subscriber
/// is completed at once.
/// </remarks>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class IsolatingSubject<T> : IObservable<T>, IFanOutOwner<T>
{
    private readonly FanOutSet<FanOutSubscription<T>> _subscribers = new();
    /// <summary>An <see cref="Action{T}"/> of <see cref="SubscriberFault"/> or an <see cref="ISubscriberFaultHandler"/>.</summary>
    private readonly object _onFault;
    private readonly bool _replaysLatest;
    private T _latest;
    private bool _completed;

    /// <summary>Creates a subject that sends only what is published after a subscription.</summary>
    /// <param name="onFault">Receives each exception a subscriber throws.</param>
    public IsolatingSubject(Action<SubscriberFault> onFault)
    {
        _onFault = onFault;
        _latest = default!;
    }

    /// <summary>Creates a subject that replays its latest value (at first <paramref name="initial"/>) to each new subscriber.</summary>
    /// <param name="initial">The value before anything is published.</param>
    /// <param name="onFault">Receives each exception a subscriber throws.</param>
    public IsolatingSubject(T initial, Action<SubscriberFault> onFault)
    {
        _onFault = onFault;
        _latest = initial;
        _replaysLatest = true;
    }

    /// <summary>Creates a subject that replays its latest value (at first <paramref name="initial"/>) to each new subscriber
    /// and reports faults to an owner rather than a delegate.</summary>
    /// <param name="initial">The value before anything is published.</param>
    /// <param name="onFault">Receives each exception a subscriber throws.</param>
    public IsolatingSubject(T initial, ISubscriberFaultHandler onFault)
    {
        _onFault = onFault;
        _latest = initial;
        _replaysLatest = true;
    }

    /// <summary>Gets the gate: the subscriber set, which is private and never escapes, so no separate lock object is
    /// needed (a process with many channels has a status subject per channel).</summary>
    private object Gate => _subscribers;

    /// <summary>Gets the latest value published (or the initial one).</summary>
    public T Latest
    {
        get
        {
            lock (Gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Gets the number of current subscribers.</summary>
    public int Count
    {
        get
        {
            lock (Gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        SubscriberFault? fault = null;
        IDisposable result = Disposable.Empty;
        lock (Gate)
        {
            if (_completed)
            {
                if (SubscriberIsolation.TryOnCompleted(observer) is { } thrown)
                {
                    fault = new SubscriberFault(thrown, SubscriberIsolation.OnCompleted);
                }
            }
            else
            {
                var subscription = new FanOutSubscription<T>(observer, this);
                _subscribers.Add(subscription);
                result = subscription;
                if (_replaysLatest && SubscriberIsolation.TryOnNext(observer, _latest) is { } thrown)
                {
                    Detach(subscription);
                    fault = new SubscriberFault(thrown, SubscriberIsolation.OnNext);
                }
            }
        }

        if (fault is { } report)
        {
            ReportFault(report);
        }

        return result;
    }

    /// <summary>Sends <paramref name="value"/> to every subscriber (and remembers it); nothing after completion.</summary>
    public void OnNext(T value)
    {
        List<SubscriberFault>? faults = null;
        lock (Gate)
        {
            if (_completed)
            {
                return;
            }

            _latest = value;
            foreach (var subscriber in _subscribers.Current)
            {
                if (!subscriber.IsDisposed && SubscriberIsolation.TryOnNext(subscriber.Observer, value) is { } thrown)
                {
                    Detach(subscriber);
                    (faults ??= []).Add(new SubscriberFault(thrown, SubscriberIsolation.OnNext));
                }
            }
        }

        Report(faults);
    }

    /// <summary>Completes every subscriber, and every later one at once. Idempotent.</summary>
    public void OnCompleted()
    {
        List<SubscriberFault>? faults = null;
        lock (Gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            foreach (var subscriber in _subscribers.DetachAll())
            {
                subscriber.MarkDetached();
                if (SubscriberIsolation.TryOnCompleted(subscriber.Observer) is { } thrown)
                {
                    (faults ??= []).Add(new SubscriberFault(thrown, SubscriberIsolation.OnCompleted));
                }
            }
        }

        Report(faults);
    }

    private void Report(List<SubscriberFault>? faults)
    {
        if (faults is null)
        {
            return;
        }

        foreach (var fault in faults)
        {
            ReportFault(fault);
        }
    }

    private void ReportFault(SubscriberFault fault)
    {
        if (_onFault is Action<SubscriberFault> onFault)
        {
            onFault(fault);
        }
        else
        {
            ((ISubscriberFaultHandler)_onFault).OnSubscriberFault(fault);
        }
    }

    /// <summary>Removes a subscriber that threw. Under the gate.</summary>
    private void Detach(FanOutSubscription<T> subscription)
    {
        subscription.MarkDetached();
        _subscribers.Remove(subscription);
    }

    void IFanOutOwner<T>.Unsubscribe(FanOutSubscription<T> subscription)
    {
        lock (Gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}
