using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Text;

namespace Jackpot.Reactive.Testing;

/// <summary>The events of a recording at their replayed times: one scheduled at a time, events due at the same moment
/// emitted in one go (so a <c>TestScheduler</c> does not spread them over ticks), completion at the last line's time.</summary>
internal sealed class RecordedEventsObservable(
    JackpotRecording recording, IScheduler scheduler, ChannelName? channel, RecordingReplayOptions options) : IObservable<JackpotEvent>
{
    public IDisposable Subscribe(IObserver<JackpotEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var run = new Run(observer, scheduler, scheduler.Now, RecordingTimeline.Replay(recording.ReadEntries(options.Read), options).GetEnumerator(), channel);
        run.Start();
        return run;
    }

    private sealed class Run(
        IObserver<JackpotEvent> observer,
        IScheduler scheduler,
        DateTimeOffset start,
        IEnumerator<(RecordingEntry Entry, TimeSpan At)> entries,
        ChannelName? channel) : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly SerialDisposable _next = new();
        private bool _done;
        private (RecordingEntry Entry, TimeSpan At)? _pending;
        private TimeSpan _last;

        public void Start() => ScheduleNext();

        public void Dispose()
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                _done = true;
                _next.Dispose();
                entries.Dispose();
            }
        }

        private void ScheduleNext()
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                if (!TryPeek(out var due, out var error))
                {
                    var at = start + _last;
                    _next.Disposable = scheduler.Schedule(at, () => Finish(error));
                    return;
                }

                _next.Disposable = scheduler.Schedule(start + due, Emit);
            }
        }

        private void Emit()
        {
            var batch = new List<JackpotEvent>();
            Exception? error = null;
            bool ended = false;
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                var now = scheduler.Now - start;
                while (true)
                {
                    if (!TryPeek(out var due, out error))
                    {
                        ended = true;
                        break;
                    }

                    if (due > now)
                    {
                        break;
                    }

                    var entry = _pending!.Value.Entry;
                    _pending = null;
                    if (entry.Kind == RecordingEntryKind.Event
                        && (channel is null || entry.Channel == channel.Value)
                        && JackpotEvent.TryParse(Encoding.UTF8.GetBytes(entry.Data!), out var jackpotEvent, out _))
                    {
                        batch.Add(jackpotEvent);
                    }
                }
            }

            foreach (var jackpotEvent in batch)
            {
                observer.OnNext(jackpotEvent);
            }

            if (ended)
            {
                Finish(error);
                return;
            }

            ScheduleNext();
        }

        private void Finish(Exception? error)
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                _done = true;
                entries.Dispose();
            }

            if (error is null)
            {
                observer.OnCompleted();
            }
            else
            {
                observer.OnError(error);
            }
        }

        /// <summary>The next line's replayed time; false at the end or on a malformed line (then <paramref name="error"/>).</summary>
        private bool TryPeek(out TimeSpan due, out Exception? error)
        {
            error = null;
            due = default;
            if (_pending is null)
            {
                try
                {
                    if (!entries.MoveNext())
                    {
                        return false;
                    }
                }
                catch (RecordingFormatException formatError)
                {
                    error = formatError;
                    return false;
                }

                _pending = entries.Current;
                _last = entries.Current.At;
            }

            due = _pending.Value.At;
            return true;
        }
    }
}
