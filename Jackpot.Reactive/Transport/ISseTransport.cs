namespace Jackpot.Reactive;

/// <summary>
/// Opens one Server-Sent Events response. The HTTP implementation is <c>HttpSseTransport</c>; tests substitute a
/// scripted one (see the Jackpot.Reactive.Testing package's virtual push service).
/// </summary>
public interface ISseTransport
{
    /// <summary>Returns a cold observable: each subscription sends one request; disposing the subscription closes it.</summary>
    /// <param name="request">What to request.</param>
    /// <returns>
    /// A sequence that yields <see cref="SseTransportChunk.Opened"/> once the response is accepted (200 with
    /// <c>text/event-stream</c>), then the body as chunks of bytes. It completes at a clean end of stream and fails with
    /// <see cref="SseHttpException"/> for a rejected response, or with the network error
    /// (<see cref="System.Net.Http.HttpRequestException"/>, <see cref="IOException"/>) when the connection breaks.
    /// </returns>
    IObservable<SseTransportChunk> Connect(SseRequest request);
}
