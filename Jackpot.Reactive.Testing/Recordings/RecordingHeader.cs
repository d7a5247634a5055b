namespace Jackpot.Reactive.Testing;

/// <summary>The first line of a recording: what it is and where it came from.</summary>
public sealed record RecordingHeader
{
    /// <summary>The value of the header's <c>format</c> property.</summary>
    public const string FormatName = "jackpot-recording";

    /// <summary>The format version this package writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Gets the format version of the file.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Gets when the recording started (UTC).</summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>Gets where the traffic came from: the subscribe endpoint, or a description such as <c>simulator</c>.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Gets the recorded channels, with player ids already pseudonymised when <see cref="PlayerIdsRedacted"/>.</summary>
    public IReadOnlyList<ChannelName> Channels { get; init; } = [];

    /// <summary>Gets a value indicating whether player ids were replaced by pseudonyms (<c>redacted-1</c>, …).</summary>
    public bool PlayerIdsRedacted { get; init; } = true;
}
