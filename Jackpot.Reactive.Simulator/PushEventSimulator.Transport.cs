using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Jackpot.Reactive.Simulator;

/// <summary>The transport side of the simulator: TLS, transport connections, stream resets and connection kills.</summary>
public sealed partial class PushEventSimulator
{
    private readonly TransportConnections _transportConnections = new();

    /// <summary>Gets the self-signed certificate the simulator made when it started, for its <c>https://</c> URLs;
    /// <see langword="null"/> when it listens on plain <c>http://</c> only.</summary>
    /// <remarks>
    /// The certificate lives in memory only (no certificate store is touched). A client trusts it explicitly, pinned:
    /// <c>handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => simulator.IsServerCertificate(certificate);</c>
    /// It names <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c> and is valid for 7 days from the start.
    /// </remarks>
    public X509Certificate2? ServerCertificate { get; }

    /// <summary>Gets the SHA-256 hash of <see cref="ServerCertificate"/> as upper-case hex (for a client in another
    /// process to pin); <see langword="null"/> without TLS.</summary>
    public string? ServerCertificateHash => ServerCertificate?.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>Gets the number of transport (TCP) connections open now: one per stream over HTTP/1.1, one for many
    /// streams over HTTP/2.</summary>
    public int OpenTransportConnections => _transportConnections.Count;

    /// <summary>Gets the number of transport connections accepted since the start.</summary>
    public long TransportConnectionsAccepted => _transportConnections.Accepted;

    /// <summary>Tells whether a certificate a client received is <see cref="ServerCertificate"/>.</summary>
    /// <param name="certificate">The certificate the TLS handshake presented; may be null.</param>
    /// <returns><see langword="true"/> when it is the simulator's own certificate.</returns>
    public bool IsServerCertificate(X509Certificate? certificate) =>
        ServerCertificate is { } own && certificate is not null
        && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), ServerCertificateHash, StringComparison.Ordinal);

    /// <summary>Waits until exactly <paramref name="count"/> transport connections are open.</summary>
    /// <param name="count">The number of connections to wait for.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when <see cref="OpenTransportConnections"/> is <paramref name="count"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task WaitForOpenTransportConnectionsAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return _transportConnections.WaitForCountAsync(open => open == count, cancellationToken);
    }

    /// <summary>Gets how many streams are open on each transport connection now, largest first.</summary>
    /// <returns>The stream counts, one per connection that carries at least one stream.</returns>
    public IReadOnlyList<int> GetStreamsPerConnection() =>
        [.. _connections.Open.GroupBy(stream => stream.ConnectionId).Select(group => group.Count()).OrderDescending()];

    /// <summary>Resets the open streams of one channel and nothing else: over HTTP/2 each gets an <c>RST_STREAM</c>
    /// and the other streams of its connection go on; over HTTP/1.1 the stream is the connection, which is aborted.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The number of streams reset.</returns>
    /// <remarks>Counted in <see cref="ConnectionsDropped"/>, like <see cref="DropConnections(ChannelName)"/> with
    /// <see cref="ConnectionDropKind.Abort"/>.</remarks>
    public int ResetStreams(ChannelName channel) => _connections.Drop(ConnectionDropKind.Abort, channel);

    /// <summary>Kills the transport connection(s) carrying one channel's streams: the socket is closed at once and every
    /// stream on it breaks (over HTTP/2, the streams of other channels that share the connection too).</summary>
    /// <param name="channel">The channel whose connection is killed.</param>
    /// <returns>The number of streams, of any channel, that were open on the killed connections.</returns>
    public int KillConnection(ChannelName channel)
    {
        var open = _connections.Open.ToList();
        var killed = open.Where(stream => stream.Channel == channel && stream.ConnectionId is not null)
            .Select(stream => stream.ConnectionId!)
            .Distinct(StringComparer.Ordinal)
            .Where(_transportConnections.Abort)
            .ToHashSet(StringComparer.Ordinal);
        return open.Count(stream => stream.ConnectionId is { } id && killed.Contains(id));
    }

    private static bool IsHttpsUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
