using System.Globalization;

namespace Jackpot.Reactive;

/// <summary>
/// An asynchronous enumeration over an observable ended because the consumer fell behind by more than the buffer holds
/// (<see cref="AsyncBufferOverflow.Fail"/>).
/// </summary>
public sealed class AsyncBufferOverflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AsyncBufferOverflowException()
        : base("The asynchronous enumeration's buffer overflowed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public AsyncBufferOverflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public AsyncBufferOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a buffer of the given capacity.</summary>
    /// <param name="capacity">How many items the buffer held.</param>
    public AsyncBufferOverflowException(int capacity)
        : base(string.Format(
            CultureInfo.InvariantCulture,
            "The consumer fell behind by more than the buffer's capacity of {0} item(s); the source was unsubscribed.",
            capacity)) => Capacity = capacity;

    /// <summary>Gets how many items the buffer held; 0 when unknown.</summary>
    public int Capacity { get; }
}
