using System.Diagnostics.Metrics;

namespace Jackpot.Reactive;

/// <summary>
/// The library's instruments on the <see cref="JackpotMetrics.MeterName"/> meter, behind one small method per thing that
/// happens. The connection and the client call these; names, units and attributes are documented in <c>docs/metrics.md</c>.
/// </summary>
/// <remarks>
/// Thread-safe. Durations are passed in (callers measure them with their <see cref="System.Reactive.Concurrency.IScheduler"/>'s
/// clock); nothing here reads a clock. Attribute values come from small fixed sets, so an instrument's cardinality is
/// bounded whatever the service sends: a reason this version does not know is recorded as <c>other</c>, and no
/// attribute ever names a channel or a player.
/// </remarks>
internal sealed class JackpotMetricsRecorder : IChannelEventMetrics
{
    internal const string EventsReceivedName = "jackpot.events.received";
    internal const string EventsMalformedName = "jackpot.events.malformed";
    internal const string EventsIntervalName = "jackpot.events.interval";
    internal const string SubscriberFaultsName = "jackpot.subscriber.faults";
    internal const string ConnectionReconnectsName = "jackpot.connection.reconnects";
    internal const string ConnectionActiveName = "jackpot.connection.active";
    internal const string ConnectionDurationName = "jackpot.connection.duration";

    internal const string ReasonAttribute = "jackpot.reason";
    internal const string ChannelKindAttribute = "jackpot.channel.kind";
    internal const string ReconnectCauseAttribute = "jackpot.reconnect.cause";

    /// <summary>The OpenTelemetry attribute of the HTTP version a connection runs over: <c>1.1</c> or <c>2</c>.</summary>
    internal const string ProtocolVersionAttribute = "network.protocol.version";

    internal const string OtherValue = "other";

    private static readonly double[] ConnectionDurationBuckets =
        [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 86400];

    private static readonly double[] EventIntervalBuckets =
        [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

    private static readonly string? MeterVersion = typeof(JackpotMetricsRecorder).Assembly.GetName().Version?.ToString();

    private static readonly Lazy<JackpotMetricsRecorder> SharedInstance =
        new(() => new JackpotMetricsRecorder(new Meter(JackpotMetrics.MeterName, MeterVersion)), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Counter<long> _eventsReceived;
    private readonly Counter<long> _eventsMalformed;
    private readonly Counter<long> _subscriberFaults;
    private readonly Histogram<double> _eventsInterval;
    private readonly Counter<long> _reconnects;
    private readonly UpDownCounter<long> _activeConnections;
    private readonly Histogram<double> _connectionDuration;

    private JackpotMetricsRecorder(Meter meter)
    {
        Meter = meter;
        _eventsReceived = meter.CreateCounter<long>(
            EventsReceivedName, "{event}", "Events received and decoded, by reason and channel kind.");
        _eventsMalformed = meter.CreateCounter<long>(
            EventsMalformedName, "{event}", "Events that could not be decoded and were skipped.");
        _subscriberFaults = meter.CreateCounter<long>(
            SubscriberFaultsName, "{subscriber}", "Subscribers that threw and were unsubscribed; the others went on.");
        _eventsInterval = meter.CreateHistogram(
            EventsIntervalName,
            "s",
            "Time between two consecutive events on one channel.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = EventIntervalBuckets });
        _reconnects = meter.CreateCounter<long>(
            ConnectionReconnectsName, "{reconnect}", "Connections reopened after a retried failure, by cause.");
        _activeConnections = meter.CreateUpDownCounter<long>(
            ConnectionActiveName, "{connection}", "Connections currently open (response accepted, events flowing).");
        _connectionDuration = meter.CreateHistogram(
            ConnectionDurationName,
            "s",
            "How long a connection stayed open, recorded when it closes.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = ConnectionDurationBuckets });
    }

    /// <summary>Gets the instance on the process-wide meter, for code that runs without dependency injection.</summary>
    public static JackpotMetricsRecorder Shared => SharedInstance.Value;

    /// <summary>Gets the meter the instruments belong to.</summary>
    internal Meter Meter { get; }

    /// <summary>Returns the instruments on a meter from <paramref name="meterFactory"/>, or <see cref="Shared"/> without one.</summary>
    /// <param name="meterFactory">The host's meter factory (it owns and disposes the meter), or null.</param>
    /// <returns>The instruments.</returns>
    public static JackpotMetricsRecorder Create(IMeterFactory? meterFactory) =>
        meterFactory is null
            ? Shared
            : new JackpotMetricsRecorder(meterFactory.Create(new MeterOptions(JackpotMetrics.MeterName) { Version = MeterVersion }));

    /// <summary>Counts one decoded event.</summary>
    /// <param name="reason">The event's <c>reason</c>; one this version does not know is recorded as <c>other</c>.</param>
    /// <param name="kind">The kind of channel it arrived on.</param>
    /// <remarks>Costs a field read when nobody listens to the instrument (the attributes are not built).</remarks>
    public void EventReceived(string? reason, ChannelKind kind)
    {
        if (_eventsReceived.Enabled)
        {
            _eventsReceived.Add(1, Reason(reason), Kind(kind));
        }
    }

    /// <summary>Gets a value indicating whether anybody listens to the time between events, so that a caller can skip
    /// reading its clock per event when nobody does.</summary>
    public bool IsEventGapEnabled => _eventsInterval.Enabled;

    /// <summary>Counts one event that could not be decoded.</summary>
    /// <param name="kind">The kind of channel it arrived on.</param>
    public void MalformedEvent(ChannelKind kind) => _eventsMalformed.Add(1, Kind(kind));

    /// <summary>Counts one subscriber (of events or status) that threw and was unsubscribed.</summary>
    /// <param name="kind">The kind of channel it subscribed to.</param>
    public void SubscriberFault(ChannelKind kind) => _subscriberFaults.Add(1, Kind(kind));

    /// <summary>Records the time since the previous event on the same channel.</summary>
    /// <param name="kind">The kind of channel.</param>
    /// <param name="interval">The time between the two events, by the scheduler's clock; a negative span counts as zero.</param>
    public void EventGap(ChannelKind kind, TimeSpan interval) =>
        _eventsInterval.Record(Seconds(interval), Kind(kind));

    /// <summary>Counts one reconnect, classifying the error that caused it (see <see cref="ReconnectCauses.Classify"/>).</summary>
    /// <param name="cause">The error; null for a clean end of stream.</param>
    /// <param name="kind">The kind of channel.</param>
    public void Reconnect(Exception? cause, ChannelKind kind) => Reconnect(ReconnectCauses.Classify(cause), kind);

    /// <summary>Counts one reconnect whose cause the caller already knows.</summary>
    /// <param name="cause">The cause.</param>
    /// <param name="kind">The kind of channel.</param>
    public void Reconnect(ReconnectCause cause, ChannelKind kind) =>
        _reconnects.Add(
            1,
            new KeyValuePair<string, object?>(ReconnectCauseAttribute, ReconnectCauses.ToAttributeValue(cause)),
            Kind(kind));

    /// <summary>Counts a connection as open; call once the response is accepted.</summary>
    /// <param name="kind">The kind of channel.</param>
    public void ConnectionOpened(ChannelKind kind) => ConnectionOpened(kind, httpVersion: null);

    /// <summary>Counts a connection as open over an HTTP version; call once the response is accepted.</summary>
    /// <param name="kind">The kind of channel.</param>
    /// <param name="httpVersion">The response's HTTP version, recorded as <c>network.protocol.version</c>; null when
    /// the transport does not say (the attribute is left out).</param>
    public void ConnectionOpened(ChannelKind kind, Version? httpVersion)
    {
        if (ProtocolVersion(httpVersion) is { } version)
        {
            _activeConnections.Add(1, Kind(kind), version);
        }
        else
        {
            _activeConnections.Add(1, Kind(kind));
        }
    }

    /// <summary>Counts an open connection as closed and records how long it was open.</summary>
    /// <param name="kind">The kind of channel.</param>
    /// <param name="uptime">The time since <see cref="ConnectionOpened(ChannelKind)"/>, by the scheduler's clock; a negative span counts as zero.</param>
    /// <remarks>Call exactly once for each <see cref="ConnectionOpened(ChannelKind)"/>, whether the connection failed or was disposed.</remarks>
    public void ConnectionClosed(ChannelKind kind, TimeSpan uptime) => ConnectionClosed(kind, uptime, httpVersion: null);

    /// <summary>Counts an open connection as closed and records how long it was open, with the version it was opened with.</summary>
    /// <param name="kind">The kind of channel.</param>
    /// <param name="uptime">The time since it opened, by the scheduler's clock; a negative span counts as zero.</param>
    /// <param name="httpVersion">The version given to <see cref="ConnectionOpened(ChannelKind, Version)"/>.</param>
    public void ConnectionClosed(ChannelKind kind, TimeSpan uptime, Version? httpVersion)
    {
        var kindTag = Kind(kind);
        if (ProtocolVersion(httpVersion) is { } version)
        {
            _activeConnections.Add(-1, kindTag, version);
            _connectionDuration.Record(Seconds(uptime), kindTag, version);
        }
        else
        {
            _activeConnections.Add(-1, kindTag);
            _connectionDuration.Record(Seconds(uptime), kindTag);
        }
    }

    /// <summary>Gets the <c>network.protocol.version</c> value of an HTTP version: <c>1.0</c>, <c>1.1</c>, <c>2</c>, <c>3</c>.</summary>
    /// <param name="httpVersion">The version, or null.</param>
    /// <returns>The attribute value, or null for no version.</returns>
    internal static string? ProtocolVersionValue(Version? httpVersion) => httpVersion switch
    {
        null => null,
        { Major: 1, Minor: 0 } => "1.0",
        { Major: 1 } => "1.1",
        { Major: 2 } => "2",
        { Major: 3 } => "3",
        _ => OtherValue,
    };

    /// <summary>Gets the attribute value of a reason: the known reasons as they are, anything else <c>other</c>.</summary>
    /// <param name="reason">The reason as sent.</param>
    /// <returns>A value from a fixed set.</returns>
    internal static string ReasonValue(string? reason) => reason switch
    {
        JackpotReasons.Value => JackpotReasons.Value,
        JackpotReasons.WonByOther => JackpotReasons.WonByOther,
        JackpotReasons.Won => JackpotReasons.Won,
        _ => OtherValue,
    };

    /// <summary>Gets the attribute value of a channel kind: <c>broadcast</c> or <c>player</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>A value from a fixed set; <c>other</c> for a value outside the enum.</returns>
    internal static string KindValue(ChannelKind kind) => kind switch
    {
        ChannelKind.Broadcast => "broadcast",
        ChannelKind.Player => "player",
        _ => OtherValue,
    };

    private static KeyValuePair<string, object?> Reason(string? reason) => new(ReasonAttribute, ReasonValue(reason));

    private static KeyValuePair<string, object?> Kind(ChannelKind kind) => new(ChannelKindAttribute, KindValue(kind));

    private static KeyValuePair<string, object?>? ProtocolVersion(Version? httpVersion) =>
        ProtocolVersionValue(httpVersion) is { } value ? new(ProtocolVersionAttribute, value) : null;

    private static double Seconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : span.TotalSeconds;
}
