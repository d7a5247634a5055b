using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jackpot.Reactive.Orleans;

/// <summary>The channel sources of one process (a silo or a cluster client): one per channel, created on first use —
/// the core's hot source (<see cref="ChannelSource"/>) over the channel's grain subscription
/// (<see cref="ClusterChannelUpstream"/>) —, completed when the process's container is disposed.</summary>
internal sealed class JackpotChannelRegistry : IDisposable
{
    private readonly ConcurrentDictionary<ChannelName, ClusterChannel> _sources = new();
    private readonly IsolatingSubject<JackpotPushDiagnostic> _diagnostics;
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
        _diagnostics = new IsolatingSubject<JackpotPushDiagnostic>(fault => ClusterChannelLog.DiagnosticsSubscriberThrew(Logger, fault.Exception));

        // React when the cluster declares a silo dead: on a silo from its membership view, on a client by asking a silo.
        if (services.GetService(typeof(IClusterMembershipService)) is IClusterMembershipService membership)
        {
            _deathWatch = SiloDeathWatch.Start(membership, OnSiloDead, Logger);
        }
        else if (services.GetService(typeof(IClusterClient)) is IClusterClient client)
        {
            _deathWatch = SiloDeathWatch.StartPolling(client, () => _sources.Values.Any(s => s.Upstream.Session is not null), OnSiloDead, timeProvider, Logger);
        }
    }

    public JackpotClusterMeter Meter { get; }

    public ChannelGrainKeys Keys { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    /// <summary>Gets what this process's local subscribers met and got over: subscribers that threw.</summary>
    public IObservable<JackpotPushDiagnostic> Diagnostics => _diagnostics;

    public ChannelSource GetSource(ChannelName channel)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var source = _sources.GetOrAdd(channel, static (name, registry) => registry.CreateChannel(name), this).Source;
        if (Volatile.Read(ref _disposed) != 0)
        {
            source.Dispose();
            ObjectDisposedException.ThrowIf(true, this);
        }

        return source;
    }

    /// <summary>Reports a local subscriber of a channel's events or status that threw and was unsubscribed: in the log and
    /// on <see cref="Diagnostics"/>.</summary>
    public void ReportSubscriberFault(ChannelName channel, SubscriberFault fault, string stream)
    {
        ClusterChannelLog.SubscriberThrew(Logger, channel.ToString(), fault.Call, stream, fault.Exception);
        _diagnostics.OnNext(new JackpotPushDiagnostic(
            JackpotPushDiagnosticKind.SubscriberFault, channel, fault.Exception, PayloadPreview: string.Empty, LastEventId: string.Empty)
        {
            FaultedCall = $"{fault.Call} ({stream})",
        });
    }

    public ClusterChannelSession CreateSession(ClusterChannelUpstream source)
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
            source.Upstream.Session?.SiloDeclaredDead(silo);
        }
    }

    /// <summary>A gateway was lost: every subscription renews now, with a short timeout.</summary>
    public void ProbeAll()
    {
        foreach (var source in _sources.Values)
        {
            source.Upstream.Session?.Probe();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _deathWatch?.Dispose();

        foreach (var channel in _sources.Values)
        {
            channel.Source.Dispose();
        }

        _diagnostics.OnCompleted();
    }

    /// <summary>The core's hot source over the channel's grain subscription. The grain lingers for the cluster, so the
    /// source closes its life as soon as the last local subscriber leaves.</summary>
    private ClusterChannel CreateChannel(ChannelName channel)
    {
        var upstream = new ClusterChannelUpstream(this, channel);
        var source = new ChannelSource(
            channel, upstream, _scheduler, TimeSpan.Zero, (name, fault) => ReportSubscriberFault(name, fault, "events"), NoEventMetrics.Instance);
        return new ClusterChannel(source, upstream);
    }

    private sealed record ClusterChannel(ChannelSource Source, ClusterChannelUpstream Upstream);

    /// <summary>The cluster's own instruments (<see cref="JackpotClusterMeter"/>) count its deliveries; the core's
    /// per-event counters are the upstream silo's.</summary>
    private sealed class NoEventMetrics : IChannelEventMetrics
    {
        public static readonly NoEventMetrics Instance = new();

        public bool IsEventGapEnabled => false;

        public void EventReceived(string? reason, ChannelKind kind)
        {
        }

        public void EventGap(ChannelKind kind, TimeSpan interval)
        {
        }
    }
}
