using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Jackpot.Reactive.Simulator;

/// <summary>The HTTP protocols the simulator speaks.</summary>
public sealed partial class PushEventSimulatorOptions
{
    /// <summary>The default <see cref="MaxStreamsPerConnection"/>: Kestrel's own default, 100.</summary>
    public const int DefaultMaxStreamsPerConnection = 100;

    /// <summary>Gets the protocols every endpoint speaks.</summary>
    /// <value>The default value is <see cref="HttpProtocols.Http1AndHttp2"/>.</value>
    /// <remarks>
    /// Over TLS (<c>https://</c> URLs) the client picks by ALPN among these: <see cref="HttpProtocols.Http1AndHttp2"/>
    /// offers <c>h2</c> and <c>http/1.1</c>, <see cref="HttpProtocols.Http1"/> is an HTTP/1.1-only server (a client that
    /// asks for HTTP/2 falls back), <see cref="HttpProtocols.Http2"/> speaks HTTP/2 only. On plain <c>http://</c> there
    /// is no ALPN: <see cref="HttpProtocols.Http2"/> serves HTTP/2 with prior knowledge (h2c: the client starts with the
    /// HTTP/2 preface) and nothing else, while <see cref="HttpProtocols.Http1AndHttp2"/> and
    /// <see cref="HttpProtocols.Http1"/> serve HTTP/1.1 (Kestrel answers an h2c client there with
    /// <c>HTTP_1_1_REQUIRED</c>).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not one of those three.</exception>
    public HttpProtocols Protocols
    {
        get;
        init => field = value is HttpProtocols.Http1 or HttpProtocols.Http2 or HttpProtocols.Http1AndHttp2
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Protocols), value, $"{nameof(Protocols)} must be Http1, Http2 or Http1AndHttp2.");
    } = HttpProtocols.Http1AndHttp2;

    /// <summary>Gets how many HTTP/2 streams one connection may carry at once (the <c>SETTINGS_MAX_CONCURRENT_STREAMS</c>
    /// the server announces); a client with more channels opens further connections or waits.</summary>
    /// <value>The default value is <see cref="DefaultMaxStreamsPerConnection"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 1,000,000.</exception>
    public int MaxStreamsPerConnection
    {
        get;
        init => field = OptionGuard.InRange(value, 1, 1_000_000, nameof(MaxStreamsPerConnection));
    } = DefaultMaxStreamsPerConnection;

    /// <summary>Gets a value indicating whether every <c>jackpot_value</c> event carries, as its amount, the moment it was
    /// published: <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> in microseconds (a monotonic clock shared by the
    /// processes of one machine on Linux), so a client on the same machine can measure publish-to-<c>OnNext</c> latency.</summary>
    /// <value>The default value is <see langword="false"/>. <see cref="SequenceAmounts"/> wins when both are set.</value>
    public bool StampAmounts { get; init; }
}
