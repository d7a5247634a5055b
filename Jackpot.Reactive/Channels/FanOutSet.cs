namespace Jackpot.Reactive;

/// <summary>
/// The subscribers of a hot source: adding and removing are O(1) however many there are; the array that events are
/// fanned out over is rebuilt lazily, on the first event after a change, so a subscription storm costs one copy.
/// Not thread-safe (the owner's gate guards it). Removing during a fan-out is safe: the fan-out keeps its array.
/// </summary>
/// <remarks>
/// Most sources of a process with many channels have no subscriber or one (a channel and its status), so the set
/// holds a single item in a field and builds a hash set only for a second; a removal forgets the array built for the
/// last fan-out, so a subscriber that left is not kept alive by it until the next event.
/// </remarks>
/// <typeparam name="T">The subscriber type.</typeparam>
internal sealed class FanOutSet<T>
    where T : class
{
    private T? _single;
    private HashSet<T>? _items;
    private T[] _snapshot = [];
    private bool _stale;

    public int Count => _items?.Count ?? (_single is null ? 0 : 1);

    /// <summary>Gets the subscribers to deliver the next event to.</summary>
    public T[] Current
    {
        get
        {
            if (_stale)
            {
                _snapshot = ToArray();
                _stale = false;
            }

            return _snapshot;
        }
    }

    public void Add(T item)
    {
        if (_items is not null)
        {
            _items.Add(item);
        }
        else if (_single is null)
        {
            _single = item;
        }
        else if (!ReferenceEquals(_single, item))
        {
            _items = new HashSet<T>(ReferenceEqualityComparer.Instance) { _single, item };
            _single = null;
        }

        _stale = true;
    }

    public bool Remove(T item)
    {
        if (_items is not null)
        {
            if (!_items.Remove(item))
            {
                return false;
            }

            if (_items.Count == 0)
            {
                _items = null;
            }
        }
        else if (ReferenceEquals(_single, item))
        {
            _single = null;
        }
        else
        {
            return false;
        }

        _snapshot = [];
        _stale = true;
        return true;
    }

    /// <summary>Removes every subscriber and returns them.</summary>
    public T[] DetachAll()
    {
        var all = ToArray();
        _items = null;
        _single = null;
        _snapshot = [];
        _stale = false;
        return all;
    }

    private T[] ToArray() => _items is not null ? [.. _items] : _single is not null ? [_single] : [];
}

/// <summary>The source a <see cref="FanOutSubscription{T}"/> leaves when it is disposed: an interface the source
/// implements rather than a delegate, which every source (one per channel, and a status subject per channel) would
/// hold.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal interface IFanOutOwner<T>
{
    /// <summary>Takes a disposed subscription out (or ignores one already detached).</summary>
    void Unsubscribe(FanOutSubscription<T> subscription);
}

/// <summary>
/// One subscriber of a hot source (<see cref="FanOutSet{T}"/>'s usual item): its observer, and whether events must no
/// longer reach it — disposed, or detached by the source (it threw, or the source ended). Its first disposal hands it
/// to the source's unsubscribe; a detached one still goes through it, which the source treats as a no-op or as the
/// subscriber leaving, as it needs.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class FanOutSubscription<T>(IObserver<T> observer, IFanOutOwner<T> owner) : IDisposable
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
            owner.Unsubscribe(this);
        }
    }
}
