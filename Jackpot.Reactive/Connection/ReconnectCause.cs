namespace Jackpot.Reactive;

/// <summary>Why a connection is being reopened: a short, bounded category for the reconnect counter.</summary>
internal enum ReconnectCause
{
    /// <summary>Anything not listed below.</summary>
    Other,

    /// <summary>The connection broke: a socket, TLS or HTTP protocol error.</summary>
    Network,

    /// <summary>The server ended the stream cleanly.</summary>
    EndOfStream,

    /// <summary>No bytes arrived within the idle timeout.</summary>
    IdleTimeout,

    /// <summary>The server answered with a 5xx status.</summary>
    Http5xx,

    /// <summary>The server answered 408 Request Timeout.</summary>
    Http408,

    /// <summary>The server answered 429 Too Many Requests.</summary>
    Http429,

    /// <summary>An event exceeded the maximum event size.</summary>
    TooLarge,

    /// <summary>In the browser, the server refused the CORS preflight of the request's extra headers.</summary>
    Cors,
}
