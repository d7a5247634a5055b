namespace Jackpot.Reactive.Benchmarks;

/// <summary>How long and how often the loopback and scale harnesses measure.</summary>
/// <param name="Warmup">Time a consumer runs before its measurement starts.</param>
/// <param name="Duration">Length of one flood measurement.</param>
/// <param name="Runs">Measurements per consumer; the median is reported.</param>
/// <param name="LatencyDuration">Length of one latency measurement at <see cref="LatencyRate"/> events/s.</param>
/// <param name="LatencyRate">Events per second the latency server writes.</param>
/// <param name="IdleChannelCounts">Channel counts of the idle-memory measurement.</param>
internal sealed record HarnessSettings(
    TimeSpan Warmup,
    TimeSpan Duration,
    int Runs,
    TimeSpan LatencyDuration,
    int LatencyRate,
    IReadOnlyList<int> IdleChannelCounts)
{
    public static HarnessSettings Quick { get; } = new(
        TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2), 3, TimeSpan.FromSeconds(3), 1000, [1000, 5000]);

    public static HarnessSettings Full { get; } = new(
        TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), 5, TimeSpan.FromSeconds(20), 1000, [1000, 5000]);

    public static TimeSpan StartTimeout { get; } = TimeSpan.FromSeconds(30);
}
