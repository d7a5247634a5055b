using System.Reactive.Disposables;

namespace Jackpot.Reactive;

/// <summary>
/// One life of an <see cref="SseConnection"/>: its subscribers and the session they share. It starts with the first
/// subscriber and ends when the last one leaves (the session is closed) or the session ends by itself (a terminal error);
/// the next subscriber starts a new life.
/// </summary>
/// <remarks>
/// Its state is guarded by its session, a private object it holds anyway (nothing else locks it), as a leaf lock:
/// nothing is called while it is held — so a connection needs no lock object of its own for its lives. The life is
/// itself the first subscriber's subscription, and a single subscriber is held without an array: a process with many
/// idle channels pays for each of these objects per channel.
/// </remarks>
internal sealed class SseConnectionLife : IObserver<SseEvent>, IDisposable
{
    private readonly SseConnectionSession _session;

    /// <summary>The first subscriber while its subscription (this life) is not disposed.</summary>
    private IObserver<SseEvent>? _first;

    /// <summary>The subscribers: null for none, one <see cref="IObserver{T}"/>, or an array of two or more.</summary>
    private object? _observers;
    private bool _started;

    /// <summary>Creates a life with its first subscriber.</summary>
    public SseConnectionLife(SseConnection connection, IObserver<SseEvent> first)
    {
        _session = new SseConnectionSession(connection, this);
        _first = first;
        _observers = first;
    }

    /// <summary>Gets whether the life is over (no more subscribers join it). Read and written under the gate.</summary>
    public bool IsEnded { get; private set; }

    private object Gate => _session;

    /// <summary>Adds a later subscriber, unless the life is over.</summary>
    /// <returns>Its subscription, or null when the life is over (the subscriber must start a new one).</returns>
    public IDisposable? TryJoin(IObserver<SseEvent> observer)
    {
        lock (Gate)
        {
            if (IsEnded)
            {
                return null;
            }

            _observers = _observers switch
            {
                IObserver<SseEvent>[] many => With(many, observer),
                IObserver<SseEvent> one => new[] { one, observer },
                _ => observer,
            };
        }

        return Disposable.Create((life: this, observer), static state => state.life.Leave(state.observer));
    }

    /// <summary>Starts the shared session, unless every subscriber has already left.</summary>
    public void Start(ReconnectPolicy policy)
    {
        lock (Gate)
        {
            if (IsEnded || _started)
            {
                return;
            }

            _started = true;
        }

        _session.Start(policy);
    }

    /// <summary>Disposes the first subscriber's subscription: it leaves the life (once).</summary>
    public void Dispose()
    {
        IObserver<SseEvent>? first;
        lock (Gate)
        {
            first = _first;
            _first = null;
        }

        if (first is not null)
        {
            Leave(first);
        }
    }

    /// <summary>Removes a subscriber; the last one to leave closes the session.</summary>
    public void Leave(IObserver<SseEvent> observer)
    {
        SseConnectionSession? close = null;
        lock (Gate)
        {
            if (!TryRemove(observer))
            {
                return;
            }

            if (_observers is null && !IsEnded)
            {
                IsEnded = true;
                close = _started ? _session : null;
            }
        }

        close?.Dispose();
    }

    /// <summary>The session ended by itself: no one joins this life any more.</summary>
    public void OnSessionEnded()
    {
        lock (Gate)
        {
            IsEnded = true;
        }
    }

    public void OnNext(SseEvent value)
    {
        switch (Volatile.Read(ref _observers))
        {
            case IObserver<SseEvent>[] many:
                foreach (var observer in many)
                {
                    observer.OnNext(value);
                }

                break;
            case IObserver<SseEvent> one:
                one.OnNext(value);
                break;
        }
    }

    public void OnError(Exception error)
    {
        foreach (var observer in TakeObservers())
        {
            observer.OnError(error);
        }
    }

    public void OnCompleted()
    {
        foreach (var observer in TakeObservers())
        {
            observer.OnCompleted();
        }
    }

    /// <summary>Removes one occurrence of <paramref name="observer"/>. Under the gate.</summary>
    private bool TryRemove(IObserver<SseEvent> observer)
    {
        switch (_observers)
        {
            case IObserver<SseEvent>[] many:
                int index = Array.IndexOf(many, observer);
                if (index < 0)
                {
                    return false;
                }

                _observers = many.Length == 2 ? many[1 - index] : Without(many, index);
                return true;
            case IObserver<SseEvent> one when ReferenceEquals(one, observer):
                _observers = null;
                return true;
            default:
                return false;
        }
    }

    private static IObserver<SseEvent>[] With(IObserver<SseEvent>[] observers, IObserver<SseEvent> observer) =>
        [.. observers, observer];

    private static IObserver<SseEvent>[] Without(IObserver<SseEvent>[] observers, int index) =>
        [.. observers[..index], .. observers[(index + 1)..]];

    private IObserver<SseEvent>[] TakeObservers()
    {
        object? observers;
        lock (Gate)
        {
            observers = _observers;
            _observers = null;
        }

        return observers switch
        {
            IObserver<SseEvent>[] many => many,
            IObserver<SseEvent> one => [one],
            _ => [],
        };
    }
}
