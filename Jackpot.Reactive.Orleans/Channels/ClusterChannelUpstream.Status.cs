namespace Jackpot.Reactive.Orleans;

/// <summary>The status this process shows for the channel: the grain's (relayed, newest first), and what this process
/// makes up meanwhile — <see cref="ChannelState.Reconnecting"/> while the grain cannot be reached, <see cref="ChannelState.Closed"/>
/// without local subscribers, <see cref="ChannelState.Failed"/> when the life ended with an error.</summary>
internal sealed partial class ClusterChannelUpstream
{
    private readonly Lock _statusGate = new();
    private readonly IsolatingSubject<ChannelStatus> _status;
    private long _grainStatusStamp;
    private bool _localStatusShown;

    public IObservable<ChannelStatus> Status => _status;

    public void CompleteStatus()
    {
        PublishStatus(new ChannelStatus(ChannelState.Closed));
        _status.OnCompleted();
    }

    internal void OnGrainStatus(ClusterChannelSession session, ChannelStatusUpdate update)
    {
        if (update.Status.State == ChannelState.Failed)
        {
            OnSessionFailed(session, update.Status.Cause ?? new JackpotChannelFailedException());
            return;
        }

        bool publish;
        lock (_gate)
        {
            publish = session == _session && TakeGrainStatus(update);
        }

        if (publish)
        {
            PublishStatus(update.Status);
        }
    }

    internal void OnRenewFailed(ClusterChannelSession session, int attempt, TimeSpan delay, Exception error)
    {
        StreamContinuity continuity;
        lock (_gate)
        {
            if (session != _session)
            {
                return;
            }

            _localStatusShown = true;

            // How the stream is expected to go on: from the position delivered (a resume), or not at all yet.
            continuity = _order.Position is null ? StreamContinuity.Initial : StreamContinuity.Resumed;
        }

        PublishStatus(new ChannelStatus(ChannelState.Reconnecting) { Attempt = attempt, Delay = delay, Cause = error, Continuity = continuity });
    }

    /// <summary>Whether a status from the grain is newer than the last one shown (a subscribe answer and a notification
    /// may cross), or replaces a status this process made up (reconnecting, closed). Under the gate.</summary>
    private bool TakeGrainStatus(ChannelStatusUpdate update)
    {
        if (update.Stamp > _grainStatusStamp || (_localStatusShown && update.Stamp >= _grainStatusStamp))
        {
            _grainStatusStamp = update.Stamp;
            _localStatusShown = false;
            return true;
        }

        return false;
    }

    private void PublishStatus(ChannelStatus status)
    {
        lock (_statusGate)
        {
            if (_status.Latest != status)
            {
                _status.OnNext(status);
            }
        }
    }
}
