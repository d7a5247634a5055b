using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// One process's subscription to a channel grain: the grain observer (held strongly here, as Orleans holds it weakly)
/// and the lease renewal. A renewal is also how the process reaches a grain re-activated elsewhere after its silo died:
/// the new activation does not know the observer, so the renewal subscribes again from the last position seen.
/// </summary>
/// <remarks>
/// Failover does not wait for the next periodic renewal: when the silo holding the grain is declared dead
/// (<see cref="SiloDeclaredDead"/>), when the activation says it is leaving (<see cref="OnLeaving"/>), or when the
/// process loses a gateway (<see cref="Probe"/>), the session re-subscribes at once; a call that fails is retried after
/// a short back-off (<see cref="RenewBackoff"/>), not a full interval. A call still waiting on the dead silo is abandoned
/// (its late answer is ignored): one generation of call at a time counts.
/// </remarks>
internal sealed class ClusterChannelSession : IJackpotChannelObserver, IDisposable
{
    private readonly Lock _gate = new();
    private readonly ClusterChannelUpstream _source;
    private readonly IJackpotChannelGrain _grain;
    private readonly IGrainFactory _grainFactory;
    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly IJackpotChannelObserver _reference;
    private readonly SerialDisposable _timer = new();
    private readonly TimeSpan _callTimeout;
    private TimeSpan _interval;
    private int _failures;
    private long _generation;
    private string? _holder;
    private int _stopped;

    public ClusterChannelSession(
        ClusterChannelUpstream source,
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

    /// <summary>Gets the address of the silo whose activation answered last, or null before the first answer.</summary>
    public string? Holder
    {
        get
        {
            lock (_gate)
            {
                return _holder;
            }
        }
    }

    private bool IsStopped => Volatile.Read(ref _stopped) != 0;

    public void Start() => RenewNow();

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

    public Task OnLeaving()
    {
        Interrupt(new ChannelMovedException("The channel's grain is leaving its silo (shut down or moved by Orleans); re-subscribing."));
        return Task.CompletedTask;
    }

    /// <summary>The silo holding the grain was declared dead: shows <see cref="ChannelState.Reconnecting"/> with the cause
    /// and re-subscribes at once (abandoning a call still waiting on that silo).</summary>
    public void SiloDeclaredDead(string silo)
    {
        if (string.Equals(Holder, silo, StringComparison.Ordinal))
        {
            Interrupt(new ChannelMovedException($"The silo holding the channel's grain ({silo}) was declared dead; re-subscribing."));
        }
    }

    /// <summary>Renews now, quietly and with a short timeout (the process lost a gateway: is the grain's silo gone?). A
    /// renewal that fails shows <see cref="ChannelState.Reconnecting"/> and is retried after a short back-off.</summary>
    public void Probe()
    {
        if (Holder is not null)
        {
            RenewNow(quick: true);
        }
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

    private void Interrupt(Exception cause)
    {
        if (IsStopped)
        {
            return;
        }

        int attempt;
        lock (_gate)
        {
            attempt = _failures + 1;
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            ClusterChannelLog.Interrupted(_logger, _source.ChannelText, cause.Message);
        }

        _source.OnRenewFailed(this, attempt, TimeSpan.Zero, cause);
        RenewNow(quick: true);
    }

    /// <summary>Starts a renewal now; any call still under way is abandoned.</summary>
    private void RenewNow(bool quick = false)
    {
        long generation;
        lock (_gate)
        {
            generation = ++_generation;
        }

        _timer.Disposable = null;
        _ = RenewAsync(generation, quick);
    }

    private async Task RenewAsync(long generation, bool quick)
    {
        if (IsStopped)
        {
            return;
        }

        TimeSpan next;
        try
        {
            // A call to a silo that just died may hang until Orleans' response timeout: give up after half a lease, or
            // sooner when the silo is suspected.
            var timeout = quick ? RenewBackoff.QuickCallTimeout(_callTimeout) : _callTimeout;
            var result = await Observable.FromAsync(() => _grain.Subscribe(_source.Channel, _reference, _source.PositionFor(this)))
                .Timeout(timeout, _scheduler)
                .FirstAsync();
            lock (_gate)
            {
                if (generation != _generation)
                {
                    return;
                }

                _failures = 0;
                _holder = result.Silo;
                _interval = Min(_interval, result.LeaseDuration / 2);
                next = _interval;
            }

            _source.OnSubscribed(this, result);
        }
        catch (ArgumentException error)
        {
            // The cluster cannot serve this channel (another workspace than the silos', another grain-key secret): terminal.
            _source.OnSessionFailed(this, error);
            return;
        }
        catch (Exception error) when (error is not OutOfMemoryException && !IsStopped)
        {
            int failures;
            lock (_gate)
            {
                if (generation != _generation)
                {
                    return;
                }

                failures = ++_failures;
                next = RenewBackoff.Delay(failures, _interval);
            }

            if (_logger.IsEnabled(LogLevel.Warning))
            {
                ClusterChannelLog.RenewFailed(_logger, _source.ChannelText, failures, error);
            }

            _source.OnRenewFailed(this, failures, next, error);
        }

        if (!IsStopped)
        {
            _timer.Disposable = _scheduler.Schedule((Session: this, Generation: generation), next, static (IScheduler scheduler, (ClusterChannelSession Session, long Generation) state) =>
            {
                var (session, generation) = state;
                lock (session._gate)
                {
                    if (generation != session._generation)
                    {
                        return Disposable.Empty;
                    }

                    generation = ++session._generation;
                }

                bool quick = Volatile.Read(ref session._failures) > 0;
                _ = session.RenewAsync(generation, quick);
                return Disposable.Empty;
            });
        }
    }

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

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b || b <= TimeSpan.Zero ? a : b;
}
