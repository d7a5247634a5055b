namespace Jackpot.Reactive;

/// <summary>
/// One life of an <see cref="SseConnection"/>: its subscribers and the session they share. It starts with the first
/// subscriber and ends when the last one leaves (the session is closed) or the session ends by itself (a terminal error);
/// the next subscriber starts a new life.
/// </summary>
/// <remarks>Its state is guarded by the connection's life gate, a leaf lock: nothing is called while it is held.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The session is disposed by the last subscriber to leave, or ends by itself.")]
internal sealed class SseConnectionLife(Lock gate) : IObserver<SseEvent>
{
    private IObserver<SseEvent>[] _observers = [];
    private SseConnectionSession? _session;
    private bool _started;

    /// <summary>Gets whether the life is over (no more subscribers join it). Read and written under the gate.</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Adds a subscriber (under the gate, the life not ended).</summary>
    public void Add(IObserver<SseEvent> observer) => _observers = [.. _observers, observer];

    /// <summary>Starts the shared session, unless every subscriber has already left.</summary>
    public void Start(SseConnection connection, ReconnectPolicy policy)
    {
        SseConnectionSession session;
        lock (gate)
        {
            if (IsEnded || _started)
            {
                return;
            }

            _started = true;
            session = _session = new SseConnectionSession(connection, this);
        }

        session.Start(policy);
    }

    /// <summary>Removes a subscriber; the last one to leave closes the session.</summary>
    public void Leave(IObserver<SseEvent> observer)
    {
        SseConnectionSession? close = null;
        lock (gate)
        {
            int index = Array.IndexOf(_observers, observer);
            if (index < 0)
            {
                return;
            }

            _observers = [.. _observers[..index], .. _observers[(index + 1)..]];
            if (_observers.Length == 0 && !IsEnded)
            {
                IsEnded = true;
                close = _session;
            }
        }

        close?.Dispose();
    }

    /// <summary>The session ended by itself: no one joins this life any more.</summary>
    public void OnSessionEnded()
    {
        lock (gate)
        {
            IsEnded = true;
        }
    }

    public void OnNext(SseEvent value)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnNext(value);
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

    private IObserver<SseEvent>[] TakeObservers()
    {
        lock (gate)
        {
            var observers = _observers;
            _observers = [];
            return observers;
        }
    }
}
