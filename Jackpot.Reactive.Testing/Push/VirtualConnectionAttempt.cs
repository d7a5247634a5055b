using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Testing;

/// <summary>One request a client made to a <see cref="VirtualPushService"/>, as recorded.</summary>
public sealed class VirtualConnectionAttempt
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _disposedAt;

    internal VirtualConnectionAttempt(int number, ChannelName? channel, SseRequest request, DateTimeOffset startedAt)
    {
        Number = number;
        Channel = channel;
        Request = request;
        StartedAt = startedAt;
    }

    /// <summary>Gets the number of the attempt on its channel, 1 for the first (among requests naming no channel, for those).</summary>
    public int Number { get; }

    /// <summary>Gets the channel the request's <c>channel</c> query parameter names, or null when it names none.</summary>
    public ChannelName? Channel { get; }

    /// <summary>Gets the request as the client sent it.</summary>
    public SseRequest Request { get; }

    /// <summary>Gets the requested URI.</summary>
    public Uri Uri => Request.Uri;

    /// <summary>Gets the <c>Last-Event-ID</c> the client sent, or null.</summary>
    public string? LastEventId => Request.LastEventId;

    /// <summary>Gets the extra request headers the client sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => Request.Headers;

    /// <summary>Gets the scheduler time the attempt started (the client subscribed).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the scheduler time the attempt's subscription was disposed — by the client, or right after the
    /// script ended the stream — or null while it is active.</summary>
    public DateTimeOffset? DisposedAt
    {
        get
        {
            lock (_gate)
            {
                return _disposedAt;
            }
        }
    }

    /// <summary>Gets the attempt as a subscription log entry, in scheduler ticks, for <see cref="MarbleTest.ExpectSubscriptions"/>.</summary>
    /// <returns>The subscription: subscribed at <see cref="StartedAt"/>, unsubscribed at <see cref="DisposedAt"/>.</returns>
    public Subscription ToSubscription()
    {
        var disposedAt = DisposedAt;
        return disposedAt is { } end
            ? new Subscription(StartedAt.UtcTicks, end.UtcTicks)
            : new Subscription(StartedAt.UtcTicks);
    }

    internal void MarkDisposed(DateTimeOffset now)
    {
        lock (_gate)
        {
            _disposedAt ??= now;
        }
    }
}
