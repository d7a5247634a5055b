using System.Reactive.Disposables;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans;

/// <summary>The channel grain's upstream connection: its events and statuses, queued onto the grain and fanned out.</summary>
internal sealed partial class JackpotChannelGrain
{
    private void OpenUpstream(SseConnection connection)
    {
        long life = ++_life;
        var scheduler = GrainContext.Scheduler;
        var time = _upstreams.TimeProvider;
        var channel = _channel;
        var logger = _logger;
        var upstream = new CompositeDisposable();

        // Status first (it replays the current Closed, which is ignored), then the connection.
        upstream.Add(connection.Status.Subscribe(status => Queue(scheduler, () => OnUpstreamStatus(life, status))));
        upstream.Add(connection.Subscribe(
            sseEvent =>
            {
                // On the transport's thread: the event's bytes are valid only now, so decode here.
                if (JackpotEvent.TryParse(sseEvent.Data.Span, out var jackpotEvent, out var error))
                {
                    long receivedAt = time.GetUtcNow().UtcTicks;
                    string id = sseEvent.LastEventId;

                    // Subscribers read the event's SSE id (exactly-once crediting); the copy is made before anyone sees it.
                    var withId = id.Length == 0 ? jackpotEvent : jackpotEvent with { EventId = id };
                    Queue(scheduler, () => OnUpstreamEvent(life, withId, id, receivedAt));
                }
                else
                {
                    LogMalformed(logger, channel.ToString(), error.Field ?? "(payload)");
                }
            },
            _ => { /* The Failed status carries the error to the subscribers. */ }));
        _upstream = upstream;
        _upstreams.Meter.UpstreamOpened(_channel.Kind);
        if (!_upstreams.Track(upstream))
        {
            CloseUpstream();
        }
    }

    private void CloseUpstream()
    {
        if (_upstream is { } upstream)
        {
            _upstream = null;
            _life++;
            _upstreams.Untrack(upstream);
            upstream.Dispose();
            _upstreams.Meter.UpstreamClosed(_channel.Kind);
        }
    }

    private static void Queue(IWorkItemScheduler scheduler, Action action)
    {
        try
        {
            scheduler.QueueAction(action);
        }
        catch (Exception error) when (error is InvalidOperationException or ObjectDisposedException)
        {
            // The activation is gone; its upstream is being closed.
        }
    }

    private void OnUpstreamEvent(long life, JackpotEvent jackpotEvent, string lastEventId, long receivedAt)
    {
        if (life != _life)
        {
            return;
        }

        _position = _position.Next();
        _lastEventId = lastEventId;
        _latest.Remember(jackpotEvent);

        var delivery = new ChannelDelivery(_position, jackpotEvent, receivedAt);
        OnEventForCheckpoint();
        _recent.Enqueue(delivery);
        if (_recent.Count > _options.CatchUpCapacity)
        {
            _recentBase = _recent.Dequeue().Position;
        }

        foreach (var observer in _leases)
        {
            // One-way: the grain never waits for a subscriber; one that is gone loses its lease.
            _ = observer.OnEvent(delivery);
        }
    }

    private void OnUpstreamStatus(long life, ChannelStatus status)
    {
        if (life != _life || status.State == ChannelState.Closed)
        {
            return;
        }

        if (status.State == ChannelState.Open && _reportGapOnOpen)
        {
            _reportGapOnOpen = false;
            status = status with { Continuity = StreamContinuity.GapPossible };
        }
        else if (status.State == ChannelState.Connecting)
        {
            // The first connection of this activation: how the life goes on (see StartLifeAsync).
            status = status with { Continuity = _connectingContinuity };
        }
        else if (status.State == ChannelState.Reconnecting)
        {
            // Within a life a reconnect resumes with the last id, or may lose events without one: never Initial.
            status = status with { Continuity = _lastEventId.Length > 0 ? StreamContinuity.Resumed : StreamContinuity.GapPossible };
        }

        SetStatus(status);
        var update = StatusUpdate;
        foreach (var observer in _leases)
        {
            _ = observer.OnStatus(update);
        }

        if (status.State == ChannelState.Failed)
        {
            // Terminal: every subscriber has been told (their streams end with the cause); the next subscriber starts afresh.
            _ = EndLifeAfterFailureAsync(status);
        }
    }

    private async Task EndLifeAfterFailureAsync(ChannelStatus failed)
    {
        await EndLifeAsync().ConfigureAwait(true);
        SetStatus(failed);
    }

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Channel {Channel}: skipped a malformed payload ({Field})")]
    private static partial void LogMalformed(ILogger logger, string channel, string field);
}
