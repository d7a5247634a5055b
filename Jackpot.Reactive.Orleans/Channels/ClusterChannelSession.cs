using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// One process's subscription to a channel grain: the grain observer (held strongly here, as Orleans holds it weakly)
/// and the lease renewal. A renewal is also how the process finds a grain re-activated elsewhere after its silo died: the
/// new activation does not know the observer, so the renewal subscribes again from the last position seen.
/// </summary>
internal sealed class ClusterChannelSession : IJackpotChannelObserver, IDisposable
{
    private readonly ClusterChannelSource _source;
    private readonly IJackpotChannelGrain _grain;
    private readonly IGrainFactory _grainFactory;
    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly IJackpotChannelObserver _reference;
    private readonly SerialDisposable _timer = new();
    private readonly TimeSpan _callTimeout;
    private TimeSpan _interval;
    private int _failures;
    private int _stopped;

    public ClusterChannelSession(
        ClusterChannelSource source,
        IGrainFactory grainFactory,
        TimeSpan renewInterval,
        TimeSpan callTimeout,
        IScheduler scheduler,
        ILogger logger)
    {
        _callTimeout = callTimeout;
        _source = source;
        _grainFactory = grainFactory;
        _grain = grainFactory.GetGrain<IJackpotChannelGrain>(source.GrainKey);
        _interval = renewInterval;
        _scheduler = scheduler;
        _logger = logger;
        _reference = grainFactory.CreateObjectReference<IJackpotChannelObserver>(this);
    }

    private bool IsStopped => Volatile.Read(ref _stopped) != 0;

    public void Start() => _ = RenewAsync();

    public Task OnEvent(ChannelDelivery delivery)
    {
        _source.OnDelivery(this, delivery);
        return Task.CompletedTask;
    }

    public Task OnStatus(ChannelStatusUpdate update)
    {
        _source.OnGrainStatus(this, update);
        return Task.CompletedTask;
    }

    /// <summary>Stops renewing; with <paramref name="unsubscribe"/>, ends the lease at the grain now (else it expires).</summary>
    public void Stop(bool unsubscribe)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _timer.Dispose();
        if (unsubscribe)
        {
            _ = UnsubscribeAsync();
        }
        else
        {
            _grainFactory.DeleteObjectReference<IJackpotChannelObserver>(_reference);
        }
    }

    public void Dispose() => Stop(unsubscribe: true);

    private async Task UnsubscribeAsync()
    {
        try
        {
            await _grain.Unsubscribe(_reference).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The lease expires on its own.
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                ClusterChannelLog.UnsubscribeFailed(_logger, _source.ChannelText, error);
            }
        }
        finally
        {
            _grainFactory.DeleteObjectReference<IJackpotChannelObserver>(_reference);
        }
    }

    private async Task RenewAsync()
    {
        if (IsStopped)
        {
            return;
        }

        try
        {
            // A call to a silo that just died may hang until Orleans' response timeout: give up after half a lease.
            var result = await Observable.FromAsync(() => _grain.Subscribe(_source.Channel, _reference, _source.PositionFor(this)))
                .Timeout(_callTimeout, _scheduler)
                .FirstAsync();
            _failures = 0;
            _interval = Min(_interval, result.LeaseDuration / 2);
            _source.OnSubscribed(this, result);
        }
        catch (ArgumentException error)
        {
            // The cluster cannot serve this channel (for example another workspace than the silos'): terminal.
            _source.OnSessionFailed(this, error);
            return;
        }
        catch (Exception error) when (error is not OutOfMemoryException && !IsStopped)
        {
            _failures++;
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                ClusterChannelLog.RenewFailed(_logger, _source.ChannelText, _failures, error);
            }
            _source.OnRenewFailed(this, _failures, _interval, error);
        }

        if (!IsStopped)
        {
            _timer.Disposable = _scheduler.Schedule(this, _interval, static (IScheduler scheduler, ClusterChannelSession session) =>
            {
                _ = session.RenewAsync();
                return Disposable.Empty;
            });
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b || b <= TimeSpan.Zero ? a : b;
}
