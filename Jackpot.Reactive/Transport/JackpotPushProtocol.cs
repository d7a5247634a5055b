namespace Jackpot.Reactive;

/// <summary>Which HTTP version the event streams use (see <see cref="JackpotPushClientOptions.Protocol"/> and
/// <see cref="HttpSseTransport(JackpotPushProtocol)"/>).</summary>
/// <remarks>
/// Over HTTP/2 many channels share one connection, each a stream of its own; the handler opens further connections when
/// the server's concurrent-stream limit is reached (<see cref="SocketsHttpHandler.EnableMultipleHttp2Connections"/>, on
/// in <see cref="HttpSseTransport.CreateDefaultHandler"/>). Which version a channel got is in its
/// <see cref="ChannelStatus.HttpVersion"/> when it opens.
/// </remarks>
public enum JackpotPushProtocol
{
    /// <summary>HTTP/2 over TLS when the server offers it by ALPN, else HTTP/1.1; HTTP/1.1 on plain <c>http://</c>
    /// (request version 2.0, <see cref="HttpVersionPolicy.RequestVersionOrLower"/>).</summary>
    Negotiate,

    /// <summary>HTTP/1.1 only: one connection per channel (request version 1.1,
    /// <see cref="HttpVersionPolicy.RequestVersionExact"/>).</summary>
    Http11,

    /// <summary>HTTP/2 only: over TLS by ALPN (a server that does not offer <c>h2</c> fails the request, and it is
    /// retried like a network error), on plain <c>http://</c> with prior knowledge, h2c (request version 2.0,
    /// <see cref="HttpVersionPolicy.RequestVersionExact"/>).</summary>
    Http2,
}
