namespace Jackpot.Reactive;

/// <summary>
/// What <see cref="JackpotObservable.ToAsyncEnumerable{T}(IObservable{T}, int, AsyncBufferOverflow)"/> does when the
/// source produces an item while its buffer is full, because the consumer is not keeping up.
/// </summary>
public enum AsyncBufferOverflow
{
    /// <summary>The oldest buffered item is discarded to make room: the consumer sees the most recent items.</summary>
    DropOldest,

    /// <summary>The arriving item is discarded and the buffered ones are kept: the consumer sees the earliest items.</summary>
    DropNewest,

    /// <summary>
    /// Nothing is discarded silently: the source is unsubscribed and, after the buffered items, the enumeration throws
    /// <see cref="AsyncBufferOverflowException"/>.
    /// </summary>
    Fail,
}
