using System.Diagnostics.Metrics;

namespace Jackpot.Reactive.Orleans.Tests.Diagnostics;

/// <summary>The cluster instruments, one by one: names, kinds, units, attributes and the values they report.</summary>
public sealed class JackpotClusterMeterTests : IDisposable
{
    private readonly RecordingMeterFactory _factory = new();
    private readonly JackpotClusterMeter _meter;
    private readonly MeasurementRecorder _recorder;

    public JackpotClusterMeterTests()
    {
        _meter = JackpotClusterMeter.Create(_factory);
        _recorder = new MeasurementRecorder(_meter.Meter);
    }

    public static TheoryData<string, string, string> Instruments => new()
    {
        { "jackpot.cluster.channels.active", "UpDownCounter`1", "{grain}" },
        { "jackpot.cluster.upstream.active", "UpDownCounter`1", "{connection}" },
        { "jackpot.cluster.subscribers", "UpDownCounter`1", "{lease}" },
        { "jackpot.cluster.fanout.duration", "Histogram`1", "s" },
        { "jackpot.cluster.events.duplicate", "Counter`1", "{event}" },
    };

    public void Dispose()
    {
        _recorder.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public void Create_WithFactory_CreatesTheJackpotReactiveMeterThroughIt()
    {
        _factory.Meters.Should().ContainSingle().Which.Should().BeSameAs(_meter.Meter);
        _meter.Meter.Name.Should().Be(JackpotMetrics.MeterName);
    }

    [Fact]
    public void Create_WithoutFactory_ReturnsOneSharedInstance()
    {
        var shared = JackpotClusterMeter.Create(null);

        JackpotClusterMeter.Create(null).Should().BeSameAs(shared);
        shared.Should().NotBeSameAs(_meter);
        shared.Meter.Name.Should().Be(JackpotMetrics.MeterName);
    }

    [Theory]
    [MemberData(nameof(Instruments))]
    public void Instrument_IsPublishedWithItsKindAndUnit(string name, string kind, string unit)
    {
        var instrument = _recorder.Instruments.Should().ContainKey(name).WhoseValue;

        instrument.GetType().Name.Should().Be(kind);
        instrument.Unit.Should().Be(unit);
        instrument.Description.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void ChannelsActive_CountsActivationsUpAndDeactivationsDown_WithoutAttributes()
    {
        _meter.ChannelActivated();
        _meter.ChannelActivated();
        _meter.ChannelDeactivated();

        var measurements = _recorder.Of(JackpotClusterMeter.ChannelsActiveName);
        measurements.Select(m => m.Value).Should().Equal(1, 1, -1);
        measurements.Should().OnlyContain(m => m.Tags.Count == 0);
    }

    [Fact]
    public void UpstreamActive_CountsOpenedAndClosed_TaggedWithTheChannelKind()
    {
        _meter.UpstreamOpened(ChannelKind.Broadcast);
        _meter.UpstreamOpened(ChannelKind.Player);
        _meter.UpstreamClosed(ChannelKind.Broadcast);

        _recorder.Of(JackpotClusterMeter.UpstreamActiveName)
            .Select(m => (m.Value, Kind: m.Tags["jackpot.channel.kind"]))
            .Should().Equal((1, "broadcast"), (1, "player"), (-1, "broadcast"));
    }

    [Fact]
    public void Subscribers_AddsTheChange_WithoutAttributes()
    {
        _meter.SubscribersChanged(3);
        _meter.SubscribersChanged(-2);

        var measurements = _recorder.Of(JackpotClusterMeter.SubscribersName);
        measurements.Select(m => m.Value).Should().Equal(3, -2);
        measurements.Should().OnlyContain(m => m.Tags.Count == 0);
    }

    [Fact]
    public void FanOut_RecordsSeconds_NegativeAsZero_TaggedWithTheChannelKind()
    {
        _meter.FanOut(TimeSpan.FromMilliseconds(2.5), ChannelKind.Player);
        _meter.FanOut(TimeSpan.FromMilliseconds(-3), ChannelKind.Broadcast);

        _recorder.Of(JackpotClusterMeter.FanOutDurationName)
            .Select(m => (m.Value, Kind: m.Tags["jackpot.channel.kind"]))
            .Should().Equal((0.0025, "player"), (0, "broadcast"));
    }

    [Fact]
    public void FanOut_AdvisesBucketsInSeconds()
    {
        var histogram = (Histogram<double>)_recorder.Instruments[JackpotClusterMeter.FanOutDurationName];

        histogram.Advice!.HistogramBucketBoundaries.Should().Equal(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
    }

    [Fact]
    public void Duplicate_CountsOne_TaggedWithTheChannelKind()
    {
        _meter.Duplicate(ChannelKind.Player);
        _meter.Duplicate(ChannelKind.Player);

        _recorder.Of(JackpotClusterMeter.DuplicatesName)
            .Select(m => (m.Value, Kind: m.Tags["jackpot.channel.kind"]))
            .Should().Equal((1, "player"), (1, "player"));
    }
}
