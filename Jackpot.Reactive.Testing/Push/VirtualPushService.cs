using System.Net;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// A push service in virtual time: an <see cref="ISseTransport"/> that answers each connection attempt with the script
/// of its channel (events with ids, comments, drops, clean ends, HTTP statuses with <c>Retry-After</c>, stalls), all
/// scheduled on a scheduler, and records every attempt (time, <c>Last-Event-ID</c>, headers, URI, disposal).
/// </summary>
/// <remarks>
/// <para>A request is routed by its <c>channel</c> query parameter (see <see cref="JackpotPushEndpoint.BuildSubscribeUri"/>);
/// scheme, host and path are not checked. A request that names no valid channel fails with a 400
/// <see cref="SseHttpException"/>. A channel nobody scripted accepts the connection and sends nothing.</para>
/// <para>Steps are scheduled relative to the moment of the subscription; on a <c>TestScheduler</c> a step due at once
/// runs one tick later. Disposing the subscription cancels the steps not run yet. Chunks are fresh arrays.</para>
/// </remarks>
public sealed class VirtualPushService : ISseTransport
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ChannelName, VirtualChannel> _channels = [];
    private readonly List<VirtualConnectionAttempt> _attempts = [];
    private readonly MarbleSyntax _syntax;
    private int _unroutedAttempts;

    /// <summary>Creates the service on a scheduler. Attempt marbles are read as the <see cref="MarbleTest"/> that owns the
    /// scheduler reads marbles (frame length and group timing); on any other scheduler, with 1 ms frames.</summary>
    /// <param name="scheduler">The scheduler the scripts run on: <see cref="MarbleTest.Scheduler"/>, or any scheduler
    /// when no marble test is involved.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scheduler"/> is null.</exception>
    /// <remarks>A scheduler that wraps a marble test's scheduler is not recognised: pass the test itself
    /// (<see cref="VirtualPushService(MarbleTest)"/>), or state the frame length.</remarks>
    public VirtualPushService(IScheduler scheduler)
        : this(scheduler, SyntaxOf(scheduler ?? throw new ArgumentNullException(nameof(scheduler))))
    {
    }

    /// <summary>Creates the service on the scheduler of a marble test, reading attempt marbles as the test reads
    /// expected marbles (frame length and group timing), so the two can never disagree.</summary>
    /// <param name="test">The marble test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="test"/> is null.</exception>
    public VirtualPushService(MarbleTest test)
        : this((test ?? throw new ArgumentNullException(nameof(test))).Scheduler, test.Syntax)
    {
    }

    /// <summary>Creates the service on a scheduler with a stated frame length for attempt marbles.</summary>
    /// <param name="scheduler">The scheduler the scripts run on.</param>
    /// <param name="frameLength">The time of one <c>-</c> in attempt marbles.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scheduler"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frameLength"/> is zero or negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="scheduler"/> is a <see cref="MarbleTest"/>'s and
    /// <paramref name="frameLength"/> is not that test's frame length.</exception>
    public VirtualPushService(IScheduler scheduler, TimeSpan frameLength)
        : this(scheduler, Check(scheduler, frameLength))
    {
    }

    private VirtualPushService(IScheduler scheduler, MarbleSyntax syntax)
    {
        Scheduler = scheduler;
        _syntax = syntax;
    }

    /// <summary>Gets the scheduler the scripts run on.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>Gets the reconnect policy of the clients this service makes by default: <see cref="ReconnectPolicy.Default"/>
    /// without jitter (<see cref="ReconnectPolicy.JitterRatio"/> 0 and a <see cref="ReconnectPolicy.RandomSource"/> that
    /// always returns 0), so retries come exactly 1 s, 2 s, 4 s, … (at most 30 s) after consecutive failures.</summary>
    public static ReconnectPolicy DefaultClientReconnect { get; } =
        ReconnectPolicy.Default with { JitterRatio = 0, RandomSource = static () => 0.0 };

    /// <summary>Gets the settings of the clients this service makes by default: the test defaults — the workspace
    /// <see cref="Jackpots.DefaultWorkspace"/> (so <c>Broadcast(Jackpots.DefaultGroup)</c> is
    /// <see cref="Jackpots.DefaultBroadcastChannel"/>), <see cref="DefaultClientReconnect"/> (no jitter) and no linger (a
    /// test's unsubscription closes the connection in the same frame) — and the library's defaults for the rest.</summary>
    /// <remarks>Change only what a test is about with <see langword="with"/>:
    /// <c>service.CreateClient(VirtualPushService.DefaultClientOptions with { IdleTimeout = TimeSpan.FromSeconds(30) })</c>.</remarks>
    public static JackpotPushClientOptions DefaultClientOptions { get; } = new()
    {
        Workspace = Jackpots.DefaultWorkspace,
        Reconnect = DefaultClientReconnect,
        Linger = TimeSpan.Zero,
    };

    /// <summary>Gets a snapshot of all attempts made so far, on every channel, in order.</summary>
    public IReadOnlyList<VirtualConnectionAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts.ToList();
            }
        }
    }

    /// <summary>Gets a channel, to script its attempts and read its record.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The same <see cref="VirtualChannel"/> for the same name.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/>.</exception>
    public VirtualChannel Channel(ChannelName channel)
    {
        if (channel.RawValue.Length == 0)
        {
            throw new ArgumentException("The channel is not set (default value).", nameof(channel));
        }

        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var virtualChannel))
            {
                virtualChannel = new VirtualChannel(channel, _syntax);
                _channels.Add(channel, virtualChannel);
            }

            return virtualChannel;
        }
    }

    /// <summary>Creates a <see cref="JackpotPushClient"/> that connects to this service on its <see cref="Scheduler"/>,
    /// with the test defaults of <see cref="DefaultClientOptions"/> (no linger, a back-off without jitter, the default
    /// workspace of <see cref="Jackpots"/>) except for what the arguments set.</summary>
    /// <param name="reconnect">How dropped connections are retried; <see cref="DefaultClientReconnect"/> when null.</param>
    /// <param name="linger">How long a channel's connection stays open after its last subscriber leaves; zero when null,
    /// so a test's unsubscription closes the connection in the same frame.</param>
    /// <param name="workspace">The client's workspace; <see cref="Jackpots.DefaultWorkspace"/> when null, so
    /// <c>Broadcast(Jackpots.DefaultGroup)</c> is <see cref="Jackpots.DefaultBroadcastChannel"/>.</param>
    /// <returns>The client; the caller disposes it. Every timer of the client (back-off, linger) runs on <see cref="Scheduler"/>.</returns>
    /// <exception cref="ArgumentException">A setting is invalid (for example a negative <paramref name="linger"/>); the message names it.</exception>
    public JackpotPushClient CreateClient(ReconnectPolicy? reconnect = null, TimeSpan? linger = null, WorkspaceId? workspace = null)
    {
        var defaults = DefaultClientOptions;
        return CreateClient(defaults with
        {
            Reconnect = reconnect ?? defaults.Reconnect,
            Linger = linger ?? defaults.Linger,
            Workspace = workspace ?? defaults.Workspace,
        });
    }

    /// <summary>Creates a <see cref="JackpotPushClient"/> with <paramref name="options"/> that connects to this service on
    /// its <see cref="Scheduler"/>.</summary>
    /// <param name="options">The settings; derive them from the test defaults,
    /// e.g. <c>DefaultClientOptions with { IdleTimeout = TimeSpan.FromSeconds(30) }</c> (new options have the
    /// library's defaults: a 5 s linger, a jittered back-off, and no workspace).</param>
    /// <returns>The client; the caller disposes it. Every timer of the client runs on <see cref="Scheduler"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public JackpotPushClient CreateClient(JackpotPushClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JackpotPushClient(options, this, Scheduler, loggerFactory: null);
    }

    /// <summary>Returns a cold observable: each subscription is one connection attempt running its channel's next script.</summary>
    /// <param name="request">The request; its URI's <c>channel</c> query parameter picks the channel.</param>
    /// <returns>The chunks of the attempt: <see cref="SseTransportChunk.Opened"/>, then body bytes, then completion
    /// or an error, as scripted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public IObservable<SseTransportChunk> Connect(SseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Observable.Create<SseTransportChunk>(observer =>
        {
            var (attempt, steps) = Start(request);
            IDisposable scheduled = steps is IReadOnlyList<VirtualStep> list
                ? ScheduleAll(list, observer)
                : new LazyStepRunner(Scheduler, steps, observer, Run).Start();
            return Disposable.Create(() =>
            {
                attempt.MarkDisposed(Scheduler.Now);
                scheduled.Dispose();
            });
        });
    }

    private CompositeDisposable ScheduleAll(IReadOnlyList<VirtualStep> steps, IObserver<SseTransportChunk> observer)
    {
        var scheduled = new CompositeDisposable(steps.Count);
        foreach (var step in steps)
        {
            scheduled.Add(Scheduler.Schedule(step.At, () => Run(step, observer)));
        }

        return scheduled;
    }

    private static void Run(VirtualStep step, IObserver<SseTransportChunk> observer)
    {
        switch (step.Kind)
        {
            case VirtualStepKind.Open:
                observer.OnNext(SseTransportChunk.Opened);
                break;
            case VirtualStepKind.Data:
                observer.OnNext(SseTransportChunk.FromData(step.Data.AsMemory().ToArray()));
                break;
            case VirtualStepKind.End:
                observer.OnCompleted();
                break;
            default:
                observer.OnError(step.Error!);
                break;
        }
    }

    private (VirtualConnectionAttempt Attempt, IEnumerable<VirtualStep> Steps) Start(SseRequest request)
    {
        var now = Scheduler.Now;
        (VirtualConnectionAttempt Attempt, IEnumerable<VirtualStep> Steps) started;
        if (SubscribeQuery.TryGetChannel(request.Uri, out var channel))
        {
            started = Channel(channel).Start(request, now);
        }
        else
        {
            var badRequest = new SseHttpException(
                HttpStatusCode.BadRequest,
                "text/plain",
                new Dictionary<string, IReadOnlyList<string>> { ["Content-Type"] = ["text/plain"] },
                retryAfter: null);
            started = (new VirtualConnectionAttempt(Interlocked.Increment(ref _unroutedAttempts), null, request, now),
                [new VirtualStep(TimeSpan.Zero, VirtualStepKind.Fail, Error: badRequest)]);
        }

        lock (_gate)
        {
            _attempts.Add(started.Attempt);
        }

        return started;
    }

    private static MarbleSyntax SyntaxOf(IScheduler scheduler) =>
        scheduler is MarbleTestScheduler marble ? marble.Syntax : MarbleSyntax.Default;

    private static MarbleSyntax Check(IScheduler scheduler, TimeSpan frameLength)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frameLength, TimeSpan.Zero);
        var syntax = SyntaxOf(scheduler);
        if (scheduler is MarbleTestScheduler && syntax.FrameTicks != frameLength.Ticks)
        {
            throw new ArgumentException(
                $"The scheduler belongs to a MarbleTest whose frames are {MarbleTime.Format(syntax.FrameTicks)}, not {MarbleTime.Format(frameLength.Ticks)}: " +
                "attempt marbles and expected marbles would disagree. Use VirtualPushService(MarbleTest).",
                nameof(frameLength));
        }

        return syntax with { FrameTicks = frameLength.Ticks };
    }
}
