using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Jackpot.Reactive.Testing;

/// <summary>A timer whose firings are work items on an <see cref="IScheduler"/>.</summary>
internal sealed class SchedulerTimer(IScheduler scheduler, TimerCallback callback, object? state) : ITimer
{
    private readonly Lock _gate = new();
    private IDisposable? _scheduled;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private long _generation;
    private bool _disposed;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        SchedulerTimeProvider.ValidateTimerSpan(dueTime, nameof(dueTime));
        SchedulerTimeProvider.ValidateTimerSpan(period, nameof(period));
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _scheduled?.Dispose();
            _scheduled = null;
            _period = period;
            _generation++;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                _scheduled = ScheduleFiring(dueTime, _generation);
            }

            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _generation++;
            _scheduled?.Dispose();
            _scheduled = null;
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private IDisposable ScheduleFiring(TimeSpan dueTime, long generation) =>
        scheduler.Schedule(generation, dueTime, (_, firing) =>
        {
            Fire(firing);
            return Disposable.Empty;
        });

    private void Fire(long generation)
    {
        lock (_gate)
        {
            if (_disposed || generation != _generation)
            {
                return;
            }

            bool periodic = _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero;
            _scheduled = periodic ? ScheduleFiring(_period, generation) : null;
        }

        callback(state);
    }
}
