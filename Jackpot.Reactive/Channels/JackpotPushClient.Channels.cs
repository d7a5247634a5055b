using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive;

/// <summary>The channels of a client: one hot <see cref="ChannelSource"/> per channel over an
/// <see cref="SseChannelUpstream"/>, and the connections they (and <see cref="CreateConnection"/>) run on.</summary>
public sealed partial class JackpotPushClient
{
    // Made once per client rather than once per channel: a process may hold 100,000 channels.
    private ILogger? _connectionLogger;
    private Action<ChannelName, JackpotEventFormatException, SseEvent>? _reportMalformed;
    private Action<ChannelName, SubscriberFault>? _reportEventSubscriberFault;
    private Action<ChannelName, SubscriberFault, string, string>? _reportSubscriberFault;

    internal ChannelSource GetSource(ChannelName channel)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ValidateChannel(channel);
        var source = _channels.GetOrAdd(channel, static (name, client) => client.CreateSource(name), this);
        if (Volatile.Read(ref _disposed) != 0)
        {
            // Lost a race with Dispose: make sure the source created meanwhile is closed too.
            source.Dispose();
            ObjectDisposedException.ThrowIf(true, this);
        }

        return source;
    }

    private void ValidateChannel(ChannelName channel)
    {
        if (channel.RawValue.Length == 0)
        {
            throw new ArgumentException("The channel is not set (default value).", nameof(channel));
        }

        if (channel.Workspace != _options.Workspace)
        {
            throw new ArgumentException($"The channel '{channel}' is not in the client's workspace '{_options.Workspace}'.", nameof(channel));
        }
    }

    private ChannelSource CreateSource(ChannelName channel)
    {
        var connection = NewConnection(channel, lastEventId: null);
        var upstream = new SseChannelUpstream(
            channel, connection, _reportMalformed ??= ReportMalformed, _reportSubscriberFault ??= ReportSubscriberFault);
        connection.StatusSubscriberFaulted = upstream;
        return new ChannelSource(
            channel,
            upstream,
            _scheduler,
            _options.Linger,
            _reportEventSubscriberFault ??= ReportEventSubscriberFault,
            _metrics);
    }

    /// <summary>Reports an events subscriber that threw, with its channel's last event id.</summary>
    private void ReportEventSubscriberFault(ChannelName channel, SubscriberFault fault) =>
        ReportSubscriberFault(
            channel,
            fault,
            "events",
            _channels.TryGetValue(channel, out var source) && source.Upstream is SseChannelUpstream upstream
                ? upstream.Connection.LastEventId
                : string.Empty);

    private SseConnection NewConnection(ChannelName channel, string? lastEventId)
    {
        var connectionOptions = new SseConnectionOptions
        {
            Uri = JackpotPushEndpoint.BuildSubscribeUri(channel, _options.Endpoint),
            Reconnect = _options.Reconnect,
            IdleTimeout = _options.IdleTimeout,
            MaxEventSize = _options.MaxEventSize,
            Headers = _options.ExtraHeaders,
            LastEventId = lastEventId,
        };
        return new SseConnection(
            _transport, connectionOptions, _scheduler, _connectionLogger ??= _loggerFactory.CreateLogger<SseConnection>(), _metrics, channel.Kind);
    }

    private static HttpSseTransport CreateHttpTransport(JackpotPushClientOptions options, HttpClient? httpClient, out IDisposable? owned)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (httpClient is not null)
        {
            owned = null;
            return options.Protocol is { } protocol ? new HttpSseTransport(httpClient, protocol) : new HttpSseTransport(httpClient);
        }

        var transport = new HttpSseTransport(options.Protocol ?? JackpotPushProtocol.Negotiate);
        owned = transport;
        return transport;
    }
}
