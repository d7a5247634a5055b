namespace Jackpot.Reactive.Testing;

/// <summary>Maps recorded times to replayed times, line by line in file order: each gap is divided by
/// <see cref="RecordingReplayOptions.Speed"/> and cut to <see cref="RecordingReplayOptions.MaxSilence"/>. A line dated
/// before the one above it (a clock step back) counts as no gap.</summary>
internal sealed class RecordingTimeline(RecordingReplayOptions options)
{
    private TimeSpan _recorded;
    private TimeSpan _replayed;

    public TimeSpan Map(TimeSpan recorded)
    {
        var gap = recorded - _recorded;
        if (gap > TimeSpan.Zero)
        {
            var scaled = options.Speed == 1 ? gap : TimeSpan.FromTicks((long)Math.Round(gap.Ticks / options.Speed));
            if (options.MaxSilence is { } max && scaled > max)
            {
                scaled = max;
            }

            _replayed += scaled;
            _recorded = recorded;
        }

        return _replayed;
    }

    /// <summary>The entries with their replayed times.</summary>
    public static IEnumerable<(RecordingEntry Entry, TimeSpan At)> Replay(IEnumerable<RecordingEntry> entries, RecordingReplayOptions options)
    {
        var timeline = new RecordingTimeline(options);
        foreach (var entry in entries)
        {
            yield return (entry, timeline.Map(entry.Time));
        }
    }
}
