using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Jackpot.Reactive.Testing;

/// <summary>Runs an attempt's steps that are read as they go (a replayed recording): one step is scheduled at a time,
/// and the steps due at the same moment run in one go, so they stay in the tick a list script would run them in.</summary>
internal sealed class LazyStepRunner(
    IScheduler scheduler, IEnumerable<VirtualStep> steps, IObserver<SseTransportChunk> observer, Action<VirtualStep, IObserver<SseTransportChunk>> run) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SerialDisposable _next = new();
    private readonly DateTimeOffset _start = scheduler.Now;
    private IEnumerator<VirtualStep>? _steps;
    private VirtualStep? _pending;
    private bool _done;

    public IDisposable Start()
    {
        _steps = steps.GetEnumerator();
        ScheduleNext();
        return this;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _done = true;
            _next.Dispose();
            _steps?.Dispose();
        }
    }

    private void ScheduleNext()
    {
        lock (_gate)
        {
            if (!_done && TryPeek() is { } step)
            {
                _next.Disposable = scheduler.Schedule(_start + step.At, RunDue);
            }
        }
    }

    private void RunDue()
    {
        while (true)
        {
            VirtualStep step;
            lock (_gate)
            {
                if (_done || TryPeek() is not { } next || _start + next.At > scheduler.Now)
                {
                    break;
                }

                step = next;
                _pending = null;
                _done = step.Kind is VirtualStepKind.End or VirtualStepKind.Fail;
            }

            run(step, observer);
        }

        ScheduleNext();
    }

    private VirtualStep? TryPeek()
    {
        if (_pending is null && _steps!.MoveNext())
        {
            _pending = _steps.Current;
        }

        return _pending;
    }
}
