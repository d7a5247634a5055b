using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;

namespace Jackpot.Reactive;

/// <summary>An <see cref="ISseTransport"/> over <see cref="HttpClient"/>: one streamed GET per subscription.</summary>
/// <remarks>
/// <para>
/// Each request is a GET with <c>Accept: text/event-stream</c>, <c>Cache-Control: no-cache</c>, <c>Last-Event-ID</c>
/// when the request has a non-empty one, and the request's extra headers; it completes at the response headers
/// (<see cref="HttpCompletionOption.ResponseHeadersRead"/>) and then streams the body through a pooled buffer, held only
/// while bytes arrive (a quiet stream waits without one). In the browser every request asks the fetch-based handler for
/// a streamed response (the <c>WebAssemblyEnableStreamingResponse</c> request option), so an app that turned response
/// streaming off still streams its events; elsewhere no handler reads that option and it is not set.
/// </para>
/// <para>
/// In the browser (Blazor WebAssembly) a request carries no header that makes a cross-origin request need a CORS
/// preflight unless the extra headers do: no <c>Cache-Control</c> header (fetch's <c>no-store</c> cache mode instead),
/// and <c>Last-Event-ID</c> only where the server allows it — when a request with it fails as a network error while the
/// same request without it is answered, the server refused the preflight: the stream goes on without it (the connection
/// reports <see cref="StreamContinuity.GapPossible"/> with an <see cref="SseCorsException"/> as the cause), and when the
/// extra headers are what the server refuses, the attempt fails with <see cref="SseCorsException"/>. See <c>docs/ui.md</c>.
/// </para>
/// <para>
/// The request's HTTP version and version policy are the transport's protocol (<see cref="JackpotPushProtocol"/>): with
/// the parameterless constructor <see cref="JackpotPushProtocol.Negotiate"/> (HTTP/2 over TLS when the server offers
/// it); with a supplied <see cref="HttpClient"/> and no protocol, that client's
/// <see cref="HttpClient.DefaultRequestVersion"/> and <see cref="HttpClient.DefaultVersionPolicy"/>, as its own
/// <c>GetAsync</c> would use them.
/// </para>
/// <para>
/// <c>Last-Event-ID</c> is UTF-8 (as the SSE specification says). The parameterless constructor's handler
/// (<see cref="CreateDefaultHandler"/>) sends it as raw UTF-8 outside the browser; a supplied <see cref="HttpClient"/>'s
/// handler may refuse non-ASCII header values (fetch refuses them), so with one, and in the browser, the non-ASCII bytes
/// are percent-encoded instead (ASCII ids are sent unchanged).
/// </para>
/// </remarks>
public sealed class HttpSseTransport : ISseTransport, IDisposable
{
    /// <summary>The size of the pooled buffer the body is read into.</summary>
    internal const int ReadBufferSize = 16 * 1024;

    /// <summary>
    /// A read that returns at least this many bytes marks the stream as busy: the next read goes straight into the same
    /// buffer. <see cref="SocketsHttpHandler"/> hands out an HTTP/1.1 body in reads of at most its 4 KiB connection
    /// buffer, so a read-size test against the whole <see cref="ReadBufferSize"/> never saw a busy stream.
    /// </summary>
    internal const int BusyReadBytes = 2 * 1024;

    /// <summary>
    /// The size of the pooled buffer of the first read after a quiet stream's zero-byte read: one event fits, and the
    /// pool bucket is not the one of <see cref="ReadBufferSize"/> (the HTTP handler's own blocks). It equals
    /// <see cref="BusyReadBytes"/>, so a read that fills it marks the stream as busy.
    /// </summary>
    internal const int QuietReadBufferSize = BusyReadBytes;

    /// <summary>Idle time of a connection before the first TCP keep-alive probe.</summary>
    internal static readonly TimeSpan KeepAliveTime = TimeSpan.FromSeconds(30);

    /// <summary>Time between TCP keep-alive probes.</summary>
    internal static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(10);

    /// <summary>Unanswered probes after which the connection is dead (so about 60 s from the last byte).</summary>
    internal const int KeepAliveRetryCount = 3;

    /// <summary>How long a connection may sit unused in the pool (after a stream ended) before it is closed.</summary>
    internal static readonly TimeSpan PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a pooled connection is reused at most, so DNS changes are picked up (open streams are not cut).</summary>
    internal static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The TCP connect timeout.</summary>
    internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _httpClient;
    private readonly bool _ownsClient;
    private readonly bool _browser;
    private readonly Version _requestVersion;
    private readonly HttpVersionPolicy _versionPolicy;

    /// <summary>Creates a transport with its own <see cref="HttpClient"/> on <see cref="CreateDefaultHandler"/> that
    /// negotiates HTTP/2 over TLS (<see cref="JackpotPushProtocol.Negotiate"/>).</summary>
    public HttpSseTransport()
        : this(browser: OperatingSystem.IsBrowser())
    {
    }

    /// <summary>Creates a transport with its own <see cref="HttpClient"/> on <see cref="CreateDefaultHandler"/> that
    /// speaks <paramref name="protocol"/> (in the browser, fetch picks the version whatever is asked).</summary>
    /// <param name="protocol">The HTTP version of the requests.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not defined.</exception>
    public HttpSseTransport(JackpotPushProtocol protocol)
        : this(browser: OperatingSystem.IsBrowser())
    {
        (_requestVersion, _versionPolicy) = ToRequestVersion(protocol);
    }

    /// <summary>Creates a transport on a supplied client that speaks <paramref name="protocol"/>, whatever the client's
    /// <see cref="HttpClient.DefaultRequestVersion"/> says.</summary>
    /// <param name="httpClient">The client. It is not disposed by <see cref="Dispose"/>.</param>
    /// <param name="protocol">The HTTP version of the requests.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not defined.</exception>
    public HttpSseTransport(HttpClient httpClient, JackpotPushProtocol protocol)
        : this(httpClient)
    {
        (_requestVersion, _versionPolicy) = ToRequestVersion(protocol);
    }

    /// <summary>Creates a transport on a supplied client (for example one from <c>IHttpClientFactory</c>), whose
    /// <see cref="HttpClient.DefaultRequestVersion"/> and <see cref="HttpClient.DefaultVersionPolicy"/> the requests use:
    /// version 2.0 with <see cref="HttpVersionPolicy.RequestVersionExact"/> gives h2c on plain <c>http://</c>.</summary>
    /// <param name="httpClient">The client. It is not disposed by <see cref="Dispose"/>. Build it on
    /// <see cref="CreateDefaultHandler"/> to get TCP keep-alive and several HTTP/2 connections.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is null.</exception>
    public HttpSseTransport(HttpClient httpClient)
        : this(httpClient, browser: OperatingSystem.IsBrowser())
    {
    }

    /// <summary>Creates a transport with its own client on the default handler of the given platform: the seam that lets
    /// tests run the browser's behaviour outside a browser. In a browser it is always the browser's.</summary>
    internal HttpSseTransport(bool browser)
    {
        _browser = browser || OperatingSystem.IsBrowser();
        (_requestVersion, _versionPolicy) = ToRequestVersion(JackpotPushProtocol.Negotiate);
        _httpClient = new HttpClient(CreateDefaultHandlerFor(_browser), disposeHandler: true);
        _ownsClient = true;
    }

    /// <summary>Creates a transport on a supplied client that behaves as on the given platform (see
    /// <see cref="HttpSseTransport(bool)"/>).</summary>
    internal HttpSseTransport(HttpClient httpClient, bool browser)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _browser = browser || OperatingSystem.IsBrowser();
        _requestVersion = httpClient.DefaultRequestVersion;
        _versionPolicy = httpClient.DefaultVersionPolicy;
    }

    /// <summary>Gets a value indicating whether requests follow the browser's rules (no preflight-forcing header).</summary>
    internal bool IsBrowser => _browser;

    /// <summary>Creates the handler for event streams on the current platform.</summary>
    /// <returns>
    /// <para>In the browser (<see cref="OperatingSystem.IsBrowser"/>), the runtime's fetch-based handler
    /// (<see cref="HttpClientHandler"/>): the browser owns connections, redirects and keep-alive there.</para>
    /// <para>Elsewhere, a <see cref="SocketsHttpHandler"/> that turns on TCP keep-alive (first probe after 30 s idle,
    /// then every 10 s, 3 probes), follows redirects, does not decompress (events must not wait in a decompression
    /// buffer), closes pooled connections after 60 s unused, connects within 15 s, encodes request header values as
    /// UTF-8, and never drains an abandoned response (an event stream has no end to drain to: the connection is closed
    /// instead), and opens a further HTTP/2 connection when the server's concurrent-stream limit is reached (rather than
    /// queueing the channel).</para>
    /// </returns>
    public static HttpMessageHandler CreateDefaultHandler() => CreateDefaultHandlerFor(browser: false);

    /// <summary>Creates the handler of <see cref="CreateDefaultHandler()"/> for the given platform; in a browser it is
    /// always the browser's.</summary>
    internal static HttpMessageHandler CreateDefaultHandlerFor(bool browser)
    {
        if (browser || OperatingSystem.IsBrowser())
        {
            return new HttpClientHandler();
        }

        return CreateSocketsHandler();
    }

    /// <summary>Creates the socket-based handler with TCP keep-alive (see <see cref="CreateDefaultHandler()"/>).</summary>
    [UnsupportedOSPlatform("browser")]
    internal static SocketsHttpHandler CreateSocketsHandler() => new()
    {
        AllowAutoRedirect = true,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = PooledConnectionIdleTimeout,
        PooledConnectionLifetime = PooledConnectionLifetime,
        ConnectTimeout = ConnectTimeout,
        RequestHeaderEncodingSelector = static (_, _) => Encoding.UTF8,
        MaxResponseDrainSize = 0,
        ConnectCallback = ConnectWithKeepAliveAsync,
        EnableMultipleHttp2Connections = true,
    };

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The URI is not absolute http(s), or an extra header is invalid (a value with CR,
    /// LF or NUL, or a name that is not an HTTP token).</exception>
    /// <remarks>
    /// Disposing the subscription cancels the request or the body read and releases the response; no element follows.
    /// A timeout of the client while waiting for the response headers is raised as <see cref="TimeoutException"/>.
    /// Elements arrive on a thread-pool thread.
    /// </remarks>
    public IObservable<SseTransportChunk> Connect(SseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JackpotPushEndpoint.ValidateStreamUri(request.Uri, nameof(request));
        SseHeaderValidation.ThrowIfInvalid(request.Headers, nameof(request));
        string? lastEventId = string.IsNullOrEmpty(request.LastEventId)
            ? null
            : _ownsClient && !_browser ? request.LastEventId : PercentEncodeNonAscii(request.LastEventId);
        return new Reads(this, request, lastEventId);
    }

    /// <summary>Disposes the client when the transport created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>Maps a protocol onto the request version and version policy that give it.</summary>
    internal static (Version Version, HttpVersionPolicy Policy) ToRequestVersion(JackpotPushProtocol protocol) => protocol switch
    {
        JackpotPushProtocol.Negotiate => (HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrLower),
        JackpotPushProtocol.Http11 => (HttpVersion.Version11, HttpVersionPolicy.RequestVersionExact),
        JackpotPushProtocol.Http2 => (HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Not a defined JackpotPushProtocol."),
    };

    /// <summary>Returns an ASCII value unchanged; otherwise percent-encodes the UTF-8 bytes of its non-ASCII characters and
    /// its <c>%</c> signs (so the result decodes back unambiguously), leaving other ASCII as it is.</summary>
    internal static string PercentEncodeNonAscii(string value)
    {
        if (Ascii.IsValid(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length * 3);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (b is < 0x80 and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The cold observable of <see cref="Connect"/>: each subscription is one <see cref="HttpSseRead"/>, which
    /// is also the subscription (no wrapper observer stays alive with the stream).</summary>
    private sealed class Reads(HttpSseTransport transport, SseRequest request, string? lastEventId) : IObservable<SseTransportChunk>
    {
        public IDisposable Subscribe(IObserver<SseTransportChunk> observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            var read = new HttpSseRead(
                transport._httpClient, request, lastEventId, transport._browser, observer, transport._requestVersion, transport._versionPolicy);
            read.Start();
            return read;
        }
    }

    [UnsupportedOSPlatform("browser")]
    private static async ValueTask<Stream> ConnectWithKeepAliveAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)KeepAliveTime.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)KeepAliveInterval.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, KeepAliveRetryCount);
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
