using System.Net;
using System.Reactive.Concurrency;
using Jackpot.Reactive.Tests.Transport;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Transport.ScriptStep;

namespace Jackpot.Reactive.Tests.Diagnostics;

/// <summary>The client's metrics, end to end: a client on a <see cref="TestScheduler"/> over a scripted transport,
/// recording through its own meter factory, observed with a <see cref="System.Diagnostics.Metrics.MeterListener"/>.</summary>
public sealed class JackpotPushClientMetricsTests : IDisposable
{
    private const string SecretPlayer = "alice.secret@example.com";
    private static readonly WorkspaceId Workspace = new("ws");
    private static readonly JackpotGroupId Group = new("g1");

    private readonly TestScheduler _scheduler = new();
    private readonly RecordingMeterFactory _meterFactory = new();
    private MeasurementRecorder? _recorder;

    public void Dispose()
    {
        _recorder?.Dispose();
        _meterFactory.Dispose();
    }

    [Fact]
    public void Constructor_WithMeterFactory_CreatesTheJackpotReactiveMeterThroughIt()
    {
        using var client = CreateClient(new ScriptedTransport(_scheduler));

        _meterFactory.Meters.Should().ContainSingle().Which.Name.Should().Be(JackpotMetrics.MeterName);
    }

    [Fact]
    public void Broadcast_Events_CountedByReasonWithIntervalsInSchedulerSeconds()
    {
        var transport = new ScriptedTransport(
            _scheduler,
            [Open(0), Send(1, Value()), Send(3, Value()), Send(4, Won("jackpot_won_other")), Send(6, Won("jackpot_bonus_round")), Send(7, "data: {not json\n\n")]);
        using var client = CreateClient(transport);

        _scheduler.AdvanceTo(S(1));
        using var subscription = client.Broadcast(Group).Subscribe(_ => { });
        _scheduler.AdvanceTo(S(20));

        Recorder.Of("jackpot.events.received").Select(m => (m.Value, Tag(m, "jackpot.reason"), Tag(m, "jackpot.channel.kind")))
            .Should().Equal(
                (1, "jackpot_value", "broadcast"),
                (1, "jackpot_value", "broadcast"),
                (1, "jackpot_won_other", "broadcast"),
                (1, "other", "broadcast"));
        Seconds("jackpot.events.interval").Should().Equal(2, 1, 2);
        Recorder.Of("jackpot.events.interval").Should().OnlyContain(m => Tag(m, "jackpot.channel.kind") == "broadcast");
        Recorder.Of("jackpot.events.malformed").Should().ContainSingle()
            .Which.Should().Match<RecordedMeasurement>(m => m.Value == 1 && Tag(m, "jackpot.channel.kind") == "broadcast");
    }

    [Fact]
    public void Broadcast_DropAndReconnect_TracksOpenConnectionsUptimeAndReconnectCause()
    {
        var transport = new ScriptedTransport(_scheduler, [Open(0), Drop(10)], [Open(0)]);
        using var client = CreateClient(transport);

        _scheduler.AdvanceTo(S(1));
        var subscription = client.Broadcast(Group).Subscribe(_ => { });
        _scheduler.AdvanceTo(S(20));
        subscription.Dispose();
        _scheduler.AdvanceTo(S(30));

        // Open at 1 s, dropped at 11 s, retried after 1 s, open again at 12 s, closed by the last subscriber at 20 s.
        Recorder.Of("jackpot.connection.active").Select(m => m.Value).Should().Equal(1, -1, 1, -1);
        Seconds("jackpot.connection.duration").Should().Equal(10, 8);
        Recorder.Of("jackpot.connection.reconnects").Should().ContainSingle()
            .Which.Tags.Should().Equal(new Dictionary<string, object?>
            {
                ["jackpot.reconnect.cause"] = "network",
                ["jackpot.channel.kind"] = "broadcast",
            });
        Recorder.Measurements.Where(m => m.Instrument.StartsWith("jackpot.connection.", StringComparison.Ordinal))
            .Should().OnlyContain(m => Tag(m, "jackpot.channel.kind") == "broadcast");
    }

    [Fact]
    public void Broadcast_TerminalFailureWhileOpen_ClosesTheConnectionWithoutCountingAReconnect()
    {
        var transport = new ScriptedTransport(_scheduler, [Open(0), Send(5, "data: " + new string('x', 100) + "\n\n")]);
        using var client = CreateClient(transport, maxEventSize: 64);
        Exception? failure = null;

        _scheduler.AdvanceTo(S(1));
        using var subscription = client.Broadcast(Group).Subscribe(_ => { }, error => failure = error);
        _scheduler.AdvanceTo(S(20));

        failure.Should().BeOfType<SseEventTooLargeException>();
        Recorder.Of("jackpot.connection.active").Select(m => m.Value).Should().Equal(1, -1);
        Seconds("jackpot.connection.duration").Should().Equal(5);
        Recorder.Of("jackpot.connection.reconnects").Should().BeEmpty();
    }

    public static TheoryData<string, string> ReconnectCauses => new()
    {
        { "drop", "network" },
        { "end", "end_of_stream" },
        { "503", "http_5xx" },
        { "429", "http_429" },
        { "idle", "idle_timeout" },
    };

    [Theory]
    [MemberData(nameof(ReconnectCauses))]
    public void Broadcast_RetriedFailure_CountsAReconnectUnderItsCause(string failure, string cause)
    {
        IReadOnlyList<ScriptStep> first = failure switch
        {
            "drop" => [Open(0), Drop(2)],
            "end" => [Open(0), End(2)],
            "503" => [Reject(2, HttpStatusCode.ServiceUnavailable)],
            "429" => [Reject(2, HttpStatusCode.TooManyRequests)],
            _ => [Open(0)],
        };
        var transport = new ScriptedTransport(_scheduler, first, [Open(0), Send(1, ": keep-alive\n")]);
        using var client = CreateClient(transport, idleTimeout: failure == "idle" ? TimeSpan.FromSeconds(5) : null);

        using var subscription = client.Broadcast(Group).Subscribe(_ => { });
        _scheduler.AdvanceTo(S(10));

        Recorder.Of("jackpot.connection.reconnects").Should().ContainSingle()
            .Which.Tags["jackpot.reconnect.cause"].Should().Be(cause);
    }

    [Fact]
    public void Broadcast_ConnectionClosedAndReopened_MeasuresNoIntervalAcrossConnections()
    {
        var transport = new ScriptedTransport(_scheduler, [Open(0), Send(1, Value()), Send(2, Value())]);
        using var client = CreateClient(transport);

        _scheduler.AdvanceTo(S(1));
        var first = client.Broadcast(Group).Subscribe(_ => { });
        _scheduler.AdvanceTo(S(5));
        first.Dispose();
        _scheduler.AdvanceTo(S(100));
        using var second = client.Broadcast(Group).Subscribe(_ => { });
        _scheduler.AdvanceTo(S(110));

        Recorder.Of("jackpot.events.received").Should().HaveCount(4);
        Seconds("jackpot.events.interval").Should().Equal(1, 1);
        Seconds("jackpot.connection.duration").Should().Equal(4);
    }

    [Fact]
    public void Player_Events_CountedAsPlayerAndNoTagNamesTheChannelOrPlayer()
    {
        var channel = ChannelName.Player(Workspace, new PlayerId(SecretPlayer));
        var transport = new ScriptedTransport(
            _scheduler,
            [Open(0), Send(1, Won("jackpot_won", channel)), Send(2, "data: {\"channel\":\"" + channel.RawValue + "\"}\n\n"), Drop(3)],
            [Open(0)]);
        using var client = CreateClient(transport);

        var subscription = client.Player(new PlayerId(SecretPlayer)).Subscribe(_ => { });
        _scheduler.AdvanceTo(S(10));
        subscription.Dispose();

        Recorder.Of("jackpot.events.received").Should().ContainSingle()
            .Which.Tags.Should().Equal(new Dictionary<string, object?>
            {
                ["jackpot.reason"] = "jackpot_won",
                ["jackpot.channel.kind"] = "player",
            });
        Recorder.Of("jackpot.events.malformed").Should().ContainSingle();
        Recorder.Of("jackpot.connection.reconnects").Should().ContainSingle();
        Recorder.Of("jackpot.connection.duration").Should().HaveCount(2);
        Recorder.Measurements.Should().OnlyContain(m => Tag(m, "jackpot.channel.kind") == "player");
        Recorder.Measurements.SelectMany(m => m.Tags)
            .Should().OnlyContain(tag => !Mentions(tag.Value, "alice") && !Mentions(tag.Value, channel.RawValue) && !Mentions(tag.Value, "ws_"));
    }

    [Fact]
    public void Dispose_WhileOpen_RecordsTheConnectionClosed()
    {
        var transport = new ScriptedTransport(_scheduler, [Open(0)]);
        var client = CreateClient(transport, lingerSeconds: 30);
        using var subscription = client.Broadcast(Group).Subscribe(_ => { });
        _scheduler.AdvanceTo(S(7));

        client.Dispose();

        Recorder.Of("jackpot.connection.active").Select(m => m.Value).Should().Equal(1, -1);
        Seconds("jackpot.connection.duration").Should().Equal(7);
    }

    [Fact]
    public void Broadcast_NobodyListensToTheMeter_ReadsTheClockNoMoreForMoreEvents()
    {
        int ClockReadsFor(int events)
        {
            var scheduler = new TestScheduler();
            var clock = new ClockCountingScheduler(scheduler);
            var script = new[] { Open(0) }.Concat(Enumerable.Range(1, events).Select(i => Send(i, Value()))).ToArray();
            using var meters = new RecordingMeterFactory();
            using var client = new JackpotPushClient(
                new JackpotPushClientOptions { Workspace = Workspace, Endpoint = new Uri("https://push.example/subscribe") },
                new ScriptedTransport(scheduler, script),
                clock,
                loggerFactory: null,
                meters);
            int received = 0;
            using var subscription = client.Broadcast(Group).Subscribe(_ => received++);
            scheduler.AdvanceTo(S(events + 10));
            received.Should().Be(events);
            return clock.Reads;
        }

        ClockReadsFor(50).Should().Be(ClockReadsFor(2), "without a listener the channel does not read its clock per event");
    }

    private MeasurementRecorder Recorder => _recorder ?? throw new InvalidOperationException("Create the client first.");

    /// <summary>The recorded values rounded to milliseconds: the test scheduler runs work due "now" one tick later.</summary>
    private IEnumerable<double> Seconds(string instrument) => Recorder.Of(instrument).Select(m => Math.Round(m.Value, 3));

    private static long S(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;

    private static string? Tag(RecordedMeasurement measurement, string name) =>
        measurement.Tags.TryGetValue(name, out var value) ? value as string : null;

    private static bool Mentions(object? value, string text) =>
        value?.ToString()?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;

    private static string Value() =>
        """data: {"reason":"jackpot_value","jackpotInstance":"J1_1","jackpot":"J1","channel":"ws_broadcast_g1","currency":"EUR","value":"10.00"}""" + "\n\n";

    private static string Won(string reason, ChannelName? channel = null) =>
        $$"""data: {"reason":"{{reason}}","jackpotInstance":"J1_1","jackpot":"J1","channel":"{{(channel ?? ChannelName.Broadcast(Workspace, Group)).RawValue}}","currency":"EUR","value":"500.00","jackpotNewInstance":"J1_2"}""" + "\n\n";

    private JackpotPushClient CreateClient(ScriptedTransport transport, double lingerSeconds = 0, int maxEventSize = 1024, TimeSpan? idleTimeout = null)
    {
        var options = new JackpotPushClientOptions
        {
            Workspace = Workspace,
            Endpoint = new Uri("https://push.example/subscribe"),
            Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromSeconds(1), JitterRatio = 0 },
            Linger = TimeSpan.FromSeconds(lingerSeconds),
            MaxEventSize = maxEventSize,
            IdleTimeout = idleTimeout,
        };
        var client = new JackpotPushClient(options, transport, _scheduler, loggerFactory: null, _meterFactory);
        _recorder ??= new MeasurementRecorder(_meterFactory.Meters.Single());
        return client;
    }

    /// <summary>Counts the reads of <see cref="IScheduler.Now"/>; schedules on the scheduler it wraps.</summary>
    private sealed class ClockCountingScheduler(IScheduler inner) : IScheduler
    {
        public int Reads { get; private set; }

        public DateTimeOffset Now
        {
            get
            {
                Reads++;
                return inner.Now;
            }
        }

        public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) => inner.Schedule(state, action);

        public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
            inner.Schedule(state, dueTime, action);

        public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
            inner.Schedule(state, dueTime, action);
    }
}
