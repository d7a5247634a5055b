namespace Jackpot.Reactive;

/// <summary>What an <see cref="ISseTransport"/> yields: the moment the response is accepted, then body bytes.</summary>
/// <remarks><see cref="Data"/> may point into a pooled buffer: it is valid only during the <c>OnNext</c> call.</remarks>
public readonly struct SseTransportChunk
{
    private SseTransportChunk(bool isOpened, ReadOnlyMemory<byte> data, SseCorsException? lastEventIdRefusal = null)
    {
        IsOpened = isOpened;
        Data = data;
        LastEventIdRefusal = lastEventIdRefusal;
    }

    /// <summary>Gets the chunk that says the response was accepted and the stream is open.</summary>
    public static SseTransportChunk Opened { get; } = new(true, ReadOnlyMemory<byte>.Empty);

    /// <summary>Gets a value indicating whether this is the <see cref="Opened"/> signal rather than body bytes.</summary>
    public bool IsOpened { get; }

    /// <summary>Gets body bytes, as received.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets, on an <see cref="IsOpened"/> chunk, why the stream was opened without the request's
    /// <c>Last-Event-ID</c> (in the browser, a refused CORS preflight); null when it was sent or there was none.</summary>
    internal SseCorsException? LastEventIdRefusal { get; }

    /// <summary>Says that the response was accepted for a request sent without its <c>Last-Event-ID</c>.</summary>
    /// <param name="refusal">Why the header was left out.</param>
    /// <returns>The chunk.</returns>
    internal static SseTransportChunk OpenedWithoutLastEventId(SseCorsException refusal) => new(true, ReadOnlyMemory<byte>.Empty, refusal);

    /// <summary>Wraps body bytes.</summary>
    /// <param name="data">The bytes; valid only during the <c>OnNext</c> call.</param>
    /// <returns>The chunk.</returns>
    public static SseTransportChunk FromData(ReadOnlyMemory<byte> data) => new(false, data);
}
