using System.Net;
using System.Text.Json;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Simulator;

public sealed class SimulatorFaultsTests : IDisposable
{
    private static readonly TimeSpan AbsenceWindow = TimeSpan.FromMilliseconds(300);
    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task DropConnections_EndStream_EndsEveryOpenStream()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        await using var first = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        await using var second = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.PlayerChannel(new PlayerId("p1"))), cancellationToken: TestContext.Current.CancellationToken);

        int dropped = simulator.DropConnections();

        dropped.Should().Be(2);
        await first.ReadToEndAsync();
        await second.ReadToEndAsync();
        simulator.OpenConnections.Should().Be(0);
    }

    [Fact]
    public async Task DropConnections_Abort_BreaksTheConnection()
    {
        var options = new PushEventSimulatorOptions { Faults = new SimulatorFaultOptions { DropKind = ConnectionDropKind.Abort } };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.PlayerChannel(new PlayerId("p1"))), cancellationToken: TestContext.Current.CancellationToken);

        simulator.DropConnections();

        await stream.Invoking(s => s.ReadToEndAsync()).Should().ThrowAsync<IOException>();
    }

    [Fact]
    public async Task DropConnectionsEvery_SetAtStart_EndsEachStreamPeriodically()
    {
        var options = new PushEventSimulatorOptions
        {
            ValueInterval = TimeSpan.FromMilliseconds(20),
            Faults = new SimulatorFaultOptions { DropConnectionsEvery = TimeSpan.FromMilliseconds(150) },
        };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);

        for (int attempt = 0; attempt < 2; attempt++)
        {
            await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
            await stream.ReadToEndAsync();
        }

        simulator.ConnectionsAccepted.Should().Be(2);
        simulator.Faults.DropConnectionsEvery = null;
        await using var kept = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        (await kept.ReadEventsAsync(3)).Should().HaveCount(3);
    }

    [Fact]
    public async Task RespondServiceUnavailable_NextRequests_Answers503WithRetryAfterThenServes()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        simulator.Faults.RetryAfter = TimeSpan.FromSeconds(2.5);
        simulator.Faults.RespondServiceUnavailable(2);
        var uri = simulator.GetChannelUri(simulator.BroadcastChannel);

        using var first = await SseTestReader.SendAsync(_client, uri, cancellationToken: TestContext.Current.CancellationToken);
        using var second = await SseTestReader.SendAsync(_client, uri, cancellationToken: TestContext.Current.CancellationToken);
        await using var third = await SseTestReader.OpenAsync(_client, uri, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var response in new[] { first, second })
        {
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        }

        simulator.Faults.ServiceUnavailableRequests.Should().Be(0);
        (await third.ReadRequiredEventAsync()).NumericId.Should().Be(1);
    }

    [Fact]
    public async Task ServiceUnavailable_WhileEnabled_Answers503()
    {
        var options = new PushEventSimulatorOptions { Faults = new SimulatorFaultOptions { ServiceUnavailable = true } };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        var uri = simulator.GetChannelUri(simulator.BroadcastChannel);

        using var whileEnabled = await SseTestReader.SendAsync(_client, uri, cancellationToken: TestContext.Current.CancellationToken);
        simulator.Faults.ServiceUnavailable = false;
        using var afterwards = await SseTestReader.SendAsync(_client, uri, cancellationToken: TestContext.Current.CancellationToken);

        whileEnabled.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        whileEnabled.Headers.RetryAfter!.Delta.Should().Be(SimulatorFaultOptions.DefaultRetryAfter);
        afterwards.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stall_StreamOpenedWhileStalled_SendsHeadersThenNothingUntilCleared()
    {
        var options = new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(20), Faults = new SimulatorFaultOptions { Stalled = true } };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        using var response = await SseTestReader.SendAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        byte[] buffer = new byte[64];

        var read = body.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask();
        var waitingForBytes = () => read.WaitAsync(AbsenceWindow, TestContext.Current.CancellationToken);
        await waitingForBytes.Should().ThrowAsync<TimeoutException>("a stalled stream sends no bytes");
        simulator.Faults.IsStalled.Should().BeTrue();
        simulator.Faults.ClearStall();

        int bytes = await read.WaitAsync(SseTestReader.DefaultTimeout, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        System.Text.Encoding.UTF8.GetString(buffer, 0, bytes).Should().StartWith("id: 1\ndata: {");
    }

    [Fact]
    public async Task Stall_WithDuration_ResumesByItselfWithoutLosingEvents()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        simulator.Faults.Stall(TimeSpan.FromMilliseconds(200));
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);

        var events = await stream.ReadEventsAsync(9);

        simulator.Faults.IsStalled.Should().BeFalse();
        events.Select(e => e.NumericId).Should().Equal(Enumerable.Range(1, 9).Select(i => (long)i));
    }

    [Fact]
    public async Task Stall_QueueOverflows_AbortsTheConnection()
    {
        var options = new PushEventSimulatorOptions
        {
            ValueInterval = TimeSpan.FromMilliseconds(20),
            MaxQueuedEventsPerConnection = 3,
            Faults = new SimulatorFaultOptions { Stalled = true },
        };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);

        await stream.Invoking(s => s.ReadToEndAsync()).Should().ThrowAsync<IOException>();
    }

    [Theory]
    [InlineData(MalformedPayloadKind.InvalidJson)]
    [InlineData(MalformedPayloadKind.MissingField)]
    [InlineData(MalformedPayloadKind.UnparseableValue)]
    public async Task SendMalformedPayload_NextEvent_IsPrecededByOneMalformedEvent(MalformedPayloadKind kind)
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        var before = await stream.ReadRequiredEventAsync();

        simulator.Faults.SendMalformedPayload(kind, simulator.BroadcastChannel);
        // Events published before the fault may still be queued for this reader (a loaded machine reads slowly), so read
        // on until the malformed one, then a few more: it must be the only one, between contiguous ids.
        var events = new List<SseTestEvent>();
        while (events.TrueForAll(IsValidValueEvent) && events.Count < 10_000)
        {
            events.Add(await stream.ReadRequiredEventAsync());
        }

        events.AddRange(await stream.ReadEventsAsync(5));

        var malformed = events.Where(e => !IsValidValueEvent(e)).Should().ContainSingle().Subject;
        events.Select(e => e.NumericId).Should().Equal(Enumerable.Range((int)before.NumericId + 1, events.Count).Select(i => (long)i));
        switch (kind)
        {
            case MalformedPayloadKind.InvalidJson:
                malformed.Invoking(e => e.Json).Should().Throw<JsonException>();
                break;
            case MalformedPayloadKind.MissingField:
                malformed.Json.TryGetProperty("jackpotInstance", out _).Should().BeFalse();
                break;
            default:
                malformed.Field("value").Should().Be("12x.50");
                break;
        }
    }

    [Fact]
    public async Task SendOversizedEvent_NextEvent_IsPrecededByOneEventOfThatSize()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        var before = await stream.ReadRequiredEventAsync();

        simulator.Faults.SendOversizedEvent(100_000);
        var skipped = new List<SseTestEvent>();
        var oversized = await stream.ReadUntilAsync(e =>
        {
            skipped.Add(e);
            return e.Data.Length > 1000;
        });
        var next = await stream.ReadRequiredEventAsync();

        // Events of the tick that was already published may come first; nothing is skipped in the ids.
        skipped.Select(e => e.NumericId).Should().Equal(Enumerable.Range((int)before.NumericId + 1, skipped.Count).Select(i => (long)i));
        skipped.SkipLast(1).Should().OnlyContain(e => IsValidValueEvent(e));
        oversized.Data.Length.Should().Be(100_000);
        oversized.Field("reason").Should().Be(JackpotReasons.Value);
        IsValidValueEvent(next).Should().BeTrue();
        next.NumericId.Should().Be(oversized.NumericId + 1);
    }

    [Fact]
    public async Task RejectChannel_Answers401ForThatChannelOnlyUntilAllowed()
    {
        var rejected = ChannelName.Parse("ws_user_banned");
        var options = new PushEventSimulatorOptions { Faults = new SimulatorFaultOptions { UnauthorizedChannels = ["ws_broadcast_g"] } };
        await using var simulator = await PushEventSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        simulator.Faults.RejectChannel(rejected);

        using var fromOptions = await SseTestReader.SendAsync(_client, simulator.GetChannelUri(ChannelName.Parse("ws_broadcast_g")), cancellationToken: TestContext.Current.CancellationToken);
        using var denied = await SseTestReader.SendAsync(_client, simulator.GetChannelUri(rejected), cancellationToken: TestContext.Current.CancellationToken);
        using var other = await SseTestReader.SendAsync(_client, simulator.GetChannelUri(ChannelName.Parse("ws_user_welcome")), cancellationToken: TestContext.Current.CancellationToken);
        simulator.Faults.AllowChannel(rejected).Should().BeTrue();
        using var allowed = await SseTestReader.SendAsync(_client, simulator.GetChannelUri(rejected), cancellationToken: TestContext.Current.CancellationToken);

        fromOptions.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Clear_AfterFaults_ServesNormally()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        simulator.Faults.ServiceUnavailable = true;
        simulator.Faults.RespondServiceUnavailable(5);
        simulator.Faults.RejectChannel(simulator.BroadcastChannel);
        simulator.Faults.Stall();
        simulator.Faults.SendMalformedPayload();
        simulator.Faults.DropConnectionsEvery = TimeSpan.FromMilliseconds(10);

        simulator.Faults.Clear();
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);

        (await stream.ReadEventsAsync(6)).Should().OnlyContain(e => IsValidValueEvent(e));
        simulator.Faults.IsStalled.Should().BeFalse();
        simulator.Faults.DropConnectionsEvery.Should().BeNull();
    }

    [Fact]
    public async Task FaultSetters_InvalidValues_Throw()
    {
        await using var simulator = await PushEventSimulator.StartAsync(PushEventSimulatorTests.FastOptions(), TestContext.Current.CancellationToken);
        var faults = simulator.Faults;

        faults.Invoking(f => f.DropConnectionsEvery = TimeSpan.Zero).Should().Throw<ArgumentOutOfRangeException>();
        faults.Invoking(f => f.RetryAfter = TimeSpan.FromSeconds(-1)).Should().Throw<ArgumentOutOfRangeException>();
        faults.Invoking(f => f.RespondServiceUnavailable(-1)).Should().Throw<ArgumentOutOfRangeException>();
        faults.Invoking(f => f.Stall(TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        faults.Invoking(f => f.SendOversizedEvent(10)).Should().Throw<ArgumentOutOfRangeException>();
        faults.Invoking(f => f.SendMalformedPayload((MalformedPayloadKind)42)).Should().Throw<ArgumentOutOfRangeException>();
        faults.Invoking(f => f.DropKind = (ConnectionDropKind)42).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static bool IsValidValueEvent(SseTestEvent e)
    {
        try
        {
            var json = e.Json;
            return json.GetProperty("reason").GetString() == JackpotReasons.Value
                && json.TryGetProperty("jackpotInstance", out _)
                && !json.TryGetProperty("padding", out _)
                && PushEventSimulatorTests.ServiceAmountPattern().IsMatch(json.GetProperty("value").GetString()!);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
