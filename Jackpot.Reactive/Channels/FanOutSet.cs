namespace Jackpot.Reactive;

/// <summary>
/// The subscribers of a hot source: adding and removing are O(1) however many there are; the array that events are
/// fanned out over is rebuilt lazily, on the first event after a change, so a subscription storm costs one copy.
/// Not thread-safe (the owner's gate guards it). Removing during a fan-out is safe: the fan-out keeps its array.
/// </summary>
/// <typeparam name="T">The subscriber type.</typeparam>
internal sealed class FanOutSet<T>
    where T : class
{
    private readonly HashSet<T> _items = new(ReferenceEqualityComparer.Instance);
    private T[] _snapshot = [];
    private bool _stale;

    public int Count => _items.Count;

    /// <summary>Gets the subscribers to deliver the next event to.</summary>
    public T[] Current
    {
        get
        {
            if (_stale)
            {
                _snapshot = [.. _items];
                _stale = false;
            }

            return _snapshot;
        }
    }

    public void Add(T item)
    {
        _items.Add(item);
        _stale = true;
    }

    public bool Remove(T item)
    {
        if (!_items.Remove(item))
        {
            return false;
        }

        _stale = true;
        return true;
    }

    /// <summary>Removes every subscriber and returns them.</summary>
    public T[] DetachAll()
    {
        var all = _items.ToArray();
        _items.Clear();
        _snapshot = [];
        _stale = false;
        return all;
    }
}

/// <summary>
/// One subscriber of a hot source (<see cref="FanOutSet{T}"/>'s usual item): its observer, and whether events must no
/// longer reach it — disposed, or detached by the source (it threw, or the source ended). Its first disposal hands it
/// to the source's unsubscribe; a detached one still goes through it, which the source treats as a no-op or as the
/// subscriber leaving, as it needs.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class FanOutSubscription<T>(IObserver<T> observer, Action<FanOutSubscription<T>> unsubscribe) : IDisposable
{
    private int _disposed;
    private volatile bool _detached;

    public IObserver<T> Observer { get; } = observer;

    /// <summary>Gets a value indicating whether events must no longer reach it: it was disposed or detached.</summary>
    public bool IsDisposed => _detached || Volatile.Read(ref _disposed) != 0;

    /// <summary>Stops delivery to it (under the source's gate); its disposal still unsubscribes it.</summary>
    public void MarkDetached() => _detached = true;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            unsubscribe(this);
        }
    }
}
