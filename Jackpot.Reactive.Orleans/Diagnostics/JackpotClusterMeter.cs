using System.Diagnostics.Metrics;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// The cluster's instruments on the <see cref="JackpotMetrics.MeterName"/> meter: what a silo holds (channel grains,
/// upstream connections, subscriber leases) and what a subscribing process sees (fan-out latency, duplicates dropped).
/// Names, units and attributes are in <c>docs/metrics.md</c>; no attribute names a channel or a player.
/// </summary>
internal sealed class JackpotClusterMeter
{
    internal const string ChannelsActiveName = "jackpot.cluster.channels.active";
    internal const string UpstreamActiveName = "jackpot.cluster.upstream.active";
    internal const string SubscribersName = "jackpot.cluster.subscribers";
    internal const string FanOutDurationName = "jackpot.cluster.fanout.duration";
    internal const string DuplicatesName = "jackpot.cluster.events.duplicate";

    private static readonly double[] FanOutBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly Lazy<JackpotClusterMeter> SharedInstance = new(() => new JackpotClusterMeter(new Meter(JackpotMetrics.MeterName)));

    private readonly UpDownCounter<long> _channels;
    private readonly UpDownCounter<long> _upstream;
    private readonly UpDownCounter<long> _subscribers;
    private readonly Histogram<double> _fanOut;
    private readonly Counter<long> _duplicates;

    private JackpotClusterMeter(Meter meter)
    {
        Meter = meter;
        _channels = meter.CreateUpDownCounter<long>(ChannelsActiveName, "{grain}", "Channel grains active on this silo.");
        _upstream = meter.CreateUpDownCounter<long>(UpstreamActiveName, "{connection}", "Upstream connections held by this silo's channel grains.");
        _subscribers = meter.CreateUpDownCounter<long>(SubscribersName, "{lease}", "Subscriber leases held by this silo's channel grains (one per subscribing process and channel).");
        _fanOut = meter.CreateHistogram(
            FanOutDurationName,
            "s",
            "From the grain receiving an event upstream to this process handing it to its subscribers (clocks of two machines when they differ).",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = FanOutBuckets });
        _duplicates = meter.CreateCounter<long>(DuplicatesName, "{event}", "Events a subscribing process dropped as already delivered (after a failover replay).");
    }

    /// <summary>Gets the meter the instruments belong to (for tests and diagnostics).</summary>
    internal Meter Meter { get; }

    public static JackpotClusterMeter Create(IMeterFactory? meterFactory) =>
        meterFactory is null ? SharedInstance.Value : new JackpotClusterMeter(meterFactory.Create(JackpotMetrics.MeterName));

    public void ChannelActivated() => _channels.Add(1);

    public void ChannelDeactivated() => _channels.Add(-1);

    public void UpstreamOpened(ChannelKind kind) => _upstream.Add(1, Kind(kind));

    public void UpstreamClosed(ChannelKind kind) => _upstream.Add(-1, Kind(kind));

    public void SubscribersChanged(int delta) => _subscribers.Add(delta);

    public void FanOut(TimeSpan latency, ChannelKind kind) => _fanOut.Record(latency <= TimeSpan.Zero ? 0 : latency.TotalSeconds, Kind(kind));

    public void Duplicate(ChannelKind kind) => _duplicates.Add(1, Kind(kind));

    private static KeyValuePair<string, object?> Kind(ChannelKind kind) =>
        new("jackpot.channel.kind", kind == ChannelKind.Player ? "player" : "broadcast");
}
