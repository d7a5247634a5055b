namespace Jackpot.Reactive.Orleans;

/// <summary>
/// The channels of one workspace, served by the cluster: hot, shared <see cref="IObservable{T}"/> streams with the
/// semantics of <see cref="JackpotPushClient"/>, but one upstream connection per channel for the whole cluster. Get it
/// with <see cref="JackpotClusterChannelsExtensions.JackpotChannels"/>.
/// </summary>
/// <remarks>
/// <para>Within a process, each channel has one subscription to its grain however many local subscribers it has; a late
/// local subscriber first receives the latest value of every jackpot (broadcast channels; wins are not replayed), then
/// the live events, with no gap and no duplicate. The process renews its lease on the grain every
/// <see cref="JackpotChannelOptions.RenewInterval"/>; when its last local subscriber leaves it ends the lease, and the
/// grain closes the upstream <c>JackpotPush:Linger</c> after the last subscriber anywhere in the cluster has left.</para>
/// <para>Retried failures (upstream reconnects, a renewal that fails while a silo dies) never reach subscribers: they
/// show on <see cref="Status"/>. A terminal failure (for example <see cref="SseHttpException"/> for a 401) reaches every
/// subscriber of the channel in every process as <c>OnError</c>; a later subscription tries afresh.</para>
/// <para>When the silo holding a channel dies, events pause until a renewal finds the grain re-activated on another silo,
/// which resumes upstream with <c>Last-Event-ID</c>; the events of the pause then arrive, each once, in order, and
/// <see cref="Status"/> shows <see cref="ChannelState.Reconnecting"/>, then <see cref="ChannelState.Open"/> with
/// <see cref="StreamContinuity.Resumed"/> (or <see cref="StreamContinuity.GapPossible"/> when the grain could not resume).</para>
/// <para>Events arrive on Orleans' threads, serialized per channel: observe them on a UI thread with <c>ObserveOn</c>.
/// A subscriber that throws is unsubscribed (logged, and reported on <see cref="Diagnostics"/>); the others go on. When the host
/// stops, every stream completes.</para>
/// </remarks>
public sealed class JackpotClusterChannels : IJackpotChannels
{
    private readonly JackpotChannelRegistry _registry;
    private readonly IGrainFactory _grainFactory;

    internal JackpotClusterChannels(JackpotChannelRegistry registry, IGrainFactory grainFactory, WorkspaceId workspace)
    {
        _registry = registry;
        _grainFactory = grainFactory;
        Workspace = workspace;
    }

    /// <summary>Gets the workspace whose channels these are.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>Gets what this process's subscribers met and got over: a local subscriber of a channel's events or status
    /// that threw (already unsubscribed, and logged). Hot, from the subscription on; shared by every workspace of the
    /// process, so it may report channels of another workspace; completes when the host stops. Malformed payloads are
    /// skipped by the silo holding the channel and reported there (its <see cref="JackpotPushClient.Diagnostics"/>).</summary>
    public IObservable<JackpotPushDiagnostic> Diagnostics => _registry.Diagnostics;

    /// <summary>Returns the hot stream of a jackpot group's broadcast channel: value updates and other players' wins.</summary>
    /// <param name="group">The jackpot group.</param>
    /// <returns>The stream; a late subscriber first receives the latest value of every jackpot.</returns>
    /// <exception cref="ArgumentException"><paramref name="group"/> is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The host has stopped.</exception>
    public IObservable<JackpotEvent> Broadcast(JackpotGroupId group) => Channel(ChannelName.Broadcast(Workspace, group));

    /// <summary>Returns the hot stream of a player's channel: this player's wins.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="player"/> is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The host has stopped.</exception>
    public IObservable<JackpotEvent> Player(PlayerId player) => Channel(ChannelName.Player(Workspace, player));

    /// <summary>Returns the hot stream of any channel of the workspace.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/> or of another workspace.</exception>
    /// <exception cref="ObjectDisposedException">The host has stopped.</exception>
    public IObservable<JackpotEvent> Channel(ChannelName channel) => _registry.GetSource(Validate(channel));

    /// <summary>Returns the status of a channel as this process sees it: the upstream connection's status relayed by
    /// the grain, and <see cref="ChannelState.Reconnecting"/> while the grain cannot be reached (a failover). Hot; it
    /// replays the current status to a new subscriber and never completes before the host stops.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The status stream; <see cref="ChannelState.Closed"/> while this process has no subscriber.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/> or of another workspace.</exception>
    /// <exception cref="ObjectDisposedException">The host has stopped.</exception>
    public IObservable<ChannelStatus> Status(ChannelName channel) => _registry.GetSource(Validate(channel)).Status;

    /// <summary>Describes a channel's grain: the silo holding it, its subscribers, its upstream and its position.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The description. Asking activates the grain if it is not active (without opening its upstream).</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/> or of another workspace.</exception>
    public Task<JackpotChannelInfo> GetInfoAsync(ChannelName channel)
    {
        var valid = Validate(channel);
        return _grainFactory.GetGrain<IJackpotChannelGrain>(_registry.Keys.For(valid)).GetInfo(valid);
    }

    private ChannelName Validate(ChannelName channel)
    {
        if (channel.RawValue.Length == 0)
        {
            throw new ArgumentException("The channel is not set (default value).", nameof(channel));
        }

        return channel.Workspace == Workspace
            ? channel
            : throw new ArgumentException($"The channel '{channel}' is not in the workspace '{Workspace}'.", nameof(channel));
    }
}
