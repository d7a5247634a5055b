namespace Jackpot.Reactive;

/// <summary>What an <see cref="ISseTransport"/> yields: the moment the response is accepted, then body bytes.</summary>
/// <remarks><see cref="Data"/> may point into a pooled buffer: it is valid only during the <c>OnNext</c> call.</remarks>
public readonly struct SseTransportChunk
{
    private SseTransportChunk(bool isOpened, ReadOnlyMemory<byte> data)
    {
        IsOpened = isOpened;
        Data = data;
    }

    /// <summary>Gets the chunk that says the response was accepted and the stream is open.</summary>
    public static SseTransportChunk Opened { get; } = new(true, ReadOnlyMemory<byte>.Empty);

    /// <summary>Gets a value indicating whether this is the <see cref="Opened"/> signal rather than body bytes.</summary>
    public bool IsOpened { get; }

    /// <summary>Gets body bytes, as received.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Wraps body bytes.</summary>
    /// <param name="data">The bytes; valid only during the <c>OnNext</c> call.</param>
    /// <returns>The chunk.</returns>
    public static SseTransportChunk FromData(ReadOnlyMemory<byte> data) => new(false, data);
}
