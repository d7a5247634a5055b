using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive;

/// <summary>What a client got over, told three ways: on <see cref="Diagnostics"/>, in the log, and on the meter.</summary>
public sealed partial class JackpotPushClient
{
    private void ReportMalformed(ChannelName channel, JackpotEventFormatException error, SseEvent sseEvent)
    {
        Interlocked.Increment(ref _malformedEventCount);
        _metrics.MalformedEvent(channel.Kind);
        var diagnostic = new JackpotPushDiagnostic(
            channel,
            error,
            JackpotPushDiagnostic.Preview(sseEvent.Data.Span, channel),
            sseEvent.LastEventId);
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            // The channel as its redacted text (never the ChannelName itself: a structured sink could read its RawValue),
            // and the problem with the player id redacted like the preview (it may echo a rejected value).
            LogMalformedPayload(
                _logger,
                channel.ToString(),
                error.Field ?? "(payload)",
                channel.RedactPlayerIn(error.Message),
                diagnostic.PayloadPreview);
        }

        _diagnostics.OnNext(diagnostic);
    }

    /// <summary>Reports a subscriber of a channel's events or status that threw and was unsubscribed.</summary>
    private void ReportSubscriberFault(ChannelName channel, SubscriberFault fault, string stream, string lastEventId)
    {
        Interlocked.Increment(ref _subscriberFaultCount);
        _metrics.SubscriberFault(channel.Kind);
        if (_logger.IsEnabled(LogLevel.Error))
        {
            LogSubscriberFault(_logger, channel.ToString(), fault.Call, stream, fault.Exception);
        }

        _diagnostics.OnNext(new JackpotPushDiagnostic(
            JackpotPushDiagnosticKind.SubscriberFault, channel, fault.Exception, PayloadPreview: string.Empty, lastEventId)
        {
            FaultedCall = $"{fault.Call} ({stream})",
        });
    }

    /// <summary>A <see cref="Diagnostics"/> subscriber threw: it is unsubscribed, and logged (reporting it on
    /// <see cref="Diagnostics"/> could loop).</summary>
    private void OnDiagnosticsSubscriberFault(SubscriberFault fault)
    {
        Interlocked.Increment(ref _subscriberFaultCount);
        LogDiagnosticsSubscriberFault(_logger, fault.Call, fault.Exception);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Skipped a malformed payload on {Channel}: {Field}: {Problem} Payload: {Payload}")]
    private static partial void LogMalformedPayload(ILogger logger, string channel, string field, string problem, string payload);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "A subscriber of {Channel} threw from {Call} ({Stream}); it was unsubscribed, the others go on")]
    private static partial void LogSubscriberFault(ILogger logger, string channel, string call, string stream, Exception exception);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "A Diagnostics subscriber threw from {Call}; it was unsubscribed")]
    private static partial void LogDiagnosticsSubscriberFault(ILogger logger, string call, Exception exception);
}
