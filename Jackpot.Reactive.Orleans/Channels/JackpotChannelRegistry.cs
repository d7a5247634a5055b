using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jackpot.Reactive.Orleans;

/// <summary>The channel sources of one process (a silo or a cluster client): one per channel, created on first use,
/// completed when the process's container is disposed.</summary>
internal sealed class JackpotChannelRegistry : IDisposable
{
    private readonly ConcurrentDictionary<ChannelName, ClusterChannelSource> _sources = new();
    private readonly IServiceProvider _services;
    private readonly JackpotChannelOptions _options;
    private readonly IScheduler _scheduler;
    private readonly SiloDeathWatch? _deathWatch;
    private int _disposed;

    public JackpotChannelRegistry(
        IServiceProvider services,
        IOptions<JackpotChannelOptions> options,
        JackpotClusterMeter meter,
        ChannelGrainKeys keys,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        IScheduler? scheduler = null)
    {
        _services = services;
        _options = options.Value;
        Meter = meter;
        Keys = keys;
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger("Jackpot.Reactive.Orleans.JackpotClusterChannels");
        _scheduler = scheduler ?? DefaultScheduler.Instance;

        // React when the cluster declares a silo dead: on a silo from its membership view, on a client by asking a silo.
        if (services.GetService(typeof(IClusterMembershipService)) is IClusterMembershipService membership)
        {
            _deathWatch = SiloDeathWatch.Start(membership, OnSiloDead, Logger);
        }
        else if (services.GetService(typeof(IClusterClient)) is IClusterClient client)
        {
            _deathWatch = SiloDeathWatch.StartPolling(client, () => _sources.Values.Any(s => s.Session is not null), OnSiloDead, timeProvider, Logger);
        }
    }

    public JackpotClusterMeter Meter { get; }

    public ChannelGrainKeys Keys { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public ClusterChannelSource GetSource(ChannelName channel)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var source = _sources.GetOrAdd(channel, static (name, registry) => new ClusterChannelSource(registry, name), this);
        if (Volatile.Read(ref _disposed) != 0)
        {
            source.Dispose();
            ObjectDisposedException.ThrowIf(true, this);
        }

        return source;
    }

    public ClusterChannelSession CreateSession(ClusterChannelSource source)
    {
        // Resolved late: on a silo the grain factory is only usable once the silo runs.
        var grainFactory = (IGrainFactory)_services.GetService(typeof(IGrainFactory))!;
        return new ClusterChannelSession(
            source, grainFactory, _options.RenewInterval, _options.LeaseDuration / 2, _scheduler, Logger);
    }

    /// <summary>The silo was declared dead: the subscriptions whose grain it held re-subscribe at once.</summary>
    public void OnSiloDead(string silo)
    {
        foreach (var source in _sources.Values)
        {
            source.Session?.SiloDeclaredDead(silo);
        }
    }

    /// <summary>A gateway was lost: every subscription renews now, with a short timeout.</summary>
    public void ProbeAll()
    {
        foreach (var source in _sources.Values)
        {
            source.Session?.Probe();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _deathWatch?.Dispose();

        foreach (var source in _sources.Values)
        {
            source.Dispose();
        }
    }
}
