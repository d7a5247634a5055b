using Orleans.Concurrency;

namespace Jackpot.Reactive.Orleans;

/// <summary>Where an event stands in a channel's stream: its life (<see cref="Epoch"/>) and its number in that life.</summary>
/// <param name="Epoch">Counts the channel's lives; a life that could not resume (no <c>Last-Event-ID</c>) starts a new one.</param>
/// <param name="Sequence">Counts the events of the life from 1; 0 before the first.</param>
/// <remarks>A resumed life keeps its epoch and numbers the replayed events as the dead activation did, so a subscriber
/// drops what it has already seen by comparing positions.</remarks>
[GenerateSerializer]
[Immutable]
[Alias("jackpot.position")]
internal readonly record struct ChannelPosition([property: Id(0)] long Epoch, [property: Id(1)] long Sequence)
{
    public bool IsAfter(ChannelPosition other) =>
        Epoch > other.Epoch || (Epoch == other.Epoch && Sequence > other.Sequence);

    public ChannelPosition Next() => this with { Sequence = Sequence + 1 };

    public override string ToString() => $"{Epoch}:{Sequence}";
}

/// <summary>One event on its way to subscribers.</summary>
/// <param name="Position">Its position.</param>
/// <param name="Event">The event.</param>
/// <param name="ReceivedAtTicks">When the grain received it from upstream (UTC ticks of the silo's clock): the start of
/// the fan-out latency a subscriber records.</param>
[GenerateSerializer]
[Immutable]
[Alias("jackpot.delivery")]
internal sealed record ChannelDelivery(
    [property: Id(0)] ChannelPosition Position,
    [property: Id(1)] JackpotEvent Event,
    [property: Id(2)] long ReceivedAtTicks);

/// <summary>A status of the upstream connection, stamped when the grain took it (UTC ticks of the silo's clock, strictly
/// increasing per grain), so a subscriber keeps the newest when a subscribe answer and a notification cross.</summary>
/// <param name="Status">The status.</param>
/// <param name="Stamp">When the grain took it.</param>
[GenerateSerializer]
[Immutable]
[Alias("jackpot.status-update")]
internal sealed record ChannelStatusUpdate([property: Id(0)] ChannelStatus Status, [property: Id(1)] long Stamp);

/// <summary>What a subscription (or its renewal) brings the subscriber.</summary>
/// <param name="Renewed">The subscriber was known: its lease is extended; <see cref="CatchUp"/> holds the events after the
/// position it gave, so a notification lost or still in flight is filled in.</param>
/// <param name="Position">The position <see cref="Snapshot"/> and <see cref="CatchUp"/> bring the subscriber to.</param>
/// <param name="Snapshot">The latest value of each jackpot; sent to a new subscriber and after a gap.</param>
/// <param name="CatchUp">The events after the position the subscriber gave, when the grain still holds them.</param>
/// <param name="Gap">The subscriber gave a position the grain can no longer catch up from: <see cref="Snapshot"/> is sent instead.</param>
/// <param name="Status">The upstream connection's current status.</param>
/// <param name="LeaseDuration">How long the subscription lives without a renewal.</param>
/// <param name="Silo">The address of the silo holding the activation that answered: the subscriber re-subscribes at
/// once when that silo is declared dead.</param>
[GenerateSerializer]
[Immutable]
[Alias("jackpot.subscribe-result")]
internal sealed record ChannelSubscribeResult(
    [property: Id(0)] bool Renewed,
    [property: Id(1)] ChannelPosition Position,
    [property: Id(2)] JackpotEvent[] Snapshot,
    [property: Id(3)] ChannelDelivery[] CatchUp,
    [property: Id(4)] bool Gap,
    [property: Id(5)] ChannelStatusUpdate Status,
    [property: Id(6)] TimeSpan LeaseDuration,
    [property: Id(7)] string Silo);

/// <summary>A subscriber of a channel grain: one per process and channel (the process shares it among its local
/// subscribers). One-way calls: the grain never waits for a subscriber.</summary>
[Alias("jackpot.IJackpotChannelObserver")]
internal interface IJackpotChannelObserver : IGrainObserver
{
    [OneWay]
    [Alias("OnEvent")]
    Task OnEvent(ChannelDelivery delivery);

    [OneWay]
    [Alias("OnStatus")]
    Task OnStatus(ChannelStatusUpdate update);

    /// <summary>The activation is going away while the channel is live (its silo shuts down, or Orleans moves it, for
    /// example when its grain-directory entry was lost with another silo): its checkpoint is written; re-subscribe now
    /// rather than at the next renewal.</summary>
    [OneWay]
    [Alias("OnLeaving")]
    Task OnLeaving();
}

/// <summary>A channel as a grain, keyed by a keyed hash of its channel name (<see cref="ChannelGrainKeys"/>): the one
/// upstream connection of the channel in the cluster. The raw name comes with each call and stays in the activation's
/// memory, never in its key, its logs or its stored state.</summary>
[Alias("jackpot.IJackpotChannelGrain")]
internal interface IJackpotChannelGrain : IGrainWithStringKey
{
    /// <summary>Subscribes, or renews the lease of, a subscriber; starts the channel's life if none runs.</summary>
    /// <param name="channel">The channel (its key must be this grain's key).</param>
    /// <param name="observer">The subscriber.</param>
    /// <param name="after">The last position the subscriber has delivered, or null for a new subscriber (snapshot).</param>
    /// <exception cref="ArgumentException">The channel's key is not this grain's key (another grain-key secret).</exception>
    [Alias("Subscribe")]
    Task<ChannelSubscribeResult> Subscribe(ChannelName channel, IJackpotChannelObserver observer, ChannelPosition? after);

    /// <summary>Ends a subscriber's lease now; the last one leaving starts the linger.</summary>
    [Alias("Unsubscribe")]
    Task Unsubscribe(IJackpotChannelObserver observer);

    /// <summary>Describes the channel: where it runs, its subscribers, its upstream and its position.</summary>
    /// <param name="channel">The channel (its key must be this grain's key).</param>
    /// <exception cref="ArgumentException">The channel's key is not this grain's key (another grain-key secret).</exception>
    [Alias("GetInfo")]
    Task<JackpotChannelInfo> GetInfo(ChannelName channel);
}
