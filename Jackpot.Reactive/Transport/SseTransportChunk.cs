namespace Jackpot.Reactive;

/// <summary>What an <see cref="ISseTransport"/> yields: the moment the response is accepted, then body bytes.</summary>
/// <remarks><see cref="Data"/> may point into a pooled buffer: it is valid only during the <c>OnNext</c> call.</remarks>
public readonly struct SseTransportChunk
{
    private SseTransportChunk(bool isOpened, ReadOnlyMemory<byte> data, Version? httpVersion = null, SseCorsException? lastEventIdRefusal = null)
    {
        IsOpened = isOpened;
        Data = data;
        HttpVersion = httpVersion;
        LastEventIdRefusal = lastEventIdRefusal;
    }

    /// <summary>Gets the chunk that says the response was accepted and the stream is open.</summary>
    public static SseTransportChunk Opened { get; } = new(true, ReadOnlyMemory<byte>.Empty);

    /// <summary>Gets a value indicating whether this is the <see cref="Opened"/> signal rather than body bytes.</summary>
    public bool IsOpened { get; }

    /// <summary>Gets, for an <see cref="IsOpened"/> chunk, the HTTP version of the response (1.1, 2.0), or null when the
    /// transport does not say (<see cref="Opened"/>).</summary>
    public Version? HttpVersion { get; }

    /// <summary>Gets body bytes, as received.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Returns the chunk that says the response was accepted over <paramref name="httpVersion"/>.</summary>
    /// <param name="httpVersion">The response's HTTP version.</param>
    /// <returns>An <see cref="IsOpened"/> chunk carrying the version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="httpVersion"/> is null.</exception>
    public static SseTransportChunk OpenedWith(Version httpVersion)
    {
        ArgumentNullException.ThrowIfNull(httpVersion);
        return new(true, ReadOnlyMemory<byte>.Empty, httpVersion);
    }

    /// <summary>Gets, on an <see cref="IsOpened"/> chunk, why the stream was opened without the request's
    /// <c>Last-Event-ID</c> (in the browser, a refused CORS preflight); null when it was sent or there was none.</summary>
    internal SseCorsException? LastEventIdRefusal { get; }

    /// <summary>Says that the response was accepted for a request sent without its <c>Last-Event-ID</c>.</summary>
    /// <param name="refusal">Why the header was left out.</param>
    /// <param name="httpVersion">The response's HTTP version, when known.</param>
    /// <returns>The chunk.</returns>
    internal static SseTransportChunk OpenedWithoutLastEventId(SseCorsException refusal, Version? httpVersion = null) => new(true, ReadOnlyMemory<byte>.Empty, httpVersion, refusal);

    /// <summary>Wraps body bytes.</summary>
    /// <param name="data">The bytes; valid only during the <c>OnNext</c> call.</param>
    /// <returns>The chunk.</returns>
    public static SseTransportChunk FromData(ReadOnlyMemory<byte> data) => new(false, data);
}
