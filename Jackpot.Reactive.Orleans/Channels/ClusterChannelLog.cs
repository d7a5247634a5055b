using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans;

/// <summary>The subscriber side's log messages (channel names as their redacted text).</summary>
internal static partial class ClusterChannelLog
{
    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Channel {Channel}: renewing the subscription failed ({Failures} in a row); events pause until it succeeds")]
    public static partial void RenewFailed(ILogger logger, string channel, int failures, Exception error);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information, Message = "Channel {Channel}: re-subscribing at once ({Reason})")]
    public static partial void Interrupted(ILogger logger, string channel, string reason);

    [LoggerMessage(EventId = 115, Level = LogLevel.Information, Message = "Silo {Silo} was declared dead; its channels' subscribers re-subscribe")]
    public static partial void SiloDead(ILogger logger, string silo);

    [LoggerMessage(EventId = 111, Level = LogLevel.Debug, Message = "Channel {Channel}: unsubscribing failed; the lease will expire")]
    public static partial void UnsubscribeFailed(ILogger logger, string channel, Exception error);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Channel {Channel}: caught up after a gap; events may have been missed")]
    public static partial void Gap(ILogger logger, string channel);

    [LoggerMessage(EventId = 113, Level = LogLevel.Error, Message = "Channel {Channel}: a subscriber threw from {Call} ({Stream}); it was unsubscribed, the others go on")]
    public static partial void SubscriberThrew(ILogger logger, string channel, string call, string stream, Exception error);

    [LoggerMessage(EventId = 116, Level = LogLevel.Error, Message = "A Diagnostics subscriber threw; it was unsubscribed")]
    public static partial void DiagnosticsSubscriberThrew(ILogger logger, Exception error);
}
