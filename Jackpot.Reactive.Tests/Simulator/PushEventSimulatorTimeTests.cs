using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Simulator;

/// <summary>Every timer of the simulator comes from its <see cref="TimeProvider"/>: with hour-long intervals, these tests
/// would time out if anything waited on the wall clock.</summary>
public sealed class PushEventSimulatorTimeTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly HttpClient _client = new();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ValueInterval_ManualTime_TicksOnlyWhenTimeAdvances()
    {
        await using var simulator = await StartAsync();
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.Zero);
        var first = await stream.ReadEventsAsync(3);
        _time.Advance(Hour);
        var second = await stream.ReadEventsAsync(3);

        first.Concat(second).Select(e => e.NumericId).Should().Equal(1, 2, 3, 4, 5, 6);
        second.Select(e => e.Field("jackpotInstance")).Should().Equal(first.Select(e => e.Field("jackpotInstance")));
        second.Select(e => Amount(e)).Should().BeEquivalentTo(
            simulator.GetJackpots().Select(j => j.Amount), o => o.WithStrictOrdering());
        second.Zip(first, (later, earlier) => Amount(later) >= Amount(earlier)).Should().AllBeEquivalentTo(true);
    }

    [Fact]
    public async Task HeartbeatInterval_ManualTime_SendsCommentWhenDue()
    {
        await using var simulator = await StartAsync();
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.PlayerChannel(new PlayerId("p1"))), cancellationToken: TestContext.Current.CancellationToken);

        _time.Advance(Hour);

        (await stream.ReadCommentAsync()).Should().Be("heartbeat");
    }

    [Fact]
    public async Task StallDuration_ManualTime_EndsWhenDue()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Stall(Hour);
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.BroadcastChannel), cancellationToken: TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.Zero);

        simulator.Faults.IsStalled.Should().BeTrue();
        _time.Advance(Hour);

        simulator.Faults.IsStalled.Should().BeFalse();
        (await stream.ReadEventsAsync(3)).Select(e => e.NumericId).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task DropConnectionsEvery_ManualTime_DropsWhenDue()
    {
        await using var simulator = await StartAsync();
        await using var stream = await SseTestReader.OpenAsync(_client, simulator.GetChannelUri(simulator.PlayerChannel(new PlayerId("p1"))), cancellationToken: TestContext.Current.CancellationToken);
        simulator.Faults.DropConnectionsEvery = Hour;

        _time.Advance(Hour);

        (await stream.ReadToEndAsync()).Should().BeEmpty();
        simulator.OpenConnections.Should().Be(0);
    }

    private static decimal Amount(SseTestEvent e) =>
        decimal.Parse(e.Field("value"), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);

    private Task<PushEventSimulator> StartAsync() => PushEventSimulator.StartAsync(
        new PushEventSimulatorOptions
        {
            TimeProvider = _time,
            ValueInterval = Hour,
            HeartbeatInterval = Hour,
            WinProbabilityPerSpin = 0,
        },
        TestContext.Current.CancellationToken);
}
