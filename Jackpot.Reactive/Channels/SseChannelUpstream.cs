namespace Jackpot.Reactive;

/// <summary>
/// A channel's upstream over HTTP: one <see cref="SseConnection"/>, whose events are decoded into
/// <see cref="JackpotEvent"/>s outside the source's gate; a malformed payload is reported and skipped.
/// </summary>
internal sealed class SseChannelUpstream(
    ChannelName channel,
    SseConnection connection,
    Action<ChannelName, JackpotEventFormatException, SseEvent> reportMalformed,
    Action<ChannelName, SubscriberFault, string, string> reportSubscriberFault) : IChannelUpstream, ISubscriberFaultHandler
{
    public IObservable<ChannelStatus> Status => connection.Status;

    /// <summary>Gets the connection the channel runs on.</summary>
    public SseConnection Connection => connection;

    // Every life of the channel is a life of its connection, which starts afresh: no stale Last-Event-ID, the policy's
    // reconnection time.
    public IDisposable Open(IObserver<JackpotEvent> observer) => connection.Subscribe(new DecodingObserver(this, observer));

    public void CompleteStatus() => connection.CompleteStatus();

    /// <summary>Reports a status subscriber of the channel that threw, with the connection's last event id (the
    /// connection's <see cref="SseConnection.StatusSubscriberFaulted"/>).</summary>
    public void OnSubscriberFault(SubscriberFault fault) =>
        reportSubscriberFault(channel, fault, "status", connection.LastEventId);

    private void ReportMalformed(JackpotEventFormatException error, SseEvent sseEvent) =>
        reportMalformed(channel, error, sseEvent);

    /// <summary>Decodes one life's events. Calls are serialized (the connection's parser gate).</summary>
    private sealed class DecodingObserver(SseChannelUpstream upstream, IObserver<JackpotEvent> observer) : IObserver<SseEvent>
    {
        /// <summary>The life's previous event: a channel's events repeat its jackpot, instance, channel and currency,
        /// and the decoder reuses those strings instead of looking them up in caches that many channels would thrash.</summary>
        private JackpotEvent? _previous;

        public void OnNext(SseEvent value)
        {
            if (JackpotEventDecoder.TryDecode(value.Data.Span, _previous, out var jackpotEvent, out var error))
            {
                _previous = jackpotEvent;
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
