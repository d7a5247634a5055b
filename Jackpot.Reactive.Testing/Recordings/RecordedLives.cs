using System.Globalization;
using System.Net;
using System.Text;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// The recorded connection attempts of one channel as scripts of a <see cref="VirtualChannel"/>, read from the file as
/// the attempts run: attempt <c>n</c> gets the steps of recorded attempt <c>n</c>, one at a time.
/// </summary>
/// <remarks>
/// One reader per channel walks the file once; attempts come one after another (a client ends an attempt before it
/// starts the next), so an attempt that starts skips whatever an earlier attempt left unread. Steps keep their recorded
/// times on the replay's clock: an early client waits for the recorded moment (as if the server were slower to answer);
/// a late one gets the steps that fell due meanwhile at once, as a server resending from <c>Last-Event-ID</c> would, and
/// the rest at their times. So live traffic keeps its own clock, as a service's broadcast does.
/// </remarks>
internal sealed class RecordedLives(JackpotRecording recording, ChannelName channel, RecordingReplayOptions options, DateTimeOffset replayStart)
{
    private readonly Lock _gate = new();
    private IEnumerator<(RecordingEntry Entry, TimeSpan At)>? _entries;
    private (RecordingEntry Entry, TimeSpan At)? _lookahead;
    private bool _ended;

    /// <summary>Returns the steps of attempt <paramref name="attempt"/>, lazily, or null when the recording has no such
    /// attempt (the channel's <c>Otherwise</c> script applies).</summary>
    public IEnumerable<VirtualStep>? StepsFor(int attempt, DateTimeOffset now)
    {
        lock (_gate)
        {
            Exception? error = null;
            try
            {
                while (Peek() is { } next && next.Entry.Attempt < attempt)
                {
                    _lookahead = null;
                }
            }
            catch (RecordingFormatException formatError)
            {
                error = formatError;
            }

            if (error is not null)
            {
                return [new VirtualStep(TimeSpan.Zero, VirtualStepKind.Fail, Error: error)];
            }

            if (_lookahead is not { } first || first.Entry.Attempt != attempt)
            {
                return null;
            }

            return Steps(attempt, now - replayStart);
        }
    }

    private IEnumerable<VirtualStep> Steps(int attempt, TimeSpan started)
    {
        bool last = false;
        while (!last)
        {
            if (!TryTake(attempt, started, out var step, out last))
            {
                yield break;
            }

            if (step is not null)
            {
                yield return step;
            }
        }
    }

    /// <summary>Takes the next line of the attempt as a step (null for a line that sends nothing); false when the
    /// attempt has no more lines. A malformed line becomes a failure of the attempt.</summary>
    private bool TryTake(int attempt, TimeSpan started, out VirtualStep? step, out bool last)
    {
        lock (_gate)
        {
            (RecordingEntry Entry, TimeSpan At)? next;
            try
            {
                next = Peek();
            }
            catch (RecordingFormatException error)
            {
                step = new VirtualStep(TimeSpan.Zero, VirtualStepKind.Fail, Error: error);
                last = true;
                return true;
            }

            if (next is not { } current || current.Entry.Attempt != attempt)
            {
                step = null;
                last = true;
                return false;
            }

            _lookahead = null;
            var at = current.At - started;
            (step, last) = ToStep(current.Entry, at < TimeSpan.Zero ? TimeSpan.Zero : at);
            return true;
        }
    }

    private (RecordingEntry Entry, TimeSpan At)? Peek()
    {
        if (_lookahead is null && !_ended)
        {
            _entries ??= RecordingTimeline.Replay(recording.ReadEntries(options.Read), options).GetEnumerator();
            while (true)
            {
                bool moved;
                try
                {
                    moved = _entries.MoveNext();
                }
                catch
                {
                    End();
                    throw;
                }

                if (!moved)
                {
                    End();
                    break;
                }

                if (_entries.Current.Entry.Kind != RecordingEntryKind.Stop && _entries.Current.Entry.Channel == channel)
                {
                    _lookahead = _entries.Current;
                    break;
                }
            }
        }

        return _lookahead;
    }

    private void End()
    {
        _ended = true;
        _entries?.Dispose();
    }

    /// <summary>The step of one line, and whether it ends the attempt.</summary>
    private static (VirtualStep? Step, bool Last) ToStep(RecordingEntry entry, TimeSpan at) => entry.Kind switch
    {
        RecordingEntryKind.Open => (new VirtualStep(at, VirtualStepKind.Open), false),
        RecordingEntryKind.Event => (new VirtualStep(at, VirtualStepKind.Data, EventBytes(entry)), false),
        RecordingEntryKind.Retry => (new VirtualStep(at, VirtualStepKind.Data, VirtualStep.RetryBytes(entry.Delay!.Value)), false),
        RecordingEntryKind.Comment => (new VirtualStep(at, VirtualStepKind.Data, Encoding.UTF8.GetBytes(":" + entry.Data + "\n")), false),
        RecordingEntryKind.End => (new VirtualStep(at, VirtualStepKind.End), true),
        RecordingEntryKind.Error => (new VirtualStep(at, VirtualStepKind.Fail, Error: ToException(entry)), true),

        // The client closed it: the replaying client must close it too (an idle timeout, its own unsubscription).
        RecordingEntryKind.Close => (null, true),
        _ => (null, false),
    };

    private static byte[] EventBytes(RecordingEntry entry)
    {
        var text = new StringBuilder(entry.Data!.Length + 64);
        text.Append("id: ").Append(entry.EventId).Append('\n');
        if (entry.EventType is { } type && type != SseEvent.DefaultEventType)
        {
            text.Append("event: ").Append(type).Append('\n');
        }

        foreach (string line in entry.Data.Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.Append('\n').ToString());
    }

    /// <summary>The exception the transport raised, rebuilt: a rejected response as <see cref="SseHttpException"/>, a
    /// failed request as <see cref="HttpRequestException"/>, anything else as <see cref="IOException"/>.</summary>
    private static Exception ToException(RecordingEntry entry)
    {
        string message = entry.Message ?? string.Empty;
        if (entry.Status is { } status)
        {
            var headers = (entry.Headers ?? new Dictionary<string, string>())
                .ToDictionary(h => h.Key, h => (IReadOnlyList<string>)[h.Value], StringComparer.OrdinalIgnoreCase);
            return new SseHttpException((HttpStatusCode)status, entry.ContentType, headers, entry.Delay);
        }

        return entry.Cause switch
        {
            nameof(HttpRequestException) => new HttpRequestException(message),
            _ => new IOException(string.IsNullOrEmpty(message) ? string.Create(CultureInfo.InvariantCulture, $"Recorded {entry.Cause}.") : message),
        };
    }
}
