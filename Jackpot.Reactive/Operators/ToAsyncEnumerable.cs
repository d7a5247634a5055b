using System.Reactive.Disposables;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Jackpot.Reactive;

public static partial class JackpotObservable
{
    /// <summary>
    /// Exposes an observable as an asynchronous stream for <c>await foreach</c>, through a bounded buffer with an explicit
    /// overflow policy.
    /// </summary>
    /// <typeparam name="T">The type of the items.</typeparam>
    /// <param name="source">The observable, e.g. a channel's <see cref="JackpotEvent"/> stream.</param>
    /// <param name="capacity">How many items the buffer holds while the consumer is busy; at least 1.</param>
    /// <param name="overflow">What happens to an item that arrives while the buffer is full.</param>
    /// <returns>An asynchronous stream of the source's items, in order, minus any dropped by <paramref name="overflow"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="capacity"/> is less than 1, or <paramref name="overflow"/> is not a defined value.
    /// </exception>
    /// <remarks>
    /// <para>
    /// Each enumeration subscribes to <paramref name="source"/> separately, and lazily: at its first <c>MoveNextAsync</c>, not
    /// when the stream or the enumerator is created. It unsubscribes when the enumerator is disposed (which
    /// <c>await foreach</c> does on <c>break</c> and on exceptions), when the enumeration is cancelled — through the token given
    /// to <c>GetAsyncEnumerator</c> or <c>WithCancellation</c>, which makes <c>MoveNextAsync</c> throw
    /// <see cref="OperationCanceledException"/> — and when the source ends or the buffer overflows under
    /// <see cref="AsyncBufferOverflow.Fail"/>.
    /// </para>
    /// <para>
    /// The items buffered before the source completes are still delivered; then the enumeration ends. The same holds for
    /// an error: after the buffered items, <c>MoveNextAsync</c> throws the source's exception (with its original stack trace),
    /// or <see cref="AsyncBufferOverflowException"/> after an overflow under <see cref="AsyncBufferOverflow.Fail"/>.
    /// </para>
    /// <para>
    /// The source's <c>OnNext</c> only buffers the item and never blocks; the consumer's code never runs inside it, and a
    /// waiting consumer resumes on the thread pool. A source that emits more than <paramref name="capacity"/> items
    /// synchronously during <c>Subscribe</c> overflows at once.
    /// </para>
    /// <para>
    /// This overload's parameters set it apart from the parameterless <c>ToAsyncEnumerable()</c> conversion of
    /// System.Linq.Async, which buffers without a bound.
    /// </para>
    /// </remarks>
    public static IAsyncEnumerable<T> ToAsyncEnumerable<T>(this IObservable<T> source, int capacity, AsyncBufferOverflow overflow)
    {
        ValidateAsyncBuffer(source, capacity, overflow);
        return EnumerateThroughBuffer(source, capacity, overflow, onDropped: null, CancellationToken.None);
    }

    /// <summary>
    /// Exposes an observable as an asynchronous stream for <c>await foreach</c>, through a bounded buffer with an explicit
    /// overflow policy, and reports every item the policy drops.
    /// </summary>
    /// <typeparam name="T">The type of the items.</typeparam>
    /// <param name="source">The observable, e.g. a channel's <see cref="JackpotEvent"/> stream.</param>
    /// <param name="capacity">How many items the buffer holds while the consumer is busy; at least 1.</param>
    /// <param name="overflow">What happens to an item that arrives while the buffer is full.</param>
    /// <param name="onDropped">
    /// Called with each item discarded under <see cref="AsyncBufferOverflow.DropOldest"/> (the oldest buffered item) or
    /// <see cref="AsyncBufferOverflow.DropNewest"/> (the arriving item), on the source's thread; it must be quick and must not
    /// throw. Use it to count or log losses. It is never called under <see cref="AsyncBufferOverflow.Fail"/>.
    /// </param>
    /// <returns>An asynchronous stream of the source's items, in order, minus the dropped ones.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="onDropped"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="capacity"/> is less than 1, or <paramref name="overflow"/> is not a defined value.
    /// </exception>
    /// <remarks>Subscription, cancellation, completion and errors behave as in
    /// <see cref="ToAsyncEnumerable{T}(IObservable{T}, int, AsyncBufferOverflow)"/>.</remarks>
    public static IAsyncEnumerable<T> ToAsyncEnumerable<T>(
        this IObservable<T> source,
        int capacity,
        AsyncBufferOverflow overflow,
        Action<T> onDropped)
    {
        ValidateAsyncBuffer(source, capacity, overflow);
        ArgumentNullException.ThrowIfNull(onDropped);
        return EnumerateThroughBuffer(source, capacity, overflow, onDropped, CancellationToken.None);
    }

    private static void ValidateAsyncBuffer<T>(IObservable<T> source, int capacity, AsyncBufferOverflow overflow)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (!Enum.IsDefined(overflow))
        {
            throw new ArgumentOutOfRangeException(nameof(overflow), overflow, "Unknown overflow policy.");
        }
    }

    private static async IAsyncEnumerable<T> EnumerateThroughBuffer<T>(
        IObservable<T> source,
        int capacity,
        AsyncBufferOverflow overflow,
        Action<T>? onDropped,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // An async iterator runs nothing until the first MoveNextAsync: that is what makes the subscription lazy.
        cancellationToken.ThrowIfCancellationRequested();
        var buffer = new ToAsyncEnumerableSink<T>(capacity, overflow, onDropped);
        using (buffer)
        {
            buffer.Attach(source.Subscribe(buffer));
            var reader = buffer.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    yield return item;
                }
            }

            buffer.ThrowIfFailed();
        }
    }
}

/// <summary>
/// The observer behind <c>ToAsyncEnumerable</c>: writes items into a bounded channel and completes it when the source
/// ends, fails or overflows the buffer. Disposing it unsubscribes from the source.
/// </summary>
/// <typeparam name="T">The type of the items.</typeparam>
internal sealed class ToAsyncEnumerableSink<T> : IObserver<T>, IDisposable
{
    private readonly Channel<T> _channel;
    private readonly AsyncBufferOverflow _overflow;
    private readonly int _capacity;
    private readonly SingleAssignmentDisposable _subscription = new();
    private Exception? _error;
    private int _stopped;

    public ToAsyncEnumerableSink(int capacity, AsyncBufferOverflow overflow, Action<T>? onDropped)
    {
        _capacity = capacity;
        _overflow = overflow;
        var options = new BoundedChannelOptions(capacity)
        {
            FullMode = overflow switch
            {
                AsyncBufferOverflow.DropOldest => BoundedChannelFullMode.DropOldest,
                AsyncBufferOverflow.DropNewest => BoundedChannelFullMode.DropWrite,
                _ => BoundedChannelFullMode.Wait,
            },
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        };
        _channel = Channel.CreateBounded(options, onDropped);
    }

    public ChannelReader<T> Reader => _channel.Reader;

    public void Attach(IDisposable subscription) => _subscription.Disposable = subscription;

    public void OnNext(T value)
    {
        if (!_channel.Writer.TryWrite(value) && _overflow == AsyncBufferOverflow.Fail)
        {
            Stop(new AsyncBufferOverflowException(_capacity));
        }
    }

    public void OnError(Exception error) => Stop(error);

    public void OnCompleted() => Stop(null);

    /// <summary>Rethrows the source's error, or the overflow, once the reader has drained the buffer.</summary>
    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _error) is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _channel.Writer.TryComplete();
    }

    private void Stop(Exception? error)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // The error is published before the channel completes, so a reader that sees the completion sees the error.
        Volatile.Write(ref _error, error);
        _channel.Writer.TryComplete();
        _subscription.Dispose();
    }
}
