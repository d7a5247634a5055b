namespace Jackpot.Reactive.Simulator;

/// <summary>
/// One channel's event stream: assigns consecutive ids, keeps the replay history and fans every frame out to the
/// channel's open connections. Publishing and subscribing share one lock, so a subscriber's replay and its live events
/// meet without a gap or a duplicate.
/// </summary>
internal sealed class ChannelFeed
{
    private readonly Lock _gate = new();
    private readonly EventHistory _history;
    private readonly SimulatorFaults _faults;
    private readonly List<SubscriberStream> _subscribers = [];
    private long _lastEventId;

    public ChannelFeed(ChannelName channel, int historySize, SimulatorFaults faults)
    {
        Channel = channel;
        _history = new EventHistory(historySize);
        _faults = faults;
    }

    public ChannelName Channel { get; }

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Publishes an event, preceded by any malformed or oversized event pending for this channel.</summary>
    /// <returns>The id of <paramref name="payload"/>'s event.</returns>
    public long Publish(in JackpotPayload payload) =>
        Publish(static (_, fixedPayload) => fixedPayload, payload);

    /// <summary>Publishes an event whose payload depends on the id it gets (see
    /// <see cref="PushEventSimulatorOptions.SequenceAmounts"/>), preceded by any pending malformed or oversized event.</summary>
    /// <param name="payloadForId">Builds the payload of the event with the given id; called under the feed's lock.</param>
    /// <param name="state">Passed to <paramref name="payloadForId"/>.</param>
    /// <returns>The id of the event.</returns>
    public long Publish<TState>(Func<long, TState, JackpotPayload> payloadForId, TState state)
    {
        lock (_gate)
        {
            while (_faults.TryTakePayloadFault(Channel.RawValue, out var fault))
            {
                var faultPayload = payloadForId(_lastEventId + 1, state);
                PublishCore(fault.Malformed is { } kind
                    ? JackpotPayloadFormatter.ToMalformedJson(faultPayload, kind)
                    : JackpotPayloadFormatter.ToOversizedJson(faultPayload, fault.OversizedBytes));
            }

            return PublishCore(JackpotPayloadFormatter.ToJson(payloadForId(_lastEventId + 1, state)));
        }
    }

    /// <summary>Registers a connection for live events and returns what it must replay first.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="lastEventId">The client's <c>Last-Event-ID</c>, or <see langword="null"/> for live events only.</param>
    /// <param name="gap">Whether the replay cannot start right after <paramref name="lastEventId"/>.</param>
    public IReadOnlyList<byte[]> Subscribe(SubscriberStream connection, long? lastEventId, out bool gap)
    {
        lock (_gate)
        {
            _subscribers.Add(connection);
            if (lastEventId is { } id)
            {
                return _history.After(id, out gap);
            }

            gap = false;
            return [];
        }
    }

    public void Unsubscribe(SubscriberStream connection)
    {
        lock (_gate)
        {
            _subscribers.Remove(connection);
        }
    }

    private long PublishCore(byte[] json)
    {
        long id = ++_lastEventId;
        byte[] frame = SseFrames.Event(id, json);
        _history.Append(id, frame);
        foreach (var subscriber in _subscribers)
        {
            subscriber.EnqueueEvent(frame);
        }

        return id;
    }
}
