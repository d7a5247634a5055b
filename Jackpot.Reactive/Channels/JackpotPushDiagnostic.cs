namespace Jackpot.Reactive;

/// <summary>Something the client met and got over without ending a stream: a payload it could not use (reported and
/// skipped), or a subscriber that threw (isolated: its subscription ended, the others went on).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Channel">The channel it happened on (its <see cref="ChannelName.ToString"/> redacts a player id).</param>
/// <param name="Error">For <see cref="JackpotPushDiagnosticKind.MalformedPayload"/>, why the payload was rejected (a
/// <see cref="JackpotEventFormatException"/>, see <see cref="FormatError"/>); for
/// <see cref="JackpotPushDiagnosticKind.SubscriberFault"/>, what the subscriber threw.</param>
/// <param name="PayloadPreview">For a malformed payload, the start of the payload (at most <see cref="MaxPreviewLength"/>
/// characters), with the player id of a player channel redacted; empty for a subscriber fault (see
/// <see cref="FaultedCall"/>).</param>
/// <param name="LastEventId">The SSE last event id of the channel when it happened (empty when none is known).</param>
public sealed record JackpotPushDiagnostic(
    JackpotPushDiagnosticKind Kind,
    ChannelName Channel,
    Exception Error,
    string PayloadPreview,
    string LastEventId)
{
    /// <summary>The longest <see cref="PayloadPreview"/> of a malformed payload, in characters.</summary>
    public const int MaxPreviewLength = 256;

    /// <summary>Creates the diagnostic of a malformed payload.</summary>
    /// <param name="channel">The channel it arrived on.</param>
    /// <param name="error">Why it was rejected.</param>
    /// <param name="payloadPreview">The start of the payload, redacted.</param>
    /// <param name="lastEventId">The SSE last event id when it arrived.</param>
    public JackpotPushDiagnostic(ChannelName channel, JackpotEventFormatException error, string payloadPreview, string lastEventId)
        : this(JackpotPushDiagnosticKind.MalformedPayload, channel, error, payloadPreview, lastEventId)
    {
    }

    /// <summary>Gets, for a <see cref="JackpotPushDiagnosticKind.SubscriberFault"/>, which call threw and on which
    /// stream: <c>OnNext (events)</c>, <c>OnNext (status)</c>, <c>OnError (events)</c>, …; null for other kinds.</summary>
    /// <value>The default value is null.</value>
    public string? FaultedCall { get; init; }

    /// <summary>Gets the format error of a <see cref="JackpotPushDiagnosticKind.MalformedPayload"/> (its
    /// <see cref="JackpotEventFormatException.Field"/> names the field at fault); null for other kinds.</summary>
    public JackpotEventFormatException? FormatError =>
        Kind == JackpotPushDiagnosticKind.MalformedPayload ? Error as JackpotEventFormatException : null;

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
