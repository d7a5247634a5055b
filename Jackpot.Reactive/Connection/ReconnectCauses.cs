using System.Net;
using System.Net.Sockets;

namespace Jackpot.Reactive;

/// <summary>Maps the error that made a connection reconnect onto a <see cref="ReconnectCause"/> and its attribute value.</summary>
internal static class ReconnectCauses
{
    /// <summary>Classifies an error by its type (and, for HTTP failures, its status code).</summary>
    /// <param name="error">The error; <see langword="null"/> stands for a clean end of stream.</param>
    /// <returns>The category; <see cref="ReconnectCause.Other"/> when the error fits none.</returns>
    /// <remarks>
    /// The connection's own errors are classified by type like any other: <see cref="SseStreamEndedException"/> is an
    /// end of stream, <see cref="SseIdleTimeoutException"/> (a <see cref="TimeoutException"/>) an idle timeout,
    /// <see cref="SseEventTooLargeException"/> too large.
    /// </remarks>
    public static ReconnectCause Classify(Exception? error) => error switch
    {
        null or EndOfStreamException or SseStreamEndedException => ReconnectCause.EndOfStream,
        SseEventTooLargeException => ReconnectCause.TooLarge,
        SseCorsException => ReconnectCause.Cors,
        SseHttpException http => ClassifyStatus(http.StatusCode),
        TimeoutException => ReconnectCause.IdleTimeout,
        HttpRequestException { StatusCode: { } status } => ClassifyStatus(status),
        HttpRequestException or IOException or SocketException => ReconnectCause.Network,
        _ => ReconnectCause.Other,
    };

    /// <summary>Gets the attribute value of a cause: <c>network</c>, <c>end_of_stream</c>, <c>http_5xx</c>, ….</summary>
    /// <param name="cause">The cause.</param>
    /// <returns>A lowercase snake_case constant; <c>other</c> for a value outside the enum.</returns>
    public static string ToAttributeValue(ReconnectCause cause) => cause switch
    {
        ReconnectCause.Network => "network",
        ReconnectCause.EndOfStream => "end_of_stream",
        ReconnectCause.IdleTimeout => "idle_timeout",
        ReconnectCause.Http5xx => "http_5xx",
        ReconnectCause.Http408 => "http_408",
        ReconnectCause.Http429 => "http_429",
        ReconnectCause.TooLarge => "too_large",
        ReconnectCause.Cors => "cors",
        _ => "other",
    };

    private static ReconnectCause ClassifyStatus(HttpStatusCode status) => (int)status switch
    {
        >= 500 and <= 599 => ReconnectCause.Http5xx,
        408 => ReconnectCause.Http408,
        429 => ReconnectCause.Http429,
        _ => ReconnectCause.Other,
    };
}
