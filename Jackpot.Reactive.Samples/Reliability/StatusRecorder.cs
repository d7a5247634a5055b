namespace Jackpot.Reactive.Samples;

/// <summary>
/// Records a channel's status changes and checks, as they come, that they tell the truth about the connection's lives
/// and reconnects.
/// </summary>
/// <remarks>
/// The rules: a life starts with <see cref="ChannelState.Connecting"/> and ends with <see cref="ChannelState.Closed"/> or
/// <see cref="ChannelState.Failed"/>; its first <see cref="ChannelState.Open"/> says <see cref="StreamContinuity.Initial"/>;
/// an <see cref="ChannelState.Open"/> after a reconnect says <see cref="StreamContinuity.Resumed"/> once events were
/// delivered in that life (the simulator gives every event an id, so the client has one to resume from). Before any
/// event either <see cref="StreamContinuity.Resumed"/> or <see cref="StreamContinuity.GapPossible"/> may be true, and a
/// scenario checks which.
/// </remarks>
internal sealed class StatusRecorder : IObserver<ChannelStatus>
{
    private readonly Lock _gate = new();
    private readonly Func<long> _delivered;
    private readonly List<ChannelStatus> _statuses = [];
    private readonly List<string> _violations = [];
    private readonly List<(Func<IReadOnlyList<ChannelStatus>, bool> Condition, TaskCompletionSource Reached)> _waiters = [];
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _inLife;
    private bool _reconnectedInLife;
    private bool _deliveredInLife;
    private long _deliveredAtLifeStart;

    /// <param name="delivered">Counts the events delivered to the channel's subscribers so far.</param>
    public StatusRecorder(Func<long> delivered) => _delivered = delivered;

    /// <summary>Gets a task that completes when the status stream completes.</summary>
    public Task Completed => _completed.Task;

    public IReadOnlyList<ChannelStatus> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _statuses];
            }
        }
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Counts the recorded statuses that match.</summary>
    public int Count(Func<ChannelStatus, bool> match)
    {
        lock (_gate)
        {
            return _statuses.Count(match);
        }
    }

    /// <summary>Counts the <see cref="ChannelState.Reconnecting"/> statuses by cause (see <see cref="ReconnectCauseNames"/>).</summary>
    public IReadOnlyDictionary<string, int> ReconnectsByCause() => CountByCause(ChannelState.Reconnecting);

    /// <summary>Counts the <see cref="ChannelState.Failed"/> statuses by cause.</summary>
    public IReadOnlyDictionary<string, int> FailuresByCause() => CountByCause(ChannelState.Failed);

    /// <summary>Waits until at least <paramref name="count"/> recorded statuses match.</summary>
    public Task WaitForAsync(Func<ChannelStatus, bool> match, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Func<IReadOnlyList<ChannelStatus>, bool> condition = statuses => statuses.Count(match) >= count;
            if (condition(_statuses))
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, reached));
            return reached.Task.WaitAsync(cancellationToken);
        }
    }

    public void OnNext(ChannelStatus value)
    {
        List<TaskCompletionSource>? reached = null;
        lock (_gate)
        {
            _statuses.Add(value);
            Check(value);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_statuses))
                {
                    (reached ??= []).Add(_waiters[i].Reached);
                    _waiters.RemoveAt(i);
                }
            }
        }

        reached?.ForEach(waiter => waiter.TrySetResult());
    }

    public void OnError(Exception error)
    {
        lock (_gate)
        {
            _violations.Add($"The status stream failed: {error.GetType().Name}: {error.Message}");
        }

        _completed.TrySetResult();
    }

    public void OnCompleted() => _completed.TrySetResult();

    private void Check(ChannelStatus status)
    {
        switch (status.State)
        {
            case ChannelState.Connecting:
                Expect(!_inLife, "Connecting while a life is running");
                _inLife = true;
                _reconnectedInLife = false;
                _deliveredInLife = false;
                _deliveredAtLifeStart = _delivered();
                break;
            case ChannelState.Reconnecting:
                Expect(_inLife, "Reconnecting outside a life");
                Expect(status.Attempt >= 1, $"Reconnecting with attempt {status.Attempt}");
                _reconnectedInLife = true;
                _deliveredInLife |= _delivered() > _deliveredAtLifeStart;
                break;
            case ChannelState.Open when !_reconnectedInLife:
                Expect(_inLife, "Open outside a life");
                Expect(status.Continuity == StreamContinuity.Initial, $"the first Open of a life says {status.Continuity}, not Initial");
                break;
            case ChannelState.Open:
                Expect(
                    !_deliveredInLife || status.Continuity == StreamContinuity.Resumed,
                    $"Open after a reconnect says {status.Continuity}, although events with ids were delivered before it");
                Expect(status.Continuity != StreamContinuity.Initial, "Open after a reconnect says Initial");
                break;
            case ChannelState.Failed:
                Expect(status.Cause is not null, "Failed without a cause");
                _inLife = false;
                break;
            default:
                _inLife = false;
                break;
        }
    }

    private void Expect(bool condition, string violation)
    {
        if (!condition)
        {
            _violations.Add(violation);
        }
    }

    private Dictionary<string, int> CountByCause(ChannelState state)
    {
        lock (_gate)
        {
            return _statuses
                .Where(status => status.State == state)
                .GroupBy(status => ReconnectCauseNames.Of(status.Cause))
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        }
    }
}
