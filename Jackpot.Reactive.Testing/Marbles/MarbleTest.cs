using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// Marble tests in virtual time: create hot and cold observables from marbles, state what an observable and the
/// subscriptions of a source are expected to be, then <see cref="Flush"/> to run virtual time and check every expectation.
/// Works with any test framework: a failed expectation throws <see cref="MarbleAssertionException"/>.
/// </summary>
/// <remarks>
/// <para>The form that cannot forget to check: <see cref="Run(Action{MarbleTest})"/> creates the test, runs the body
/// and flushes. Otherwise create it with <c>using</c>: <see cref="Dispose"/> fails when expectations were stated and
/// never checked, so a forgotten <see cref="Flush"/> cannot pass silently.</para>
/// <para>Syntax: <c>-</c> one frame (<see cref="FrameLength"/>, 1 ms by default); white space is ignored except around
/// time progressions (<c>10ms</c>, <c>1.5s</c>, <c>2m</c>), which must have white space or the start/end of the marbles
/// on both sides and advance time by their span without taking a frame of their own; anything that looks like a
/// malformed time progression is a <see cref="MarbleSyntaxException"/>; <c>|</c> completion; <c>#</c> error;
/// <c>^</c> time zero of a hot observable; any other symbol is a value. Every symbol takes one frame. A group
/// <c>(ab)</c> emits its symbols in the frame where it opens and takes exactly one frame, whatever its width
/// (<c>(ab)-c</c>: <c>c</c> is at frame 2), unless <see cref="MarbleTestOptions.GroupTiming"/> is
/// <see cref="MarbleGroupTiming.RxJs"/>. Subscription marbles use <c>^</c> (subscribe) and <c>!</c> (unsubscribe).</para>
/// <para>Time: frame <c>n</c> is the span <c>[n, n + 1)</c> × <see cref="FrameLength"/> after the scheduler's clock at
/// construction (time zero). Within a frame, expected subscriptions and unsubscriptions happen two ticks in and hot
/// notifications three ticks in, so a subscription made in a frame sees that frame's hot notifications; notifications
/// before a hot observable's <c>^</c> all happen one tick after time zero, in order. Recorded notifications and
/// subscriptions count in the frame their tick falls in, so the tick <see cref="TestScheduler"/> adds to work that is
/// due now does not move them: <c>Hot("--a--|")</c> through an identity operator is <c>"--a--|"</c>.</para>
/// <para>Not thread-safe: use one instance from the test's thread.</para>
/// </remarks>
public sealed partial class MarbleTest : IDisposable
{
    private const long BeforeZeroPhase = 1;
    private const long SubscribePhase = 2;
    private const long EmitPhase = 3;

    private readonly MarbleTestScheduler _scheduler;
    private readonly List<IMarbleExpectation> _expectations = [];
    private readonly long _origin;
    private readonly long _frameTicks;
    private readonly long _maxFrames;
    private (int Thread, long Count) _exceptionMark;
    private bool _disposed;

    /// <summary>Creates a marble test with 1 ms frames.</summary>
    public MarbleTest()
        : this(new MarbleTestOptions())
    {
    }

    /// <summary>Creates a marble test.</summary>
    /// <param name="options">The frame length, group timing and flush limit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public MarbleTest(MarbleTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _frameTicks = options.FrameLength.Ticks;
        _maxFrames = options.MaxFrames;
        _scheduler = new MarbleTestScheduler(new MarbleSyntax(_frameTicks, options.GroupTiming));
        _origin = _scheduler.Clock;
    }

    /// <summary>Gets the virtual-time scheduler: pass it to the operators under test.</summary>
    public TestScheduler Scheduler => _scheduler;

    /// <summary>Gets the virtual time one frame (<c>-</c>) stands for.</summary>
    public TimeSpan FrameLength => TimeSpan.FromTicks(_frameTicks);

    /// <summary>Creates a hot observable of characters: each symbol stands for itself.</summary>
    /// <param name="marbles">The marbles, e.g. <c>"--a-^-b--|"</c>.</param>
    /// <returns>The observable; its <see cref="ITestableObservable{T}.Subscriptions"/> go to <see cref="ExpectSubscriptions"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is null.</exception>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid; the message gives the position.</exception>
    /// <exception cref="InvalidOperationException">A notification would be in the past of the scheduler's clock.</exception>
    public ITestableObservable<char> Hot(string marbles) => Hot<char>(marbles);

    /// <summary>Creates a hot observable: it emits at the frames of the marbles whether anyone subscribes or not.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="marbles">The marbles; <c>^</c> marks time zero, symbols before it happen before time zero.</param>
    /// <param name="values">The value of each symbol; when null, symbols stand for themselves (char or string only).</param>
    /// <param name="error">The error of <c>#</c>; a <see cref="MarbleErrorException"/> when null.</param>
    /// <returns>The observable; it records its subscriptions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is null.</exception>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid; the message gives the position.</exception>
    /// <exception cref="ArgumentException">A symbol has no value.</exception>
    /// <exception cref="InvalidOperationException">A notification would be in the past of the scheduler's clock.</exception>
    public ITestableObservable<T> Hot<T>(string marbles, IReadOnlyDictionary<char, T>? values = null, Exception? error = null)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        var entries = MarbleParser.ParseObservable(marbles, Syntax, allowZeroMarker: true);
        error ??= new MarbleErrorException();
        var messages = new Recorded<Notification<T>>[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            long ticks = entries[i].Frame < 0 ? _origin + BeforeZeroPhase : TicksAt(entries[i].Frame, EmitPhase);
            RequireFuture(ticks, entries[i].Frame, "the hot notification");
            messages[i] = new Recorded<Notification<T>>(ticks, MarbleValues.ToNotification(entries[i], marbles, values, error));
        }

        return _scheduler.CreateHotObservable(messages);
    }

    /// <summary>Creates a cold observable of characters: each symbol stands for itself.</summary>
    /// <param name="marbles">The marbles, frames counted from each subscription.</param>
    /// <returns>The observable; it records its subscriptions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is null.</exception>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid (for example, they contain <c>^</c>).</exception>
    public ITestableObservable<char> Cold(string marbles) => Cold<char>(marbles);

    /// <summary>Creates a cold observable: every subscription gets the marbles, frames counted from the subscription.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="marbles">The marbles; <c>^</c> is not allowed.</param>
    /// <param name="values">The value of each symbol; when null, symbols stand for themselves (char or string only).</param>
    /// <param name="error">The error of <c>#</c>; a <see cref="MarbleErrorException"/> when null.</param>
    /// <returns>The observable; it records its subscriptions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is null.</exception>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid.</exception>
    /// <exception cref="ArgumentException">A symbol has no value.</exception>
    public ITestableObservable<T> Cold<T>(string marbles, IReadOnlyDictionary<char, T>? values = null, Exception? error = null)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        var entries = MarbleParser.ParseObservable(marbles, Syntax, allowZeroMarker: false);
        error ??= new MarbleErrorException();
        var messages = entries
            .Select(e => new Recorded<Notification<T>>(e.Frame * _frameTicks, MarbleValues.ToNotification(e, marbles, values, error)))
            .ToArray();
        return _scheduler.CreateColdObservable(messages);
    }

    /// <summary>Subscribes to <paramref name="source"/> in virtual time and records what it does, to be compared with
    /// the marbles given to <see cref="ObservableExpectation{T}.ToBe"/> at <see cref="Flush"/>.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="source">The observable under test.</param>
    /// <param name="subscriptionMarbles">When to subscribe (<c>^</c>, frame 0 when absent) and unsubscribe (<c>!</c>,
    /// never when absent), e.g. <c>"--^---!"</c>; null subscribes at frame 0 and never unsubscribes.</param>
    /// <remarks>Like an Rx operator, the expectation disposes its subscription when the source completes or fails, so
    /// the source's subscription log shows the unsubscription in that frame.</remarks>
    /// <returns>The expectation; call <see cref="ObservableExpectation{T}.ToBe"/> on it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="MarbleSyntaxException"><paramref name="subscriptionMarbles"/> are invalid.</exception>
    /// <exception cref="InvalidOperationException">The subscription frame is in the past of the scheduler's clock.</exception>
    public ObservableExpectation<T> ExpectObservable<T>(IObservable<T> source, string? subscriptionMarbles = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var subscription = subscriptionMarbles is null
            ? default
            : MarbleParser.ParseSubscription(subscriptionMarbles, Syntax, requireSubscribe: false);
        long subscribeFrame = subscription.SubscribeFrame ?? 0;
        long subscribeTicks = TicksAt(subscribeFrame, SubscribePhase);
        RequireFuture(subscribeTicks, subscribeFrame, "the subscription");
        var connection = new SingleAssignmentDisposable();
        var expectation = new ObservableExpectation<T>(this, connection);
        _scheduler.ScheduleAbsolute(subscribeTicks, () => connection.Disposable = source.Subscribe(expectation.Recorder));
        if (subscription.UnsubscribeFrame is { } unsubscribeFrame)
        {
            _scheduler.ScheduleAbsolute(TicksAt(unsubscribeFrame, SubscribePhase), connection.Dispose);
        }

        Add(expectation);
        return expectation;
    }

    /// <summary>States what the subscriptions of a source are expected to be, checked at <see cref="Flush"/>.</summary>
    /// <param name="subscriptions">The live subscription log, e.g. <see cref="ITestableObservable{T}.Subscriptions"/>
    /// or a virtual push channel's <c>Subscriptions</c>; it is read at flush time.</param>
    /// <returns>The expectation; call <see cref="SubscriptionExpectation.ToBe"/> on it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscriptions"/> is null.</exception>
    public SubscriptionExpectation ExpectSubscriptions(IEnumerable<Subscription> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var expectation = new SubscriptionExpectation(this, subscriptions);
        Add(expectation);
        return expectation;
    }

    /// <summary>Runs virtual time until no work is left (at most <see cref="MarbleTestOptions.MaxFrames"/> frames after
    /// time zero), then checks every expectation stated since the last flush.</summary>
    /// <exception cref="MarbleAssertionException">An expectation failed; the message shows every failure.</exception>
    /// <exception cref="InvalidOperationException"><see cref="ExpectObservable{T}"/> or
    /// <see cref="ExpectSubscriptions"/> was called without <c>ToBe</c>.</exception>
    /// <remarks>Exceptions thrown by scheduled work (an operator's bug) propagate unchanged.</remarks>
    /// <exception cref="ObjectDisposedException">The test was disposed.</exception>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long limit = _maxFrames > (long.MaxValue - _origin) / _frameTicks ? long.MaxValue : TicksAt(_maxFrames, 0);
        while (_scheduler.TryGetNextDueTime(out long due) && due <= limit)
        {
            _scheduler.AdvanceTo(Math.Max(due, _scheduler.Clock + 1));
        }

        var expectations = _expectations.ToList();
        _expectations.Clear();
        var failures = new List<string>();
        foreach (var expectation in expectations)
        {
            if (expectation.Check() is { } failure)
            {
                failures.Add(failure);
            }
        }

        if (failures.Count == 1)
        {
            throw new MarbleAssertionException(failures[0]);
        }

        if (failures.Count > 1)
        {
            throw new MarbleAssertionException(
                $"{failures.Count} marble expectations failed.\n\n" + string.Join("\n\n", failures));
        }
    }

    /// <summary>Measures marbles: the virtual time from the start of the marbles to their <c>|</c>.</summary>
    /// <param name="marbles">Marbles with one <c>|</c>, e.g. <c>"---|"</c> (three frames).</param>
    /// <returns>The span, to pass to the operator under test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is null.</exception>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid or have no <c>|</c>.</exception>
    public TimeSpan Time(string marbles)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        var entries = MarbleParser.ParseObservable(marbles, Syntax, allowZeroMarker: false);
        var end = entries.FirstOrDefault(e => e.Kind == MarbleKind.Completion);
        return end.Kind == MarbleKind.Completion
            ? TimeSpan.FromTicks(end.Frame * _frameTicks)
            : throw MarbleTokenizer.Error(marbles, marbles.Length, "Time needs a '|' to measure to.");
    }

    /// <summary>Gets the frame an absolute scheduler time falls in.</summary>
    internal long FrameOf(long ticks)
    {
        long offset = ticks - _origin;
        return offset >= 0 ? offset / _frameTicks : -((-offset + _frameTicks - 1) / _frameTicks);
    }

    internal long FrameTicks => _frameTicks;

    internal MarbleSyntax Syntax => _scheduler.Syntax;

    /// <summary>Ends the test: fails when expectations were stated and never checked by <see cref="Flush"/>.</summary>
    /// <exception cref="MarbleAssertionException">Expectations were never checked ("2 expectations were never checked:
    /// call Flush()"). When the test's thread threw an exception after they were stated — the test failed before it
    /// reached <see cref="Flush"/> — that exception is the inner exception and its message is quoted, so the original
    /// failure is never hidden.</exception>
    /// <remarks>Calling it again does nothing. After disposal, stating expectations and flushing throw
    /// <see cref="ObjectDisposedException"/>; observables already created keep working. To find the test's own failure,
    /// the package listens to <see cref="AppDomain.FirstChanceException"/> once a test has stated an expectation (the
    /// handler only keeps the last exception of each thread); an exception thrown on another thread — after an
    /// <c>await</c> — is not attributed.</remarks>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_expectations.Count > 0)
        {
            var summaries = _expectations.Select(e => e.Summary).ToList();
            _expectations.Clear();
            throw UncheckedExpectations.Failure(summaries, UncheckedExpectations.ThrownSince(_exceptionMark));
        }
    }

    private void Add(IMarbleExpectation expectation)
    {
        if (_expectations.Count == 0)
        {
            _exceptionMark = UncheckedExpectations.Mark();
        }

        _expectations.Add(expectation);
    }

    private long TicksAt(long frame, long phase) => checked(_origin + (frame * _frameTicks) + phase);

    private void RequireFuture(long ticks, long frame, string what)
    {
        if (ticks <= _scheduler.Clock)
        {
            throw new InvalidOperationException(
                $"Frame {frame} of {what} is in the past: virtual time is already at frame {FrameOf(_scheduler.Clock)}. " +
                "Create marble observables and expectations before flushing.");
        }
    }
}
