namespace Jackpot.Reactive;

/// <summary>What a <see cref="ChannelSource"/> records of the events it delivers (the package's metrics recorder, or
/// another host's).</summary>
internal interface IChannelEventMetrics
{
    /// <summary>Gets a value indicating whether anybody listens to the time between events (the source reads the clock
    /// only then).</summary>
    bool IsEventGapEnabled { get; }

    /// <summary>Counts a delivered event by reason.</summary>
    void EventReceived(string? reason, ChannelKind kind);

    /// <summary>Records the time since the previous event of the same life.</summary>
    void EventGap(ChannelKind kind, TimeSpan interval);
}
