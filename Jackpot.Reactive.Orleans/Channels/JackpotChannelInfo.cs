namespace Jackpot.Reactive.Orleans;

/// <summary>A snapshot of one channel grain, for dashboards, samples and tests.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Silo">The address of the silo that holds the channel's grain now.</param>
/// <param name="Subscribers">The subscriber leases held (one per subscribing process, not per local subscriber).</param>
/// <param name="IsUpstreamOpen">Whether the grain holds the upstream connection (subscribed, or lingering).</param>
/// <param name="LastEventId">The last event id received upstream (empty when none).</param>
/// <param name="Epoch">The channel's life counter (see <c>docs/scale-out.md</c>).</param>
/// <param name="Sequence">The number of events received in the current life.</param>
/// <param name="Status">The upstream connection's status.</param>
[GenerateSerializer]
[Immutable]
[Alias("jackpot.channel-info")]
public sealed record JackpotChannelInfo(
    [property: Id(0)] ChannelName Channel,
    [property: Id(1)] string Silo,
    [property: Id(2)] int Subscribers,
    [property: Id(3)] bool IsUpstreamOpen,
    [property: Id(4)] string LastEventId,
    [property: Id(5)] long Epoch,
    [property: Id(6)] long Sequence,
    [property: Id(7)] ChannelState Status);
