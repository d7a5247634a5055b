namespace Jackpot.Reactive;

/// <summary>
/// A channel's upstream over HTTP: one <see cref="SseConnection"/>, whose events are decoded into
/// <see cref="JackpotEvent"/>s outside the source's gate; a malformed payload is reported and skipped.
/// </summary>
internal sealed class SseChannelUpstream(
    ChannelName channel,
    SseConnection connection,
    Action<ChannelName, JackpotEventFormatException, SseEvent> reportMalformed) : IChannelUpstream
{
    public IObservable<ChannelStatus> Status => connection.Status;

    // Every life of the channel is a life of its connection, which starts afresh: no stale Last-Event-ID, the policy's
    // reconnection time.
    public IDisposable Open(IObserver<JackpotEvent> observer) => connection.Subscribe(new DecodingObserver(this, observer));

    public void CompleteStatus() => connection.CompleteStatus();

    private void ReportMalformed(JackpotEventFormatException error, SseEvent sseEvent) =>
        reportMalformed(channel, error, sseEvent);

    private sealed class DecodingObserver(SseChannelUpstream upstream, IObserver<JackpotEvent> observer) : IObserver<SseEvent>
    {
        public void OnNext(SseEvent value)
        {
            if (JackpotEvent.TryParse(value.Data.Span, out var jackpotEvent, out var error))
            {
                // Subscribers read the SSE id (exactly-once crediting); set before anyone sees the event.
                observer.OnNext(jackpotEvent.WithReceivedId(value.LastEventId));
            }
            else
            {
                upstream.ReportMalformed(error, value);
            }
        }

        public void OnError(Exception error) => observer.OnError(error);

        public void OnCompleted() => observer.OnCompleted();
    }
}
