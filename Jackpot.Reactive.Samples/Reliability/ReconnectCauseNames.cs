using System.Net.Sockets;

namespace Jackpot.Reactive.Samples;

/// <summary>Short names for the cause of a <see cref="ChannelState.Reconnecting"/> or <see cref="ChannelState.Failed"/>
/// status, for reports: <c>end_of_stream</c>, <c>network</c>, <c>idle_timeout</c>, <c>http_503</c>, <c>too_large</c>, ….</summary>
/// <remarks>The categories of the <c>jackpot.reconnect.cause</c> metric (docs/metrics.md), with the HTTP status code
/// itself instead of its class, since a report can afford the detail.</remarks>
internal static class ReconnectCauseNames
{
    public const string EndOfStream = "end_of_stream";
    public const string Network = "network";
    public const string IdleTimeout = "idle_timeout";
    public const string TooLarge = "too_large";
    public const string Cors = "cors";

    public static string Http(int status) => "http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Of(Exception? cause) => cause switch
    {
        null or SseStreamEndedException or EndOfStreamException => EndOfStream,
        SseIdleTimeoutException => IdleTimeout,
        SseEventTooLargeException => TooLarge,
        SseCorsException => Cors,
        SseHttpException http => Http((int)http.StatusCode),
        HttpRequestException { StatusCode: { } status } => Http((int)status),
        HttpRequestException or IOException or SocketException => Network,
        _ => "other:" + cause.GetType().Name,
    };
}
