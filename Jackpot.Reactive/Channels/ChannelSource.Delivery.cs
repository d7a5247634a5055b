namespace Jackpot.Reactive;

/// <summary>Delivery: each event of the current life fanned out under the gate (and counted), and the life's end passed
/// on to every subscriber, each isolated from the others.</summary>
internal sealed partial class ChannelSource
{
    private void OnEvent(long generation, JackpotEvent jackpotEvent)
    {
        List<(FanOutSubscription<JackpotEvent> Subscriber, Exception Thrown)>? faulted = null;
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            Measure(jackpotEvent);
            _latestValues?.Remember(jackpotEvent);
            foreach (var subscriber in _subscriptions.Current)
            {
                if (!subscriber.IsDisposed && SubscriberIsolation.TryOnNext(subscriber.Observer, jackpotEvent) is { } thrown)
                {
                    // No further event reaches it, from this fan-out on: it is disposed below, outside the gate.
                    subscriber.MarkDetached();
                    (faulted ??= []).Add((subscriber, thrown));
                }
            }
        }

        if (faulted is not null)
        {
            foreach (var (subscriber, thrown) in faulted)
            {
                subscriber.Dispose();
                _reportSubscriberFault(_channel, new SubscriberFault(thrown, SubscriberIsolation.OnNext));
            }
        }
    }

    /// <summary>Counts a delivered event and records the time since the previous one. Under the gate.</summary>
    /// <remarks>The clock is read only while somebody listens to the interval: the first event after a listener
    /// starts has no previous one.</remarks>
    private void Measure(JackpotEvent jackpotEvent)
    {
        _metrics.EventReceived(jackpotEvent.Reason, _channel.Kind);
        if (!_metrics.IsEventGapEnabled)
        {
            _lastEventAt = null;
            return;
        }

        var now = _scheduler.Now;
        if (_lastEventAt is { } previous)
        {
            _metrics.EventGap(_channel.Kind, now - previous);
        }

        _lastEventAt = now;
    }

    private void OnTerminated(long generation, Exception? error)
    {
        FanOutSubscription<JackpotEvent>[] subscribers;
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            subscribers = DetachAll();
        }

        Terminate(subscribers, error);
    }

    /// <summary>Ends every detached subscriber with <paramref name="error"/> (or completes it), each isolated from the
    /// others: one that throws is reported, and the rest still get their call.</summary>
    private void Terminate(FanOutSubscription<JackpotEvent>[] subscribers, Exception? error)
    {
        foreach (var subscriber in subscribers)
        {
            if (SubscriberIsolation.TryTerminate(subscriber.Observer, error) is { } thrown)
            {
                _reportSubscriberFault(_channel, new SubscriberFault(thrown, SubscriberIsolation.TerminalCall(error)));
            }
        }
    }
}
