namespace Jackpot.Reactive.Testing;

/// <summary>How a recording's time runs on replay: as recorded, scaled, with long silences compressed.</summary>
public sealed record RecordingReplayOptions
{
    /// <summary>Gets how much faster than recorded time runs: 2 halves every gap, 0.5 doubles it. Positive.</summary>
    /// <value>The default value is 1 (as recorded).</value>
    public double Speed
    {
        get;
        init
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Speed), value, "Speed must be a positive finite number.");
            }

            field = value;
        }
    } = 1;

    /// <summary>Gets the longest silence kept: a gap between two lines longer than this (after <see cref="Speed"/>) is
    /// shortened to it. Null keeps every gap.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? MaxSilence
    {
        get;
        init
        {
            if (value is { } span && span < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxSilence), value, "MaxSilence must not be negative.");
            }

            field = value;
        }
    }

    /// <summary>Gets how lines are read (skip malformed lines or not).</summary>
    /// <value>The default value reads strictly.</value>
    public RecordingReadOptions Read { get; init; } = new();

    /// <summary>Gets the replay options that keep time as recorded.</summary>
    public static RecordingReplayOptions AsRecorded { get; } = new();
}
