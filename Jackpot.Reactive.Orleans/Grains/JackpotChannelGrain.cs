using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// One channel of the cluster, keyed by a keyed hash of its channel name (<see cref="ChannelGrainKeys"/>): the channel's
/// one upstream connection, its latest values, its position and its subscriber leases. The raw name arrives with the
/// calls and is kept in memory only; logs show it redacted, the checkpoint does not hold it. See <c>docs/scale-out.md</c> for the protocol.
/// </summary>
/// <remarks>
/// <para>A life starts with the first subscriber and ends when the last lease is gone and the linger has passed, or on a
/// terminal failure. The checkpoint (<see cref="ChannelCheckpoint"/>) is written when a life starts and ends, shortly
/// after its first event, and every <see cref="JackpotChannelOptions.CheckpointInterval"/> while events arrive, so an
/// activation on another silo resumes the life with <c>Last-Event-ID</c> (see <c>JackpotChannelGrain.Checkpoint.cs</c>).</para>
/// <para>Upstream callbacks arrive on the transport's threads; they are queued onto the grain's scheduler, in order, and
/// handled there like calls. A generation number (<c>_life</c>) makes callbacks of a closed upstream harmless.</para>
/// </remarks>
internal sealed partial class JackpotChannelGrain : Grain, IJackpotChannelGrain
{
    private readonly IPersistentState<ChannelCheckpoint> _state;
    private readonly JackpotChannelUpstreams _upstreams;
    private readonly JackpotChannelOptions _options;
    private readonly ILogger _logger;
    private readonly ChannelGrainKeys _keys;
    private readonly string _silo;
    private readonly LatestValueCache _latest = new();
    private readonly Queue<ChannelDelivery> _recent = new();
    private ChannelName _channel;
    private string _channelText = string.Empty;
    private ChannelPosition _position;
    private ChannelPosition _recentBase;
    private string _lastEventId = string.Empty;
    private ChannelStatus _status = new(ChannelState.Closed);
    private long _statusStamp;
    private IDisposable? _upstream;
    private IGrainTimer? _housekeeping;
    private long _life;
    private bool _reportGapOnOpen;
    private StreamContinuity _connectingContinuity;

    public JackpotChannelGrain(
        [PersistentState("channel", JackpotChannelOptions.StorageName)] IPersistentState<ChannelCheckpoint> state,
        JackpotChannelUpstreams upstreams,
        ChannelGrainKeys keys,
        ILocalSiloDetails silo,
        ILogger<JackpotChannelGrain> logger)
    {
        _state = state;
        _upstreams = upstreams;
        _options = upstreams.Options;
        _logger = logger;
        _keys = keys;
        _silo = silo.SiloAddress.ToString();
        _leases = CreateLeases();
    }

    private bool IsLive => _upstream is not null;

    private ChannelStatusUpdate StatusUpdate => new(_status, _statusStamp);

    private void SetStatus(ChannelStatus status)
    {
        _status = status;
        _statusStamp = Math.Max(_statusStamp + 1, _upstreams.TimeProvider.GetUtcNow().UtcTicks);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Until a call names the channel, logs name the grain by its key (a pseudonym).
        _channelText = this.GetPrimaryKeyString();
        var checkpoint = _state.State;
        _position = new ChannelPosition(checkpoint.Epoch, checkpoint.Sequence);
        _upstreams.Meter.ChannelActivated();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (IsLive)
        {
            // Moved or shut down while subscribed: keep the life in the checkpoint, so the next activation resumes it,
            // then tell the subscribers, whose calls reach the next activation only once this one is gone.
            CloseUpstream();
            await TryWriteCheckpointAsync(live: true).ConfigureAwait(true);
            _upstreams.Meter.SubscribersChanged(-_leases.Count);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                LogLeaving(_logger, _channelText, reason.ReasonCode, _leases.Count);
            }

            foreach (var observer in _leases)
            {
                _ = observer.OnLeaving();
            }
        }

        _upstreams.Meter.ChannelDeactivated();
    }

    public Task<JackpotChannelInfo> GetInfo(ChannelName channel)
    {
        LearnChannel(channel);
        return Task.FromResult(new JackpotChannelInfo(
            _channel, _silo, _leases.Count, IsLive, _lastEventId, _position.Epoch, _position.Sequence, _status.State));
    }

    /// <summary>Takes the channel's raw name from a call, once its key is checked against this grain's own.</summary>
    /// <exception cref="ArgumentException">The name's key is not this grain's (a caller with another grain-key secret).</exception>
    private void LearnChannel(ChannelName channel)
    {
        if (channel.RawValue.Length == 0)
        {
            throw new ArgumentException("The channel is not set (default value).", nameof(channel));
        }

        if (_channel.RawValue.Length > 0)
        {
            if (_channel != channel)
            {
                throw new ArgumentException($"The channel's key is not the key of grain {this.GetPrimaryKeyString()}.", nameof(channel));
            }

            return;
        }

        if (!string.Equals(_keys.For(channel), this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The channel's key is not the key of grain {this.GetPrimaryKeyString()}: do all silos and clients share JackpotPush:Channels:GrainKeySecret?",
                nameof(channel));
        }

        _channel = channel;
        _channelText = channel.ToString();
    }

    private ChannelSubscribeResult BuildSubscribeResult(ChannelPosition? after, bool renewed)
    {
        if (after is not { } seen)
        {
            return new ChannelSubscribeResult(renewed, _position, [.. _latest.Values], [], false, StatusUpdate, _options.LeaseDuration, _silo);
        }

        if (seen.Epoch == _position.Epoch && !_position.IsAfter(seen))
        {
            // Nothing the subscriber lacks (after a failover it may even be ahead of the replay: it drops what comes twice).
            return new ChannelSubscribeResult(renewed, seen, [], [], false, StatusUpdate, _options.LeaseDuration, _silo);
        }

        if (seen.Epoch == _position.Epoch && !_recentBase.IsAfter(seen))
        {
            ChannelDelivery[] missed = [.. _recent.Where(d => d.Position.IsAfter(seen))];
            return new ChannelSubscribeResult(renewed, _position, [], missed, false, StatusUpdate, _options.LeaseDuration, _silo);
        }

        if (_logger.IsEnabled(LogLevel.Warning))
        {
            LogCatchUpGap(_logger, _channelText, seen.Sequence, _recentBase.Sequence);
        }

        return new ChannelSubscribeResult(renewed, _position, [.. _latest.Values], [], true, StatusUpdate, _options.LeaseDuration, _silo);
    }

    private async Task StartLifeAsync()
    {
        var checkpoint = _state.State;
        bool resume = checkpoint.Live && checkpoint.LastEventId.Length > 0;
        var connection = _upstreams.Client.CreateConnection(_channel, resume ? checkpoint.LastEventId : null);
        _latest.Clear();
        if (resume)
        {
            _position = new ChannelPosition(checkpoint.Epoch, checkpoint.Sequence);
            _lastEventId = checkpoint.LastEventId;
            foreach (var stored in checkpoint.LatestValues)
            {
                _latest.Remember(stored.ToEvent(_channel));
            }
        }
        else
        {
            _position = new ChannelPosition(checkpoint.Epoch + 1, 0);
            _lastEventId = string.Empty;
        }

        // A life that was in progress on a dead silo but cannot resume (no id yet) may have lost events.
        _reportGapOnOpen = checkpoint.Live && !resume;
        _recent.Clear();
        _recentBase = _position;
        await StartCheckpointsAsync().ConfigureAwait(true);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogLifeStarted(_logger, _channelText, _silo, resume, _position.Epoch, _position.Sequence);
        }

        // Connecting says how the stream will go on: resumed, a possible gap (a life that cannot resume), or a new life.
        _connectingContinuity = resume ? StreamContinuity.Resumed : _reportGapOnOpen ? StreamContinuity.GapPossible : StreamContinuity.Initial;
        SetStatus(new ChannelStatus(ChannelState.Connecting) { Continuity = _connectingContinuity });
        OpenUpstream(connection);
        _housekeeping = this.RegisterGrainTimer(
            static (grain, _) => grain.OnHousekeepingAsync(),
            this,
            new GrainTimerCreationOptions(HousekeepingPeriod, HousekeepingPeriod) { KeepAlive = true });
    }

    /// <summary>Ends the life: closes the upstream, forgets the subscribers and the values, and checkpoints a closed
    /// channel (the next life starts fresh, without <c>Last-Event-ID</c>).</summary>
    private async Task EndLifeAsync()
    {
        CloseUpstream();
        _upstreams.Meter.SubscribersChanged(-_leases.Count);
        _leases.Clear();
        _latest.Clear();
        _recent.Clear();
        _lastEventId = string.Empty;
        _housekeeping?.Dispose();
        _housekeeping = null;
        _lingerTimer?.Dispose();
        _lingerTimer = null;
        StopCheckpoints();
        await TryWriteCheckpointAsync(live: false).ConfigureAwait(true);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogLifeEnded(_logger, _channelText, _status.State);
        }

        SetStatus(new ChannelStatus(ChannelState.Closed));
        DeactivateOnIdle();
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Channel {Channel} started on {Silo} (resumed: {Resumed}, at {Epoch}:{Sequence})")]
    private static partial void LogLifeStarted(ILogger logger, string channel, string silo, bool resumed, long epoch, long sequence);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Channel {Channel} is leaving its silo while live ({Reason}); {Count} subscriber(s) told to re-subscribe")]
    private static partial void LogLeaving(ILogger logger, string channel, DeactivationReasonCode reason, int count);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Channel {Channel} closed ({State})")]
    private static partial void LogLifeEnded(ILogger logger, string channel, ChannelState state);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Channel {Channel}: a subscriber at {Seen} cannot be caught up (kept after {Base}); it gets the snapshot")]
    private static partial void LogCatchUpGap(ILogger logger, string channel, long seen, long @base);
}
