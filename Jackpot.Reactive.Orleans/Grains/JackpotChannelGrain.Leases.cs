using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// The channel grain's subscribers: one lease per subscribing process (its grain observer), kept by Orleans'
/// <see cref="ObserverManager{TIdentity, TObserver}"/> on the grain clock, renewed by each <c>Subscribe</c>, ended by
/// <c>Unsubscribe</c> or by expiring (housekeeping); the last one gone starts the linger, then the life ends.
/// </summary>
internal sealed partial class JackpotChannelGrain
{
    private readonly ObserverManager<IJackpotChannelObserver, IJackpotChannelObserver> _leases;
    private IGrainTimer? _lingerTimer;

    /// <summary>The leases, on the grain clock. A lease taken at <c>t</c> is over at <c>t + LeaseDuration</c> exactly: the
    /// manager drops an entry once its last renewal plus its expiration is strictly before now, hence one tick less.</summary>
    private ObserverManager<IJackpotChannelObserver, IJackpotChannelObserver> CreateLeases()
    {
        var time = _upstreams.TimeProvider;
        return new ObserverManager<IJackpotChannelObserver, IJackpotChannelObserver>(_options.LeaseDuration - TimeSpan.FromTicks(1), _logger)
        {
            GetDateTime = () => time.GetUtcNow().UtcDateTime,
        };
    }

    public async Task<ChannelSubscribeResult> Subscribe(ChannelName channel, IJackpotChannelObserver observer, ChannelPosition? after)
    {
        ArgumentNullException.ThrowIfNull(observer);
        LearnChannel(channel);
        if (_leases.Observers.ContainsKey(observer))
        {
            _leases.Subscribe(observer, observer);

            // A subscriber that has not had an answer yet (its first call timed out) gets the snapshot again.
            return BuildSubscribeResult(after, renewed: after is not null);
        }

        if (!IsLive)
        {
            await StartLifeAsync().ConfigureAwait(true);
        }

        _leases.Subscribe(observer, observer);
        _upstreams.Meter.SubscribersChanged(1);
        _lingerTimer?.Dispose();
        _lingerTimer = null;
        return BuildSubscribeResult(after, renewed: false);
    }

    public Task Unsubscribe(IJackpotChannelObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (_leases.Observers.ContainsKey(observer))
        {
            _leases.Unsubscribe(observer);
            _upstreams.Meter.SubscribersChanged(-1);
            return OnSubscribersChangedAsync();
        }

        return Task.CompletedTask;
    }

    private TimeSpan HousekeepingPeriod =>
        TimeSpan.FromTicks(Math.Min(_options.CheckpointInterval.Ticks, Math.Max(_options.LeaseDuration.Ticks / 4, TimeSpan.TicksPerMillisecond)));

    private async Task OnHousekeepingAsync()
    {
        int before = _leases.Count;
        _leases.ClearExpired();
        int expired = before - _leases.Count;

        if (expired > 0)
        {
            _upstreams.Meter.SubscribersChanged(-expired);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                LogLeasesExpired(_logger, _channelText, expired);
            }

            await OnSubscribersChangedAsync().ConfigureAwait(true);
        }

        await CheckpointOnHousekeepingAsync().ConfigureAwait(true);
    }

    private Task OnSubscribersChangedAsync()
    {
        if (_leases.Count > 0 || !IsLive || _lingerTimer is not null)
        {
            return Task.CompletedTask;
        }

        if (_upstreams.Linger <= TimeSpan.Zero)
        {
            return EndLifeAsync();
        }

        _lingerTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.OnLingerElapsedAsync(),
            this,
            new GrainTimerCreationOptions(_upstreams.Linger, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        return Task.CompletedTask;
    }

    private Task OnLingerElapsedAsync()
    {
        _lingerTimer?.Dispose();
        _lingerTimer = null;
        return _leases.Count == 0 && IsLive ? EndLifeAsync() : Task.CompletedTask;
    }

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Channel {Channel}: {Count} subscriber lease(s) expired")]
    private static partial void LogLeasesExpired(ILogger logger, string channel, int count);
}
