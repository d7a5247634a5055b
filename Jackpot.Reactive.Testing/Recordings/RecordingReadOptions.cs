namespace Jackpot.Reactive.Testing;

/// <summary>How a recording is read.</summary>
public sealed record RecordingReadOptions
{
    /// <summary>Gets a value indicating whether a malformed line (and a truncated last line) is skipped instead of ending
    /// the read with a <see cref="RecordingFormatException"/>. The header is never skipped.</summary>
    /// <value>The default value is <see langword="false"/>: nothing is skipped silently.</value>
    public bool SkipMalformedLines { get; init; }

    /// <summary>Gets a callback told about every skipped line, when <see cref="SkipMalformedLines"/> is set.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Action<RecordingFormatException>? OnSkipped { get; init; }
}
