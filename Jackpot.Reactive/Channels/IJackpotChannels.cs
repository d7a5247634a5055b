namespace Jackpot.Reactive;

/// <summary>
/// A source of jackpot channels in one workspace: hot, shared event streams per channel, their statuses, and what was
/// got over on the way. Implemented by <see cref="JackpotPushClient"/> (one connection per channel in this process) and
/// by the Orleans package's <c>JackpotClusterChannels</c> (one upstream per channel for a whole cluster), so a board, a
/// service or a test written against it runs on either.
/// </summary>
/// <remarks>
/// Every implementation keeps the same contract: a channel's stream is hot and shared; a late subscriber of a broadcast
/// channel first receives the latest value of every jackpot (wins are not replayed), then the live events, with no gap
/// and no duplicate; retried failures show only on <see cref="Status"/>; a terminal failure ends the channel's streams
/// with <c>OnError</c>; a subscriber that throws is unsubscribed and reported on <see cref="Diagnostics"/>, and the
/// others go on. Events arrive on the implementation's threads: observe them on a UI thread with <c>ObserveOn</c>.
/// </remarks>
public interface IJackpotChannels
{
    /// <summary>Gets the workspace whose channels these are.</summary>
    WorkspaceId Workspace { get; }

    /// <summary>Gets what was met and got over: malformed payloads (skipped) and subscribers that threw (unsubscribed).
    /// Hot, from the subscription on.</summary>
    IObservable<JackpotPushDiagnostic> Diagnostics { get; }

    /// <summary>Returns the hot stream of a jackpot group's broadcast channel: value updates and other players' wins.</summary>
    /// <param name="group">The jackpot group.</param>
    /// <returns>The stream; a late subscriber first receives the latest value of every jackpot.</returns>
    /// <exception cref="ArgumentException"><paramref name="group"/> is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The source is disposed or its host has stopped.</exception>
    IObservable<JackpotEvent> Broadcast(JackpotGroupId group);

    /// <summary>Returns the hot stream of a player's channel: this player's wins.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="player"/> is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The source is disposed or its host has stopped.</exception>
    IObservable<JackpotEvent> Player(PlayerId player);

    /// <summary>Returns the hot stream of any channel of the workspace.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/> or of another workspace.</exception>
    /// <exception cref="ObjectDisposedException">The source is disposed or its host has stopped.</exception>
    IObservable<JackpotEvent> Channel(ChannelName channel);

    /// <summary>Returns the status of a channel: hot, replaying the current status to a new subscriber.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The status stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/> or of another workspace.</exception>
    /// <exception cref="ObjectDisposedException">The source is disposed or its host has stopped.</exception>
    IObservable<ChannelStatus> Status(ChannelName channel);
}
