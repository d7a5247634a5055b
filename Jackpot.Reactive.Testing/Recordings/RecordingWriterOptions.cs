namespace Jackpot.Reactive.Testing;

/// <summary>What a <see cref="RecordingWriter"/> writes in the header, and how it redacts.</summary>
public sealed record RecordingWriterOptions
{
    /// <summary>Gets where the traffic comes from, for the header: the subscribe endpoint, or e.g. <c>simulator</c>.</summary>
    /// <value>The default value is the empty string.</value>
    public string Source { get; init; } = string.Empty;

    /// <summary>Gets the channels to be recorded, for the header (in clear: the writer pseudonymises them). Their
    /// player ids get the pseudonyms <c>redacted-1</c>, <c>redacted-2</c>, … in this order; a player channel met later
    /// gets the next one.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<ChannelName> Channels { get; init; } = [];

    /// <summary>Gets a value indicating whether player ids are written as they are. Only for recordings that stay
    /// private: a player id is a secret.</summary>
    /// <value>The default value is <see langword="false"/>: every player channel name, plain or URI-escaped, is
    /// replaced wherever it appears (channel fields, event data, error messages, headers) with its pseudonym.</value>
    public bool KeepPlayerIds { get; init; }

    /// <summary>Gets the clock that dates the lines.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
