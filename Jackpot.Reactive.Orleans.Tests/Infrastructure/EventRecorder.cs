namespace Jackpot.Reactive.Orleans.Tests.Infrastructure;

/// <summary>Records what one subscriber receives and lets a test await it under a timeout.</summary>
public sealed class EventRecorder<T> : IObserver<T>
{
    /// <summary>Long enough for a loaded machine; a test that passes waits far less.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>Gets the end of the stream: null for completion, else the error.</summary>
    public Task<Exception?> Ended => _ended.Task;

    public void OnNext(T value)
    {
        lock (_gate)
        {
            _items.Add(value);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_items))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public void OnError(Exception error) => _ended.TrySetResult(error);

    public void OnCompleted() => _ended.TrySetResult(null);

    public Task WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition, string because)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_items))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken)
            .ContinueWith(
                t => t.IsFaulted && t.Exception!.InnerException is TimeoutException
                    ? throw new TimeoutException($"Timed out waiting until {because}; received {Items.Count}.")
                    : t,
                TaskScheduler.Default).Unwrap();
    }

    public Task WaitForCountAsync(int count) => WaitUntilAsync(items => items.Count >= count, $"{count} items arrive");
}
