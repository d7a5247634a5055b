namespace Jackpot.Reactive.Orleans;

/// <summary>
/// The cause of a <see cref="ChannelState.Reconnecting"/> status of a cluster channel whose grain is moving to another
/// silo: the silo holding it was declared dead, or Orleans is deactivating it (its silo shuts down, its grain-directory
/// entry was lost). The subscriber re-subscribes at once; the stream pauses and goes on, it does not end.
/// </summary>
public sealed class ChannelMovedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ChannelMovedException"/> class.</summary>
    public ChannelMovedException()
        : base("The channel's grain is moving to another silo.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChannelMovedException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ChannelMovedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChannelMovedException"/> class with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ChannelMovedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
