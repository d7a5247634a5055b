using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// The channel grain's checkpoint: what an activation on another silo needs to resume the life with <c>Last-Event-ID</c>.
/// </summary>
/// <remarks>
/// <para>A position is written only once it has <em>settled</em>: its events were fanned out (one-way calls) at least
/// <see cref="CheckpointSettle"/> ago, so a silo that dies does not take along events the checkpoint says were
/// delivered — the service replays them, subscribers drop what they already have. The housekeeping timer stages the
/// current position every <see cref="JackpotChannelOptions.CheckpointInterval"/> and writes the one staged before.</para>
/// <para>A life's first event with an id is staged as it arrives and written once it has settled, by a one-shot timer: the
/// housekeeping alone would write the first id only two intervals into the life, and a silo dying before that left a
/// checkpoint without an id — the next activation could not resume, and the events of the pause were lost.</para>
/// </remarks>
internal sealed partial class JackpotChannelGrain
{
    private StagedCheckpoint? _staged;
    private IGrainTimer? _firstCheckpointTimer;
    private bool _awaitingFirstId;

    /// <summary>Gets how long a position must have been fanned out before it is written: a quarter of the checkpoint interval.</summary>
    private TimeSpan CheckpointSettle => _options.CheckpointInterval / 4;

    private ChannelPosition StoredPosition => new(_state.State.Epoch, _state.State.Sequence);

    /// <summary>Starts the checkpoints of a new life: the start is written at once (as staged), ids follow as they come.</summary>
    private Task StartCheckpointsAsync()
    {
        StageCheckpoint();
        _awaitingFirstId = _lastEventId.Length == 0;
        return TryWriteCheckpointAsync(live: true);
    }

    /// <summary>Stops the checkpoint timers and forgets the staged position (the life ended).</summary>
    private void StopCheckpoints()
    {
        _firstCheckpointTimer?.Dispose();
        _firstCheckpointTimer = null;
        _staged = null;
        _awaitingFirstId = false;
    }

    /// <summary>Called for each event of the life, after the position moved: the first one with an id is staged at once.</summary>
    private void OnEventForCheckpoint()
    {
        if (!_awaitingFirstId || _lastEventId.Length == 0)
        {
            return;
        }

        _awaitingFirstId = false;
        StageCheckpoint();
        _firstCheckpointTimer?.Dispose();
        _firstCheckpointTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.OnFirstCheckpointSettledAsync(),
            this,
            new GrainTimerCreationOptions(CheckpointSettle, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task OnFirstCheckpointSettledAsync()
    {
        _firstCheckpointTimer?.Dispose();
        _firstCheckpointTimer = null;
        if (IsLive && _staged is { } staged && staged.Position != StoredPosition)
        {
            await TryWriteCheckpointAsync(live: true).ConfigureAwait(true);
        }
    }

    /// <summary>The checkpoint's part of the housekeeping: writes the staged position once it has settled, then stages
    /// the current one.</summary>
    private async Task CheckpointOnHousekeepingAsync()
    {
        if (!IsLive || _staged is not { } staged)
        {
            return;
        }

        if (staged.Position != StoredPosition)
        {
            if (_upstreams.TimeProvider.GetUtcNow() - staged.StagedAt < CheckpointSettle)
            {
                // Staged too recently (the life's first id, just now): the one-shot timer or the next tick writes it.
                return;
            }

            await TryWriteCheckpointAsync(live: true).ConfigureAwait(true);
        }

        if (_staged is { } written && written.Position != _position)
        {
            StageCheckpoint();
        }
    }

    /// <summary>Captures the current position as the next checkpoint to write (see <see cref="TryWriteCheckpointAsync"/>).</summary>
    private void StageCheckpoint() =>
        _staged = new StagedCheckpoint(_lastEventId, _position, [.. _latest.Values.Select(StoredJackpotValue.From)], _upstreams.TimeProvider.GetUtcNow());

    /// <summary>
    /// Writes the staged checkpoint, not the current position: events the grain received since it was staged may still
    /// be on their way to subscribers (one-way calls), and a silo that dies takes them along. Resuming from the staged
    /// position makes the service replay them; subscribers drop those they already have. A closed channel is written as
    /// closed (the next life starts fresh).
    /// </summary>
    private async Task TryWriteCheckpointAsync(bool live)
    {
        var checkpoint = _state.State;
        var staged = _staged ?? new StagedCheckpoint(_lastEventId, _position, [], default);
        checkpoint.Live = live;
        checkpoint.LastEventId = live ? staged.LastEventId : string.Empty;
        checkpoint.Epoch = live ? staged.Position.Epoch : _position.Epoch;
        checkpoint.Sequence = live ? staged.Position.Sequence : _position.Sequence;
        checkpoint.LatestValues = live ? staged.Values : [];
        try
        {
            await _state.WriteStateAsync().ConfigureAwait(true);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                LogCheckpointWritten(_logger, _channelText, live, checkpoint.Epoch, checkpoint.Sequence, checkpoint.LastEventId.Length > 0);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Keep going on the previous checkpoint; the next tick tries again.
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                LogCheckpointFailed(_logger, _channelText, error);
            }
        }
    }

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Channel {Channel}: writing the checkpoint failed; retrying")]
    private static partial void LogCheckpointFailed(ILogger logger, string channel, Exception error);

    [LoggerMessage(EventId = 107, Level = LogLevel.Debug, Message = "Channel {Channel}: checkpoint written (live: {Live}, at {Epoch}:{Sequence}, with an event id: {HasEventId})")]
    private static partial void LogCheckpointWritten(ILogger logger, string channel, bool live, long epoch, long sequence, bool hasEventId);

    /// <summary>A position with its id and values, written once it has settled.</summary>
    private sealed record StagedCheckpoint(string LastEventId, ChannelPosition Position, List<StoredJackpotValue> Values, DateTimeOffset StagedAt);
}
