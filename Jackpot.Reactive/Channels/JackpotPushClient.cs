using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jackpot.Reactive;

/// <summary>
/// The entry point: hot, shared <see cref="IObservable{T}"/> streams of the push service's channels.
/// </summary>
/// <remarks>
/// <para>Each channel has one connection however many subscribers it has and however often <see cref="Broadcast"/> or
/// <see cref="Player"/> is called for it. The connection opens on the first subscription and closes
/// <see cref="JackpotPushClientOptions.Linger"/> after the last subscriber leaves; a subscription after that reconnects.</para>
/// <para>Dropped connections are retried with <see cref="JackpotPushClientOptions.Reconnect"/> and never reach
/// subscribers; a terminal failure (for example <see cref="SseHttpException"/> for a 401) reaches every subscriber of the
/// channel as <c>OnError</c>, and a later subscription tries afresh. Malformed payloads are skipped and reported on
/// <see cref="Diagnostics"/> and to the logger.</para>
/// <para>Subscribers are isolated from one another: a subscriber that throws from <c>OnNext</c> (of an event stream, a
/// <see cref="Status(ChannelName)"/> stream or <see cref="Diagnostics"/>) is unsubscribed on the spot and gets no further
/// call — not even <c>OnError</c>; its exception is reported on <see cref="Diagnostics"/>
/// (<see cref="JackpotPushDiagnosticKind.SubscriberFault"/>; a <see cref="Diagnostics"/> subscriber's only to the log) and
/// logged as an error. The same event still reaches every other subscriber, and the connection stays open (it closes
/// after the linger if that subscriber was the last). The same holds for a throw on a late subscriber's snapshot, and
/// from <c>OnError</c> or <c>OnCompleted</c>, where the other subscribers still get their terminal call. Operators are
/// not hot: an exception in a pipeline travels up it, Rx-style, to the channel, which isolates that subscription.</para>
/// <para>Events arrive on the connection's thread (the transport's), serialized per channel. Observe them on a UI thread
/// with <c>ObserveOn</c>. Disposing the client completes every stream and closes every connection.</para>
/// <para>The client records metrics on the <see cref="JackpotMetrics.MeterName"/> meter (see <c>docs/metrics.md</c>): through
/// the <see cref="IMeterFactory"/> given to the constructor, else on one process-wide meter. Durations are measured with
/// the scheduler's clock.</para>
/// </remarks>
public sealed partial class JackpotPushClient : IJackpotChannels, IDisposable, IAsyncDisposable
{
    private readonly JackpotPushClientOptions _options;
    private readonly ISseTransport _transport;
    private readonly IDisposable? _ownedTransport;
    private readonly IScheduler _scheduler;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly JackpotMetricsRecorder _metrics;
    private readonly ConcurrentDictionary<ChannelName, ChannelSource> _channels = new();
    private readonly IsolatingSubject<JackpotPushDiagnostic> _diagnostics;
    private long _malformedEventCount;
    private long _subscriberFaultCount;
    private int _disposed;

    /// <summary>Creates a client that connects with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public JackpotPushClient(JackpotPushClientOptions options)
        : this(options, httpClient: null, scheduler: null, loggerFactory: null)
    {
    }

    /// <summary>Creates a client over HTTP.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="httpClient">The client to send requests with, or null for one the client creates and owns on
    /// <see cref="HttpSseTransport.CreateDefaultHandler()"/> (TCP keep-alive; in the browser, the fetch-based handler). A
    /// given client is not disposed with this one.</param>
    /// <param name="scheduler">The scheduler of every timer (back-off, idle timeout, linger), or null for the default.</param>
    /// <param name="loggerFactory">Where to log, or null for nowhere.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public JackpotPushClient(JackpotPushClientOptions options, HttpClient? httpClient, IScheduler? scheduler, ILoggerFactory? loggerFactory)
        : this(options, CreateHttpTransport(options, httpClient, out var owned), owned, scheduler, loggerFactory, meterFactory: null)
    {
    }

    /// <summary>Creates a client over a given transport: for tests (see the Jackpot.Reactive.Testing package's virtual
    /// push service) and for custom transports.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="transport">Opens the event streams.</param>
    /// <param name="scheduler">The scheduler of every timer, or null for the default.</param>
    /// <param name="loggerFactory">Where to log, or null for nowhere.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="transport"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public JackpotPushClient(JackpotPushClientOptions options, ISseTransport transport, IScheduler? scheduler, ILoggerFactory? loggerFactory)
        : this(options, transport, ownedTransport: null, scheduler, loggerFactory, meterFactory: null)
    {
    }

    /// <summary>Creates a client over a given transport that records its metrics through a meter factory (as the
    /// dependency-injection registration does, with the host's <see cref="IMeterFactory"/>).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="transport">Opens the event streams (for HTTP, an <see cref="HttpSseTransport"/>).</param>
    /// <param name="scheduler">The scheduler of every timer, and the clock of every duration metric, or null for the default.</param>
    /// <param name="loggerFactory">Where to log, or null for nowhere.</param>
    /// <param name="meterFactory">Creates the <see cref="JackpotMetrics.MeterName"/> meter (the factory owns and disposes
    /// it), or null for the process-wide meter.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="transport"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public JackpotPushClient(
        JackpotPushClientOptions options,
        ISseTransport transport,
        IScheduler? scheduler,
        ILoggerFactory? loggerFactory,
        IMeterFactory? meterFactory)
        : this(options, transport, ownedTransport: null, scheduler, loggerFactory, meterFactory)
    {
    }

    private JackpotPushClient(
        JackpotPushClientOptions options,
        ISseTransport transport,
        IDisposable? ownedTransport,
        IScheduler? scheduler,
        ILoggerFactory? loggerFactory,
        IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        options.Validate();
        _options = options;
        _transport = transport;
        _ownedTransport = ownedTransport;
        _scheduler = scheduler ?? SchedulerDefaults.TimeBasedOperations;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<JackpotPushClient>();
        _metrics = JackpotMetricsRecorder.Create(meterFactory);
        _diagnostics = new IsolatingSubject<JackpotPushDiagnostic>(OnDiagnosticsSubscriberFault);
    }

    /// <summary>Gets the workspace the client subscribes in.</summary>
    public WorkspaceId Workspace => _options.Workspace;

    /// <summary>Gets what the client met and got over: malformed payloads (each already skipped) and subscribers that threw
    /// (each already unsubscribed). Hot, from the subscription on; completes when the client is disposed.</summary>
    /// <remarks>A <see cref="Diagnostics"/> subscriber that throws is unsubscribed and its exception only logged.</remarks>
    public IObservable<JackpotPushDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Gets how many malformed payloads were skipped since the client was created.</summary>
    public long MalformedEventCount => Interlocked.Read(ref _malformedEventCount);

    /// <summary>Gets how many subscribers (of events, status or <see cref="Diagnostics"/>) threw and were unsubscribed since
    /// the client was created.</summary>
    public long SubscriberFaultCount => Interlocked.Read(ref _subscriberFaultCount);

    /// <summary>Returns the hot stream of a jackpot group's broadcast channel: value updates and other players' wins.</summary>
    /// <param name="group">The jackpot group.</param>
    /// <returns>The stream. A late subscriber first receives the latest value of every jackpot seen so far (wins are
    /// not replayed), then the live events.</returns>
    /// <exception cref="ArgumentException"><paramref name="group"/> is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public IObservable<JackpotEvent> Broadcast(JackpotGroupId group) =>
        GetSource(ChannelName.Broadcast(_options.Workspace, group));

    /// <summary>Returns the hot stream of a player's channel: this player's wins.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="player"/> is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public IObservable<JackpotEvent> Player(PlayerId player) =>
        GetSource(ChannelName.Player(_options.Workspace, player));

    /// <summary>Returns the hot stream of any channel of the client's workspace.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/> or of another workspace.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public IObservable<JackpotEvent> Channel(ChannelName channel) => GetSource(channel);

    /// <summary>Returns the status of a channel's connection: hot, replaying the current status to a new subscriber.</summary>
    /// <remarks>The stream completes, after a last <see cref="ChannelState.Closed"/>, when the client is disposed. A
    /// status subscriber that throws is isolated like an event subscriber (see <see cref="JackpotPushClient"/>).</remarks>
    /// <param name="channel">The channel (see <see cref="ChannelName.Broadcast"/> and <see cref="ChannelName.Player"/>).</param>
    /// <returns>The status stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/> or of another workspace.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public IObservable<ChannelStatus> Status(ChannelName channel) => GetSource(channel).Status;

    /// <summary>Creates a connection of its own to a channel, starting from a given last event id: for hosts that keep the
    /// position of a channel elsewhere and resume it (see the Jackpot.Reactive.Orleans package, whose channel grains
    /// resume with <c>Last-Event-ID</c> after a failover).</summary>
    /// <param name="channel">The channel (of the client's workspace).</param>
    /// <param name="lastEventId">The id to send as <c>Last-Event-ID</c> on the first request, or null or empty to start
    /// live (<see cref="StreamContinuity.Initial"/>).</param>
    /// <returns>A connection with the client's endpoint, reconnect policy, idle timeout, size limit, headers,
    /// transport, scheduler, logger and metrics. Each event carries its id (<see cref="SseEvent.LastEventId"/>); decode
    /// the payload with <see cref="JackpotEvent.TryParse(ReadOnlySpan{byte}, out JackpotEvent?)"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/> or of another
    /// workspace, or <paramref name="lastEventId"/> contains U+0000, CR or LF.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    /// <remarks>
    /// The connection is not shared with <see cref="Broadcast"/>, <see cref="Player"/> or <see cref="Channel"/>: it opens
    /// when first subscribed (concurrent subscribers share that life, see <see cref="SseConnection"/>) and closes when the
    /// last subscription is disposed; every life starts from <paramref name="lastEventId"/>. Disposing the client does not close it: dispose its subscription first. Malformed payloads are the
    /// caller's to report.
    /// </remarks>
    public SseConnection CreateConnection(ChannelName channel, string? lastEventId)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ValidateChannel(channel);
        return NewConnection(channel, lastEventId);
    }

    /// <summary>Returns the status of a jackpot group's broadcast channel (see <see cref="Status(ChannelName)"/>).</summary>
    /// <param name="group">The jackpot group.</param>
    /// <returns>The status stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="group"/> is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public IObservable<ChannelStatus> Status(JackpotGroupId group) =>
        Status(ChannelName.Broadcast(_options.Workspace, group));

    /// <summary>Returns the status of a player's channel (see <see cref="Status(ChannelName)"/>).</summary>
    /// <param name="player">The player.</param>
    /// <returns>The status stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="player"/> is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public IObservable<ChannelStatus> Status(PlayerId player) =>
        Status(ChannelName.Player(_options.Workspace, player));

    /// <summary>Completes every stream — events, status (after a last <see cref="ChannelState.Closed"/>) and
    /// <see cref="Diagnostics"/> — and closes every connection. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var source in _channels.Values)
        {
            source.Dispose();
        }

        _diagnostics.OnCompleted();
        _ownedTransport?.Dispose();
    }

    /// <summary>Completes every stream and closes every connection. Idempotent.</summary>
    /// <returns>A completed task: closing is synchronous.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
