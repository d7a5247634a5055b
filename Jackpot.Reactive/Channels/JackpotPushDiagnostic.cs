namespace Jackpot.Reactive;

/// <summary>A payload the client received but could not use: it was reported and skipped, and the stream went on.</summary>
/// <param name="Channel">The channel it arrived on (its <see cref="ChannelName.ToString"/> redacts a player id).</param>
/// <param name="Error">Why it was rejected; <see cref="JackpotEventFormatException.Field"/> names the field at fault.</param>
/// <param name="PayloadPreview">The start of the payload (at most <see cref="MaxPreviewLength"/> characters), with the
/// player id of a player channel redacted.</param>
/// <param name="LastEventId">The SSE last event id when the payload arrived.</param>
public sealed record JackpotPushDiagnostic(
    ChannelName Channel,
    JackpotEventFormatException Error,
    string PayloadPreview,
    string LastEventId)
{
    /// <summary>The longest <see cref="PayloadPreview"/>, in characters.</summary>
    public const int MaxPreviewLength = 256;

    internal static string Preview(ReadOnlySpan<byte> payload, ChannelName channel)
    {
        int byteCount = Math.Min(payload.Length, MaxPreviewLength * 4);
        string text = System.Text.Encoding.UTF8.GetString(payload[..byteCount]);
        text = channel.RedactPlayerIn(text);

        bool truncated = text.Length > MaxPreviewLength || byteCount < payload.Length;
        if (text.Length > MaxPreviewLength)
        {
            text = text[..MaxPreviewLength];
        }

        return truncated ? text + "…" : text;
    }
}
