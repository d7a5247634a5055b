using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Jackpot.Reactive.Simulator;

/// <summary>
/// The open transport (TCP) connections, as Kestrel accepted them: one per HTTP/1.1 stream, one for many HTTP/2 streams.
/// A connection middleware adds each connection when it is accepted and removes it when it closes, so tests can count
/// them ("many channels over one connection") and kill one with every stream on it.
/// </summary>
internal sealed class TransportConnections
{
    private readonly ConcurrentDictionary<string, ConnectionContext> _open = new(StringComparer.Ordinal);
    private long _accepted;

    private readonly CountWatch _watch;

    public TransportConnections() => _watch = new CountWatch(() => _open.Count);

    public int Count => _open.Count;

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>The connection middleware: tracks the connection for as long as Kestrel serves it.</summary>
    public ConnectionDelegate Track(ConnectionDelegate next) => async connection =>
    {
        _open[connection.ConnectionId] = connection;
        Interlocked.Increment(ref _accepted);
        _watch.Changed();
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            _open.TryRemove(connection.ConnectionId, out _);
            _watch.Changed();
        }
    };

    /// <summary>Aborts one connection (its socket is closed at once: every stream on it breaks).</summary>
    /// <returns><see langword="true"/> when the connection was open.</returns>
    public bool Abort(string connectionId)
    {
        if (!_open.TryGetValue(connectionId, out var connection))
        {
            return false;
        }

        connection.Abort(new ConnectionAbortedException("Connection killed by the simulator (fault injection)."));
        return true;
    }

    /// <summary>Waits until the number of open connections satisfies <paramref name="condition"/>.</summary>
    public Task WaitForCountAsync(Func<int, bool> condition, CancellationToken cancellationToken) => _watch.WaitAsync(condition, cancellationToken);

}
