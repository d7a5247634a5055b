namespace Jackpot.Reactive;

/// <summary>
/// What a <see cref="ChannelSource"/> opens for its first subscriber and closes after its linger: the channel's events,
/// already decoded, and the status of the link that carries them.
/// </summary>
/// <remarks>
/// The seam between the hot source and where its events come from. In the core it is <c>SseChannelUpstream</c> (one
/// reconnecting <see cref="SseConnection"/>); in the Orleans package, which compiles this file and the source in, a
/// process's grain subscription (<c>ClusterChannelUpstream</c>). Neither touches the source's fan-out, snapshot, linger
/// or isolation rules.
/// </remarks>
internal interface IChannelUpstream
{
    /// <summary>Gets the status of the upstream: hot, replaying the current status to a new subscriber.</summary>
    IObservable<ChannelStatus> Status { get; }

    /// <summary>Opens a new life of the channel (no stale position from an earlier life).</summary>
    /// <param name="observer">Receives the events, serialized, and at most one terminal call: an error the upstream
    /// could not get over, or completion. Retried failures never reach it.</param>
    /// <returns>Disposing it closes this life.</returns>
    /// <remarks>Called outside the source's gate, and never while a life it opened before is still open.</remarks>
    IDisposable Open(IObserver<JackpotEvent> observer);

    /// <summary>Ends <see cref="Status"/> for good: the source is disposed.</summary>
    void CompleteStatus();
}
