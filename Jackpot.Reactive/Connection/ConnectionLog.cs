using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive;

/// <summary>The log messages of <see cref="SseConnection"/>. The target never contains a player id: see
/// <see cref="DescribeTarget"/>.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connecting to {Target} (resuming: {Resuming})")]
    public static partial void Connecting(ILogger logger, string target, bool resuming);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Event stream {Target} open ({Continuity})")]
    public static partial void Opened(ILogger logger, string target, StreamContinuity continuity);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Event stream {Target} failed; retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string target, int attempt, TimeSpan delay, Exception cause);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Event stream {Target} failed for good")]
    public static partial void Failed(ILogger logger, string target, Exception cause);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Event stream {Target} closed")]
    public static partial void Closed(ILogger logger, string target);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "A status subscriber of {Target} threw from {Call}; it was unsubscribed, the others go on")]
    public static partial void StatusSubscriberFaulted(ILogger logger, string target, string call, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Event stream {Target}: the server refused the CORS preflight for Last-Event-ID; reconnected without it, so events sent meanwhile may be missed (allow Last-Event-ID in Access-Control-Allow-Headers to resume)")]
    public static partial void LastEventIdRefused(ILogger logger, string target, Exception cause);

    /// <summary>Describes a stream URI for logs: scheme, authority and path, and the <c>channel</c> query parameter with
    /// the player id redacted (<see cref="ChannelName.ToString"/>). Other query parameters, user info and the player id
    /// are never logged.</summary>
    /// <param name="uri">The stream URI.</param>
    /// <returns>A description safe to log.</returns>
    public static string DescribeTarget(Uri uri)
    {
        string target = uri.GetLeftPart(UriPartial.Path);
        if (uri.UserInfo.Length > 0)
        {
            target = target.Replace(uri.UserInfo + "@", string.Empty, StringComparison.Ordinal);
        }

        foreach (string parameter in uri.Query.TrimStart('?').Split('&'))
        {
            const string ChannelParameter = "channel=";
            if (parameter.StartsWith(ChannelParameter, StringComparison.Ordinal))
            {
                string value = Uri.UnescapeDataString(parameter[ChannelParameter.Length..].Replace('+', ' '));
                return target + "?channel=" + (ChannelName.TryParse(value, out var channel) ? channel.ToString() : "(unrecognised)");
            }
        }

        return target;
    }
}
