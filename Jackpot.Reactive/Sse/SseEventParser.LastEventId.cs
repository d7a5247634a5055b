using System.Text;

namespace Jackpot.Reactive;

/// <summary>The last event id, kept as bytes and turned into a string only when it is read.</summary>
/// <remarks>
/// A stream with an id on every event would otherwise decode and allocate a string per event that nobody reads: the id
/// is needed only to reconnect (<c>Last-Event-ID</c>) or by a reader of <see cref="LastEventId"/> or
/// <see cref="SseEvent.LastEventId"/>. The <c>id:</c> of the event being parsed is copied into a pending buffer;
/// dispatch makes it the last event id (swapping the two buffers when it differs) and forgets the decoded string.
/// </remarks>
public sealed partial class SseEventParser
{
    private byte[] _pendingId = [];
    private int _pendingIdLength;
    private byte[] _lastId = [];
    private int _lastIdLength;
    private string? _lastIdString;
    private long _lastIdVersion;

    /// <summary>Gets the last event id: set when a block is dispatched, sticky across events and streams; empty when
    /// none was sent (or the server reset it with an empty <c>id:</c>).</summary>
    /// <remarks>Send it as <c>Last-Event-ID</c> when reconnecting. The string is decoded from the id's bytes (invalid
    /// UTF-8 becomes U+FFFD) on the first read after the id changes.</remarks>
    public string LastEventId => _lastIdString ??= _lastIdLength == 0 ? string.Empty : Encoding.UTF8.GetString(_lastId, 0, _lastIdLength);

    /// <summary>Gets the last event id of an event dispatched at <paramref name="version"/>.</summary>
    /// <exception cref="InvalidOperationException">The id has changed since: the event's callback has returned.</exception>
    internal string LastEventIdAt(long version) => version == _lastIdVersion
        ? LastEventId
        : throw new InvalidOperationException(
            "SseEvent.LastEventId was read after the callback that delivered the event had returned and a newer id had "
            + "arrived; read it during the callback (as Data) and keep the string.");

    private void InitializeLastEventId(string initialLastEventId)
    {
        _lastIdString = initialLastEventId;
        _lastId = Encoding.UTF8.GetBytes(initialLastEventId);
        _lastIdLength = _lastId.Length;
        RestorePendingId();
    }

    /// <summary>An <c>id:</c> field: the id the next dispatch sets.</summary>
    private void SetPendingId(ReadOnlySpan<byte> value)
    {
        if (value.Length > _pendingId.Length)
        {
            _pendingId = new byte[Math.Max(value.Length, 32)];
        }

        value.CopyTo(_pendingId);
        _pendingIdLength = value.Length;
    }

    /// <summary>Dispatch: the pending id becomes the last event id; returns the version events carry.</summary>
    private long CommitPendingId()
    {
        if (!_pendingId.AsSpan(0, _pendingIdLength).SequenceEqual(_lastId.AsSpan(0, _lastIdLength)))
        {
            (_lastId, _pendingId) = (_pendingId, _lastId);
            _lastIdLength = _pendingIdLength;
            _lastIdString = null;
            _lastIdVersion++;
            RestorePendingId();
        }

        return _lastIdVersion;
    }

    /// <summary>Forgets an <c>id:</c> that was not dispatched: the pending id is the last event id again.</summary>
    private void RestorePendingId() => SetPendingId(_lastId.AsSpan(0, _lastIdLength));
}
