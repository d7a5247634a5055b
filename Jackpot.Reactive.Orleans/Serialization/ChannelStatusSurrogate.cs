using System.Net;

namespace Jackpot.Reactive.Orleans;

/// <summary>The wire form of a <see cref="ChannelStatus"/>, its cause reduced to what a subscriber can act on.</summary>
/// <remarks>
/// An <see cref="SseHttpException"/> crosses whole (status, content type, headers, <c>Retry-After</c>), so a subscriber
/// catches the same exception as with <see cref="JackpotPushClient"/>; any other cause arrives as a
/// <see cref="JackpotChannelFailedException"/> that names the original type and keeps its message.
/// </remarks>
[GenerateSerializer]
[Alias("jackpot.status")]
internal struct ChannelStatusSurrogate
{
    [Id(0)]
    public ChannelState State;

    [Id(1)]
    public int Attempt;

    [Id(2)]
    public TimeSpan Delay;

    [Id(3)]
    public StreamContinuity Continuity;

    [Id(4)]
    public string? CauseType;

    [Id(5)]
    public string? CauseMessage;

    [Id(6)]
    public int? HttpStatus;

    [Id(7)]
    public string? ContentType;

    [Id(8)]
    public Dictionary<string, string[]>? Headers;

    [Id(9)]
    public TimeSpan? RetryAfter;
}

/// <summary>Converts <see cref="ChannelStatus"/> for Orleans serialization.</summary>
[RegisterConverter]
internal sealed class ChannelStatusConverter : IConverter<ChannelStatus, ChannelStatusSurrogate>
{
    public ChannelStatus ConvertFromSurrogate(in ChannelStatusSurrogate surrogate) => new(surrogate.State)
    {
        Attempt = surrogate.Attempt,
        Delay = surrogate.Delay,
        Continuity = surrogate.Continuity,
        Cause = RebuildCause(surrogate),
    };

    public ChannelStatusSurrogate ConvertToSurrogate(in ChannelStatus value)
    {
        var surrogate = new ChannelStatusSurrogate
        {
            State = value.State,
            Attempt = value.Attempt,
            Delay = value.Delay,
            Continuity = value.Continuity,
        };
        switch (value.Cause)
        {
            case null:
                break;
            case SseHttpException http:
                surrogate.CauseType = typeof(SseHttpException).FullName;
                surrogate.CauseMessage = http.Message;
                surrogate.HttpStatus = (int)http.StatusCode;
                surrogate.ContentType = http.ContentType;
                surrogate.Headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
                surrogate.RetryAfter = http.RetryAfter;
                break;
            case JackpotChannelFailedException relayed:
                surrogate.CauseType = relayed.CauseType;
                surrogate.CauseMessage = relayed.Message;
                break;
            case var other:
                surrogate.CauseType = other.GetType().FullName;
                surrogate.CauseMessage = other.Message;
                break;
        }

        return surrogate;
    }

    private static Exception? RebuildCause(in ChannelStatusSurrogate surrogate)
    {
        if (surrogate.HttpStatus is { } status)
        {
            var headers = (surrogate.Headers ?? []).ToDictionary(
                h => h.Key, IReadOnlyList<string> (h) => h.Value, StringComparer.OrdinalIgnoreCase);
            return new SseHttpException((HttpStatusCode)status, surrogate.ContentType, headers, surrogate.RetryAfter);
        }

        return surrogate.CauseType is { } type
            ? new JackpotChannelFailedException(type, surrogate.CauseMessage ?? string.Empty)
            : null;
    }
}
