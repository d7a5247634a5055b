using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jackpot.Reactive;

/// <summary>The events of one Server-Sent Events stream, kept alive across failures: each subscription opens one
/// logical connection that reconnects with back-off and resumes with <c>Last-Event-ID</c>.</summary>
/// <remarks>
/// <para>
/// Failures are retried through <see cref="JackpotObservable.RetryWithBackoff{T}(IObservable{T}, ReconnectPolicy, IScheduler, Action{RetryAttempt})"/>
/// with <see cref="SseConnectionOptions.Reconnect"/>: network errors, a clean end of the stream
/// (<see cref="SseStreamEndedException"/>), an idle timeout (<see cref="SseIdleTimeoutException"/>) and transient HTTP
/// failures reconnect and never reach the subscriber; a terminal failure (a non-transient <see cref="SseHttpException"/>,
/// <see cref="SseEventTooLargeException"/>) or running out of attempts ends the sequence with that error. The server's
/// <c>retry:</c> field sets the reconnection time, which the back-off starts from in place of
/// <see cref="ReconnectPolicy.InitialDelay"/> (WHATWG HTML §9.2.6: no reconnect comes sooner; <c>retry: 0</c> reconnects at
/// once); <c>Retry-After</c> on a 429 or 503 is a floor for the delay. The sequence never completes by itself.
/// </para>
/// <para>
/// An <see cref="SseEvent"/> (its <see cref="SseEvent.Data"/>) is valid only during the <c>OnNext</c> call that delivers
/// it: copy what you keep. Calls to the observer are serialized; they arrive on the transport's thread, or on the
/// scheduler's for an idle timeout. Every timer (back-off, idle timeout) runs on the scheduler given to the constructor.
/// </para>
/// <para>
/// Hot, with lives (as <c>Publish().RefCount()</c>): the first subscription starts a life — one logical connection —
/// and later concurrent subscribers share it, receiving the events from when they join; when the last subscription is
/// disposed the connection closes (or a pending reconnect is cancelled) and <see cref="ChannelState.Closed"/> is
/// reported. A terminal error reaches every subscriber of the life and ends it. Within a life, reconnects resume with
/// <c>Last-Event-ID</c>; every life starts afresh from <see cref="SseConnectionOptions.LastEventId"/> (none by default)
/// and the policy's reconnection time. To resume a past life, hand its id over explicitly: read
/// <see cref="LastEventId"/> and create a connection with it as <see cref="SseConnectionOptions.LastEventId"/>. See
/// <c>docs/decisions/0010-sse-connection-is-hot-with-lives.md</c>.
/// </para>
/// <para>
/// The connections of a <see cref="JackpotPushClient"/> record metrics from their status changes (open connections,
/// uptime by the scheduler's clock, reconnects by cause; see <see cref="JackpotMetrics"/>); a connection created with
/// these public constructors records none.
/// </para>
/// </remarks>
public sealed class SseConnection : IObservable<SseEvent>, ISubscriberFaultHandler
{
    private const long NoServerRetry = -1;
    private const long NotOpen = long.MinValue;

    private readonly ISseTransport _transport;
    private readonly SseConnectionOptions _options;
    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly ReconnectPolicy _policy;
    private readonly IsolatingSubject<ChannelStatus> _status;
    private readonly JackpotMetricsRecorder? _metrics;
    private readonly ChannelKind _channelKind;
    /// <summary>When the connection entered Open, in UTC ticks by the scheduler's clock; <see cref="NotOpen"/> when it is
    /// not open (a long rather than a nullable <see cref="DateTimeOffset"/>: 16 B less per connection).</summary>
    private long _openedAt = NotOpen;
    private Version? _openedHttpVersion;
    private bool _statusCompleted;
    private SseEventParser _parser;
    private SseConnectionLife? _life;
    private long _serverRetryTicks = NoServerRetry;

    /// <summary>Creates a connection whose timers run on <see cref="DefaultScheduler"/>, without logging.</summary>
    /// <param name="transport">Opens the HTTP responses (<see cref="HttpSseTransport"/>, or a scripted one in tests).</param>
    /// <param name="options">The stream URI, reconnect policy, idle timeout, size limit, headers and initial last event id.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SseConnection(ISseTransport transport, SseConnectionOptions options)
        : this(transport, options, SchedulerDefaults.TimeBasedOperations, NullLogger.Instance)
    {
    }

    /// <summary>Creates a connection whose timers run on <paramref name="scheduler"/>, without logging.</summary>
    /// <param name="transport">Opens the HTTP responses (<see cref="HttpSseTransport"/>, or a scripted one in tests).</param>
    /// <param name="options">The stream URI, reconnect policy, idle timeout, size limit, headers and initial last event id.</param>
    /// <param name="scheduler">Runs the back-off delays and the idle timeout and provides the clock.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SseConnection(ISseTransport transport, SseConnectionOptions options, IScheduler scheduler)
        : this(transport, options, scheduler, NullLogger.Instance)
    {
    }

    /// <summary>Creates a connection whose timers run on <paramref name="scheduler"/> and that logs to <paramref name="logger"/>.</summary>
    /// <param name="transport">Opens the HTTP responses (<see cref="HttpSseTransport"/>, or a scripted one in tests).</param>
    /// <param name="options">The stream URI, reconnect policy, idle timeout, size limit, headers and initial last event id.</param>
    /// <param name="scheduler">Runs the back-off delays and the idle timeout and provides the clock.</param>
    /// <param name="logger">Receives connecting, open, retry, failure and close messages; the player id of a channel
    /// is never logged.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SseConnection(ISseTransport transport, SseConnectionOptions options, IScheduler scheduler, ILogger logger)
        : this(transport, options, scheduler, logger, metrics: null, channelKind: default)
    {
    }

    /// <summary>Creates a connection that also records its status changes on <paramref name="metrics"/>.</summary>
    internal SseConnection(
        ISseTransport transport,
        SseConnectionOptions options,
        IScheduler scheduler,
        ILogger logger,
        JackpotMetricsRecorder? metrics,
        ChannelKind channelKind)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(logger);
        _transport = transport;
        _options = options;
        _scheduler = scheduler;
        _logger = logger;
        _parser = new SseEventParser(options.MaxEventSize, options.LastEventId ?? string.Empty);
        _policy = options.Reconnect;
        _metrics = metrics;
        _channelKind = channelKind;
        _status = new IsolatingSubject<ChannelStatus>(new ChannelStatus(ChannelState.Closed), this);
    }

    /// <summary>Gets the connection's status: hot, it replays the current status to each new subscriber.</summary>
    /// <remarks>
    /// Per subscription: <see cref="ChannelState.Connecting"/>, then <see cref="ChannelState.Open"/> (with
    /// <see cref="StreamContinuity.Initial"/> on the first connection — <see cref="StreamContinuity.Resumed"/> if it
    /// sends an initial <see cref="SseConnectionOptions.LastEventId"/> — and after a reconnect
    /// <see cref="StreamContinuity.Resumed"/> when a <c>Last-Event-ID</c> was sent, else
    /// <see cref="StreamContinuity.GapPossible"/>), <see cref="ChannelState.Reconnecting"/> with attempt, delay and cause
    /// for each retry, and at the end <see cref="ChannelState.Closed"/> when the subscription is disposed or
    /// <see cref="ChannelState.Failed"/> with the cause of a terminal error. Before the first subscription it is
    /// <see cref="ChannelState.Closed"/>. It never completes by itself; the status of a <see cref="JackpotPushClient"/>
    /// channel completes, after a last <see cref="ChannelState.Closed"/>, when the client is disposed.
    /// A status subscriber that throws is unsubscribed and its exception logged (for a <see cref="JackpotPushClient"/>
    /// channel, also reported on <see cref="JackpotPushClient.Diagnostics"/>); the other status subscribers and the
    /// connection go on.
    /// </remarks>
    public IObservable<ChannelStatus> Status => _status;

    /// <summary>Gets the last event id of the current or latest life (sticky: the newest id the server sent), or the
    /// initial one; empty when none. It stays readable after the life ends, to hand over to a new connection.</summary>
    public string LastEventId => _parser.LastEventId;

    /// <summary>Gets the stream described for logs, made when first logged: while the logger writes nothing (no level
    /// enabled, as without a logger) it is empty and costs nothing — a string per connection adds up over many channels.</summary>
    internal string LogTarget => _logger.IsEnabled(LogLevel.Critical)
        ? field ??= ConnectionLog.DescribeTarget(_options.Uri)
        : string.Empty;

    internal SseEventParser Parser => _parser;

    /// <summary>Gets the lock that orders status changes and the meter's records of them: the status subject itself,
    /// which the connection holds anyway (the subject guards its subscribers with its own private gate, so nothing else
    /// locks it), rather than a lock object per connection.</summary>
    private object StatusGate => _status;

    /// <summary>Gets the lock that guards <see cref="Parser"/> and serializes the current attempt's observer calls.</summary>
    internal Lock ParserGate { get; } = new();

    internal IScheduler Scheduler => _scheduler;

    internal ILogger Logger => _logger;

    internal SseConnectionOptions Options => _options;

    internal ISseTransport Transport => _transport;

    /// <summary>Gets or sets who hears of a status subscriber that threw (the owning client); when null, it is logged.</summary>
    internal ISubscriberFaultHandler? StatusSubscriberFaulted { get; set; }

    /// <summary>Gets the reconnection time: the server's last <c>retry:</c> value, else the policy's initial delay.</summary>
    internal TimeSpan ReconnectionTime =>
        Volatile.Read(ref _serverRetryTicks) is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : _policy.InitialDelay;

    /// <summary>Subscribes <paramref name="observer"/>: the first subscriber opens the connection (a new life), later
    /// concurrent ones share it.</summary>
    /// <param name="observer">Receives the events (each valid only during its <c>OnNext</c>) and a terminal error.</param>
    /// <returns>Disposing it leaves the life; the last one to leave closes the connection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observer"/> is null.</exception>
    public IDisposable Subscribe(IObserver<SseEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        while (true)
        {
            var life = Volatile.Read(ref _life);
            if (life?.TryJoin(observer) is { } joined)
            {
                return joined;
            }

            // No life, or it is over: start one. Of concurrent first subscribers one installs its life, the others
            // join it.
            var fresh = new SseConnectionLife(this, observer);
            if (Interlocked.CompareExchange(ref _life, fresh, life) == life)
            {
                StartNewLife();
                fresh.Start(_policy);
                return fresh;
            }
        }
    }

    /// <summary>Makes the life about to start begin afresh: from the initial last event id of the options (none for a
    /// channel), with the policy's reconnection time.</summary>
    private void StartNewLife()
    {
        lock (ParserGate)
        {
            string initialLastEventId = _options.LastEventId ?? string.Empty;
            if (!string.Equals(_parser.LastEventId, initialLastEventId, StringComparison.Ordinal))
            {
                _parser = new SseEventParser(_options.MaxEventSize, initialLastEventId);
            }

            Volatile.Write(ref _serverRetryTicks, NoServerRetry);
        }
    }

    internal void OnServerRetry(TimeSpan reconnectionTime) => Volatile.Write(ref _serverRetryTicks, reconnectionTime.Ticks);

    internal void PublishStatus(ChannelStatus status)
    {
        lock (StatusGate)
        {
            if (_statusCompleted)
            {
                return;
            }

            Measure(status);
            _status.OnNext(status);
        }
    }

    /// <summary>Ends <see cref="Status"/> for good (its owner is disposed, the connection closed): reports
    /// <see cref="ChannelState.Closed"/> unless that is the current status, then completes. Later changes are dropped.</summary>
    internal void CompleteStatus()
    {
        lock (StatusGate)
        {
            if (_statusCompleted)
            {
                return;
            }

            if (_status.Latest.State != ChannelState.Closed)
            {
                var closed = new ChannelStatus(ChannelState.Closed);
                Measure(closed);
                _status.OnNext(closed);
            }

            _statusCompleted = true;
            _status.OnCompleted();
        }
    }

    /// <summary>A status subscriber threw (the status subject's report; an interface, so no delegate per connection).</summary>
    void ISubscriberFaultHandler.OnSubscriberFault(SubscriberFault fault)
    {
        if (StatusSubscriberFaulted is { } report)
        {
            report.OnSubscriberFault(fault);
        }
        else
        {
            ConnectionLog.StatusSubscriberFaulted(_logger, LogTarget, fault.Call, fault.Exception);
        }
    }

    /// <summary>Records a status change on the meter: entering Open counts a connection as open; leaving Open counts it
    /// as closed with its uptime (scheduler clock); Reconnecting counts a reconnect by cause. Under the status gate.</summary>
    private void Measure(ChannelStatus status)
    {
        if (_metrics is null)
        {
            return;
        }

        if (status.State == ChannelState.Open)
        {
            if (_openedAt == NotOpen)
            {
                _openedAt = _scheduler.Now.UtcTicks;
                _openedHttpVersion = status.HttpVersion;
                _metrics.ConnectionOpened(_channelKind, _openedHttpVersion);
            }

            return;
        }

        if (_openedAt != NotOpen)
        {
            var uptime = TimeSpan.FromTicks(_scheduler.Now.UtcTicks - _openedAt);
            _openedAt = NotOpen;
            _metrics.ConnectionClosed(_channelKind, uptime, _openedHttpVersion);
        }

        if (status.State == ChannelState.Reconnecting)
        {
            _metrics.Reconnect(status.Cause, _channelKind);
        }
    }
}
