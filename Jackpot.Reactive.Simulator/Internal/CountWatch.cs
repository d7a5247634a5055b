namespace Jackpot.Reactive.Simulator;

/// <summary>
/// Lets callers wait until a count kept elsewhere satisfies a condition: the owner calls <see cref="Changed"/> after
/// every change, and <see cref="WaitAsync"/> re-checks the count after each. Thread-safe.
/// </summary>
/// <param name="count">Reads the current count.</param>
internal sealed class CountWatch(Func<int> count)
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes every waiter to check the count again.</summary>
    public void Changed() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits until the count satisfies <paramref name="condition"/>.</summary>
    /// <param name="condition">The condition on the count.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public async Task WaitAsync(Func<int, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Read the signal before the count: a change after the check completes the task awaited below.
            var changed = Volatile.Read(ref _changed);
            if (condition(count()))
            {
                return;
            }

            await changed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
