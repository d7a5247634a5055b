using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Jackpot.Reactive.Tests.Packaging;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Diagnostics;

public sealed class JackpotMetricsRecorderTests : IDisposable
{
    private readonly RecordingMeterFactory _factory = new();
    private readonly JackpotMetricsRecorder _metrics;
    private readonly MeasurementRecorder _recorder;

    public JackpotMetricsRecorderTests()
    {
        _metrics = JackpotMetricsRecorder.Create(_factory);
        _recorder = new MeasurementRecorder(_metrics.Meter);
    }

    public static TheoryData<string, string, string> Instruments => new()
    {
        { "jackpot.events.received", "Counter`1", "{event}" },
        { "jackpot.events.malformed", "Counter`1", "{event}" },
        { "jackpot.subscriber.faults", "Counter`1", "{subscriber}" },
        { "jackpot.events.interval", "Histogram`1", "s" },
        { "jackpot.connection.reconnects", "Counter`1", "{reconnect}" },
        { "jackpot.connection.active", "UpDownCounter`1", "{connection}" },
        { "jackpot.connection.duration", "Histogram`1", "s" },
    };

    public static TheoryData<Exception?, string> ReconnectErrors => new()
    {
        { null, "end_of_stream" },
        { new EndOfStreamException(), "end_of_stream" },
        { new SseStreamEndedException(), "end_of_stream" },
        { new SseIdleTimeoutException(), "idle_timeout" },
        { new SseEventTooLargeException(1024), "too_large" },
        { new SseCorsException(["Authorization"], new HttpRequestException("TypeError: Failed to fetch")), "cors" },
        { new HttpRequestException("connection reset"), "network" },
        { new IOException("broken pipe"), "network" },
        { new SocketException((int)SocketError.ConnectionRefused), "network" },
        { new TimeoutException(), "idle_timeout" },
        { Http(HttpStatusCode.InternalServerError), "http_5xx" },
        { Http(HttpStatusCode.ServiceUnavailable), "http_5xx" },
        { Http((HttpStatusCode)599), "http_5xx" },
        { Http(HttpStatusCode.RequestTimeout), "http_408" },
        { Http(HttpStatusCode.TooManyRequests), "http_429" },
        { Http(HttpStatusCode.NotFound), "other" },
        { new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway), "http_5xx" },
        { new InvalidOperationException(), "other" },
    };

    public void Dispose()
    {
        _recorder.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public void Create_WithFactory_CreatesTheJackpotReactiveMeterThroughIt()
    {
        _factory.Meters.Should().ContainSingle().Which.Should().BeSameAs(_metrics.Meter);
        _metrics.Meter.Name.Should().Be(JackpotMetrics.MeterName).And.Be("Jackpot.Reactive");
        _metrics.Meter.Version.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Create_WithoutFactory_ReturnsTheSharedInstance()
    {
        JackpotMetricsRecorder.Create(null).Should().BeSameAs(JackpotMetricsRecorder.Shared);
        JackpotMetricsRecorder.Shared.Meter.Name.Should().Be(JackpotMetrics.MeterName);
        JackpotMetricsRecorder.Shared.Should().NotBeSameAs(_metrics);
    }

    [Fact]
    public void Shared_RecordsThroughTheSharedMeter()
    {
        using var recorder = new MeasurementRecorder(JackpotMetricsRecorder.Shared.Meter);

        JackpotMetricsRecorder.Shared.MalformedEvent(ChannelKind.Player);

        recorder.Of("jackpot.events.malformed").Should().Contain(measurement => measurement.Value == 1);
    }

    [Theory]
    [MemberData(nameof(Instruments))]
    public void Create_PublishesInstrument_WithOpenTelemetryNameAndUnit(string name, string type, string unit)
    {
        _recorder.Instruments.Should().ContainKey(name);
        var instrument = _recorder.Instruments[name];
        instrument.GetType().Name.Should().Be(type);
        instrument.Unit.Should().Be(unit);
        instrument.Description.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Create_PublishesExactlyTheDocumentedInstruments()
    {
        _recorder.Instruments.Keys.Should().BeEquivalentTo(Instruments.Select(row => (string)row.Data.Item1));
    }

    [Fact]
    public void MetricsDoc_TableListsEveryInstrumentWithItsTypeAndUnit()
    {
        // The core's table: the cluster instruments of Jackpot.Reactive.Orleans come in their own section, after it.
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "metrics.md")).Split("\n## ")[0];
        var rows = Regex.Matches(doc, @"^\| `(?<name>jackpot\.[a-z._]+)` \| (?<type>\w+) \| `(?<unit>[^`]+)` \|", RegexOptions.Multiline)
            .Select(match => (match.Groups["name"].Value, match.Groups["type"].Value, match.Groups["unit"].Value));

        var published = _recorder.Instruments.Values
            .Select(instrument => (instrument.Name, instrument.GetType().Name.Split('`')[0], instrument.Unit!));
        rows.Should().BeEquivalentTo(published);
    }

    [Theory]
    [InlineData("jackpot.events.interval")]
    [InlineData("jackpot.connection.duration")]
    public void Histograms_AdviseSecondScaleBuckets(string name)
    {
        var histogram = (Histogram<double>)_recorder.Instruments[name];

        var buckets = histogram.Advice!.HistogramBucketBoundaries;
        buckets.Should().NotBeNull().And.BeInAscendingOrder().And.Contain(1.0).And.OnlyContain(bound => bound > 0);
    }

    [Theory]
    [InlineData(JackpotReasons.Value, ChannelKind.Broadcast, "broadcast")]
    [InlineData(JackpotReasons.WonByOther, ChannelKind.Broadcast, "broadcast")]
    [InlineData(JackpotReasons.Won, ChannelKind.Player, "player")]
    public void EventReceived_KnownReason_CountsItByReasonAndKind(string reason, ChannelKind kind, string kindValue)
    {
        _metrics.EventReceived(reason, kind);

        var measurement = _recorder.Of("jackpot.events.received").Should().ContainSingle().Subject;
        measurement.Value.Should().Be(1);
        measurement.Tags.Should().Equal(new Dictionary<string, object?>
        {
            ["jackpot.reason"] = reason,
            ["jackpot.channel.kind"] = kindValue,
        });
    }

    [Theory]
    [InlineData("jackpot_bonus")]
    [InlineData("JACKPOT_VALUE")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("jackpot_value\n; DROP TABLE reasons")]
    public void EventReceived_UnknownReason_CountsItAsOther(string? reason)
    {
        _metrics.EventReceived(reason, ChannelKind.Broadcast);

        _recorder.Of("jackpot.events.received").Should().ContainSingle()
            .Which.Tags["jackpot.reason"].Should().Be("other");
    }

    [Fact]
    public void EventReceived_ManyDistinctUnknownReasons_StayOneAttributeValue()
    {
        for (var i = 0; i < 100; i++)
        {
            _metrics.EventReceived($"reason_{i}", ChannelKind.Player);
        }

        _recorder.Of("jackpot.events.received").Select(measurement => measurement.Tags["jackpot.reason"])
            .Distinct().Should().Equal("other");
    }

    [Fact]
    public void EventReceived_UndefinedChannelKind_RecordsOther()
    {
        _metrics.EventReceived(JackpotReasons.Value, (ChannelKind)42);

        _recorder.Of("jackpot.events.received").Should().ContainSingle()
            .Which.Tags["jackpot.channel.kind"].Should().Be("other");
    }

    [Fact]
    public void MalformedEvent_CountsItByKind()
    {
        _metrics.MalformedEvent(ChannelKind.Broadcast);
        _metrics.MalformedEvent(ChannelKind.Player);

        _recorder.Of("jackpot.events.malformed").Select(measurement => (measurement.Value, measurement.Tags["jackpot.channel.kind"]))
            .Should().Equal((1d, "broadcast"), (1d, "player"));
    }

    [Theory]
    [MemberData(nameof(ReconnectErrors))]
    public void Reconnect_Error_CountsItUnderItsCause(Exception? error, string cause)
    {
        _metrics.Reconnect(error, ChannelKind.Broadcast);

        var measurement = _recorder.Of("jackpot.connection.reconnects").Should().ContainSingle().Subject;
        measurement.Value.Should().Be(1);
        measurement.Tags.Should().Equal(new Dictionary<string, object?>
        {
            ["jackpot.reconnect.cause"] = cause,
            ["jackpot.channel.kind"] = "broadcast",
        });
    }

    [Theory]
    [InlineData(ReconnectCause.Network, "network")]
    [InlineData(ReconnectCause.EndOfStream, "end_of_stream")]
    [InlineData(ReconnectCause.IdleTimeout, "idle_timeout")]
    [InlineData(ReconnectCause.Http5xx, "http_5xx")]
    [InlineData(ReconnectCause.Http408, "http_408")]
    [InlineData(ReconnectCause.Http429, "http_429")]
    [InlineData(ReconnectCause.TooLarge, "too_large")]
    [InlineData(ReconnectCause.Cors, "cors")]
    [InlineData(ReconnectCause.Other, "other")]
    [InlineData((ReconnectCause)99, "other")]
    internal void Reconnect_KnownCause_CountsItUnderItsName(ReconnectCause cause, string name)
    {
        _metrics.Reconnect(cause, ChannelKind.Player);

        _recorder.Of("jackpot.connection.reconnects").Should().ContainSingle()
            .Which.Tags["jackpot.reconnect.cause"].Should().Be(name);
    }

    [Fact]
    public void ConnectionOpenedAndClosed_TracksActiveConnectionsAndRecordsUptimeInSeconds()
    {
        // Callers measure uptime with their scheduler's clock; a virtual one stands in here.
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(TimeSpan.FromSeconds(10).Ticks);
        var openedAt = scheduler.Now;
        _metrics.ConnectionOpened(ChannelKind.Broadcast);
        _metrics.ConnectionOpened(ChannelKind.Player);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(90.5).Ticks);

        _metrics.ConnectionClosed(ChannelKind.Broadcast, scheduler.Now - openedAt);

        _recorder.Of("jackpot.connection.active").Select(measurement => (measurement.Value, measurement.Tags["jackpot.channel.kind"]))
            .Should().Equal((1d, "broadcast"), (1d, "player"), (-1d, "broadcast"));
        var uptime = _recorder.Of("jackpot.connection.duration").Should().ContainSingle().Subject;
        uptime.Value.Should().Be(90.5);
        uptime.Tags.Should().Equal(new Dictionary<string, object?> { ["jackpot.channel.kind"] = "broadcast" });
    }

    [Fact]
    public void ConnectionClosed_NegativeUptime_RecordsZero()
    {
        _metrics.ConnectionClosed(ChannelKind.Player, TimeSpan.FromSeconds(-3));

        _recorder.Of("jackpot.connection.duration").Should().ContainSingle().Which.Value.Should().Be(0);
    }

    [Fact]
    public void EventGap_RecordsSecondsByKind()
    {
        _metrics.EventGap(ChannelKind.Broadcast, TimeSpan.FromMilliseconds(2500));
        _metrics.EventGap(ChannelKind.Player, TimeSpan.FromMinutes(-1));

        _recorder.Of("jackpot.events.interval").Select(measurement => (measurement.Value, measurement.Tags["jackpot.channel.kind"]))
            .Should().Equal((2.5d, "broadcast"), (0d, "player"));
    }

    [Fact]
    public void Measurements_NeverCarryChannelNamesOrPlayerIds()
    {
        var channel = ChannelName.Player(new WorkspaceId("workspace"), new PlayerId("secret@example.com"));
        _metrics.EventReceived(channel.RawValue, channel.Kind);
        _metrics.MalformedEvent(channel.Kind);
        _metrics.Reconnect(new HttpRequestException($"failed for {channel.RawValue}"), channel.Kind);
        _metrics.ConnectionOpened(channel.Kind);
        _metrics.ConnectionClosed(channel.Kind, TimeSpan.FromSeconds(1));
        _metrics.EventGap(channel.Kind, TimeSpan.FromSeconds(1));

        var allowedKeys = new[] { "jackpot.reason", "jackpot.channel.kind", "jackpot.reconnect.cause" };
        _recorder.Measurements.Should().HaveCount(7);
        _recorder.Measurements.SelectMany(measurement => measurement.Tags)
            .Should().OnlyContain(tag => allowedKeys.Contains(tag.Key) && !((string)tag.Value!).Contains("secret"));
    }

    private static SseHttpException Http(HttpStatusCode status) =>
        new(status, "text/plain", new Dictionary<string, IReadOnlyList<string>>(), retryAfter: null);
}
