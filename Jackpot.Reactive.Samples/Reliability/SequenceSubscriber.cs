namespace Jackpot.Reactive.Samples;

/// <summary>
/// One subscriber of a fault scenario. The simulator runs with <c>SequenceAmounts</c>, so every <c>jackpot_value</c>
/// carries its event id as its amount; the subscriber records the ids it receives and finds duplicates and gaps.
/// </summary>
/// <remarks>
/// An id not above the previous one is counted as a duplicate (it was delivered before, or out of order). A gap is kept
/// as a range: whether it is a lost event or one the simulator made malformed on purpose is decided at the end, against
/// the ids reported on the client's diagnostics. Thread-safe: the status of a scenario is read from other threads.
/// </remarks>
internal sealed class SequenceSubscriber : IObserver<JackpotEvent>
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _workPerEvent;
    private readonly Action? _onDelivered;
    private readonly List<(long From, long To)> _gaps = [];
    private readonly List<(Func<SequenceSubscriber, bool> Condition, TaskCompletionSource Reached)> _waiters = [];
    private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastId = -1;
    private long _received;
    private long _duplicated;

    /// <summary>Creates a subscriber.</summary>
    /// <param name="name">A name for reports, e.g. <c>fast-1</c>.</param>
    /// <param name="workPerEvent">How long its <c>OnNext</c> blocks per event: a slow subscriber's own work.</param>
    /// <param name="onDelivered">Called for every event received, before the work.</param>
    public SequenceSubscriber(string name, TimeSpan workPerEvent = default, Action? onDelivered = null)
    {
        Name = name;
        _workPerEvent = workPerEvent;
        _onDelivered = onDelivered;
    }

    public string Name { get; }

    /// <summary>Gets how the subscription ended: <see langword="null"/> for completion, else the error. Never faults.</summary>
    public Task<Exception?> Ended => _ended.Task;

    public long Received
    {
        get
        {
            lock (_gate)
            {
                return _received;
            }
        }
    }

    public long Duplicated
    {
        get
        {
            lock (_gate)
            {
                return _duplicated;
            }
        }
    }

    /// <summary>Gets the newest id received, or -1.</summary>
    public long LastId
    {
        get
        {
            lock (_gate)
            {
                return _lastId;
            }
        }
    }

    /// <summary>Counts the ids missing between consecutive events, leaving out <paramref name="skipped"/> (ids of events
    /// the simulator sent malformed, which the client reports and skips).</summary>
    public long CountLost(IReadOnlySet<long> skipped)
    {
        lock (_gate)
        {
            long lost = 0;
            foreach (var (from, to) in _gaps)
            {
                for (long id = from; id <= to; id++)
                {
                    lost += skipped.Contains(id) ? 0 : 1;
                }
            }

            return lost;
        }
    }

    /// <summary>Waits until the subscriber has received an id of at least <paramref name="id"/>.</summary>
    /// <exception cref="InvalidOperationException">The subscription ended first.</exception>
    public Task WaitForIdAsync(long id, CancellationToken cancellationToken) =>
        WaitAsync(subscriber => subscriber._lastId >= id, cancellationToken);

    /// <summary>Waits until the subscriber has received at least <paramref name="count"/> events.</summary>
    /// <exception cref="InvalidOperationException">The subscription ended first.</exception>
    public Task WaitForCountAsync(long count, CancellationToken cancellationToken) =>
        WaitAsync(subscriber => subscriber._received >= count, cancellationToken);

    public void OnNext(JackpotEvent value)
    {
        _onDelivered?.Invoke();
        if (_workPerEvent > TimeSpan.Zero)
        {
            SimulatedWork.Block(_workPerEvent);
        }

        if (value is not JackpotValueUpdated)
        {
            return;
        }

        long id = decimal.ToInt64(value.Amount);
        List<TaskCompletionSource>? reached = null;
        lock (_gate)
        {
            if (_lastId >= 0 && id <= _lastId)
            {
                _duplicated++;
                return;
            }

            if (_lastId >= 0 && id > _lastId + 1)
            {
                _gaps.Add((_lastId + 1, id - 1));
            }

            _lastId = id;
            _received++;
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(this))
                {
                    (reached ??= []).Add(_waiters[i].Reached);
                    _waiters.RemoveAt(i);
                }
            }
        }

        reached?.ForEach(waiter => waiter.TrySetResult());
    }

    public void OnError(Exception error) => End(error);

    public void OnCompleted() => End(null);

    private Task WaitAsync(Func<SequenceSubscriber, bool> condition, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            if (_ended.Task.IsCompleted)
            {
                return Task.FromException(EndedEarly());
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, reached));
            return reached.Task.WaitAsync(cancellationToken);
        }
    }

    private void End(Exception? error)
    {
        List<TaskCompletionSource> waiters;
        lock (_gate)
        {
            _ended.TrySetResult(error);
            waiters = [.. _waiters.Select(waiter => waiter.Reached)];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(EndedEarly());
        }
    }

    private InvalidOperationException EndedEarly() =>
        new($"Subscriber {Name} ended ({_ended.Task.Result?.GetType().Name ?? "completed"}) at id {_lastId} before what was awaited.");
}
