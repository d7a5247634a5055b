using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace Jackpot.Reactive.Simulator;

/// <summary>
/// One open SSE stream: a bounded queue of frames filled by its channel feed and its heartbeat timer, and the loop that
/// writes the queue to the response. A connection whose queue overflows is aborted (the client replays on reconnect).
/// </summary>
internal sealed class SubscriberStream : IDisposable
{
    /// <summary>Frames are flushed at least this often while a backlog is written.</summary>
    public const int FlushThresholdBytes = 64 * 1024;

    private const int NotDropped = -1;

    private readonly Channel<OutgoingFrame> _queue;
    private readonly CancellationTokenSource _cancellation;
    private readonly SimulatorFaults _faults;
    private readonly SimulatorCounters _counters;
    private ITimer? _heartbeatTimer;
    private int _heartbeatPending;
    private int _dropKind = NotDropped;
    private long _eventsWritten;

    public SubscriberStream(
        long id,
        int queueCapacity,
        SimulatorFaults faults,
        SimulatorCounters counters,
        CancellationToken requestAborted,
        CancellationToken listenerStopping,
        CancellationToken simulatorStopping)
    {
        Id = id;
        _faults = faults;
        _counters = counters;
        _queue = System.Threading.Channels.Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(queueCapacity + 1)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, listenerStopping, simulatorStopping);
    }

    /// <summary>Gets the channel the stream serves.</summary>
    public ChannelName? Channel { get; init; }

    public long Id { get; }

    /// <summary>Gets the id of the transport connection the stream runs on (shared by the streams of one HTTP/2 connection).</summary>
    public string? ConnectionId { get; init; }

    /// <summary>Gets the token that ends the stream: the client went away, the simulator stops, or the stream was dropped.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Gets how the stream was dropped, or <see langword="null"/> when it was not.</summary>
    public ConnectionDropKind? DroppedAs
    {
        get
        {
            int kind = Volatile.Read(ref _dropKind);
            return kind == NotDropped ? null : (ConnectionDropKind)kind;
        }
    }

    /// <summary>Starts the heartbeat comments.</summary>
    public void StartHeartbeat(TimeProvider timeProvider, TimeSpan interval) =>
        _heartbeatTimer = timeProvider.CreateTimer(
            static state => ((SubscriberStream)state!).EnqueueHeartbeat(), this, interval, interval);

    /// <summary>Queues an event frame; called under the feed's lock, so it never blocks.</summary>
    public void EnqueueEvent(byte[] frame)
    {
        if (!_queue.Writer.TryWrite(new OutgoingFrame(frame, IsEvent: true)))
        {
            Drop(ConnectionDropKind.Abort);
        }
    }

    /// <summary>Ends the stream the given way; the first drop wins. Never runs the stream's continuations inline.</summary>
    public void Drop(ConnectionDropKind kind)
    {
        if (Interlocked.CompareExchange(ref _dropKind, (int)kind, NotDropped) != NotDropped)
        {
            return;
        }

        _counters.ConnectionDropped();

        try
        {
            _ = _cancellation.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The stream has already ended.
        }
    }

    /// <summary>Writes the replay, then queued frames, until the stream ends.</summary>
    /// <returns>A task that completes when the stream has ended; it does not fault for a cancelled or broken stream.</returns>
    public async Task PumpAsync(PipeWriter writer, IReadOnlyList<byte[]> replay, bool gap)
    {
        var token = Token;
        try
        {
            await _faults.WaitWhileStalledAsync(token).ConfigureAwait(false);
            if (gap)
            {
                writer.Write(SseFrames.HistoryGap.Span);
            }

            int pendingEvents = 0;
            foreach (byte[] frame in replay)
            {
                if (EventBudgetSpent())
                {
                    await DropAfterEventsAsync(writer, pendingEvents, token).ConfigureAwait(false);
                    return;
                }

                writer.Write(frame);
                pendingEvents++;
                _eventsWritten++;
                if (writer.UnflushedBytes >= FlushThresholdBytes)
                {
                    if (!await FlushAsync(writer, pendingEvents, token).ConfigureAwait(false))
                    {
                        return;
                    }

                    pendingEvents = 0;
                    await _faults.WaitWhileStalledAsync(token).ConfigureAwait(false);
                }
            }

            if (!await FlushAsync(writer, pendingEvents, token).ConfigureAwait(false))
            {
                return;
            }

            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                await _faults.WaitWhileStalledAsync(token).ConfigureAwait(false);
                pendingEvents = 0;
                bool spent = false;
                while (writer.UnflushedBytes < FlushThresholdBytes && !(spent = EventBudgetSpent()) && reader.TryRead(out var item))
                {
                    writer.Write(item.Bytes.Span);
                    if (item.IsEvent)
                    {
                        pendingEvents++;
                        _eventsWritten++;
                    }
                    else
                    {
                        Volatile.Write(ref _heartbeatPending, 0);
                    }
                }

                if (spent)
                {
                    await DropAfterEventsAsync(writer, pendingEvents, token).ConfigureAwait(false);
                    return;
                }

                if (!await FlushAsync(writer, pendingEvents, token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Dropped, stopped or the client went away.
        }
    }

    public void Dispose()
    {
        _heartbeatTimer?.Dispose();
        _queue.Writer.TryComplete();
        _cancellation.Dispose();
    }

    private async ValueTask<bool> FlushAsync(PipeWriter writer, int events, CancellationToken token)
    {
        var result = await writer.FlushAsync(token).ConfigureAwait(false);
        if (result.IsCompleted || result.IsCanceled)
        {
            return false;
        }

        _counters.AddEventsSent(events);
        return true;
    }

    /// <summary>Whether <see cref="SimulatorFaults.DropConnectionsEveryEvents"/> says the stream has carried enough events.</summary>
    private bool EventBudgetSpent() => _faults.DropConnectionsEveryEvents is { } budget && _eventsWritten >= budget;

    /// <summary>Sends what is written so far, then drops the stream the way <see cref="SimulatorFaults.DropKind"/> says.</summary>
    private async Task DropAfterEventsAsync(PipeWriter writer, int pendingEvents, CancellationToken token)
    {
        if (await FlushAsync(writer, pendingEvents, token).ConfigureAwait(false))
        {
            Drop(_faults.DropKind);
        }
    }

    private void EnqueueHeartbeat()
    {
        if (Interlocked.Exchange(ref _heartbeatPending, 1) == 0 &&
            !_queue.Writer.TryWrite(new OutgoingFrame(SseFrames.Heartbeat, IsEvent: false)))
        {
            Volatile.Write(ref _heartbeatPending, 0);
        }
    }

    private readonly record struct OutgoingFrame(ReadOnlyMemory<byte> Bytes, bool IsEvent);
}
