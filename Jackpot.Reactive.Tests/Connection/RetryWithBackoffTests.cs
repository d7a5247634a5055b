using System.Net;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Connection;

public sealed class RetryWithBackoffTests
{
    private static readonly IOException NetworkError = new("reset");

    /// <summary>1 s, ×2, at most 8 s, jitter 0.5 with the random source fixed at 0.5 (so each delay is 5/4 of the back-off).</summary>
    private static readonly ReconnectPolicy Policy = new()
    {
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        Multiplier = 2,
        JitterRatio = 0.5,
        ResetAfter = TimeSpan.FromSeconds(60),
        RandomSource = () => 0.5,
    };

    private static long S(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;

    private static ITestableObserver<int> Run(TestScheduler scheduler, IObservable<int> observable, double disposeAt = 1000) =>
        scheduler.Start(() => observable, created: 1, subscribed: S(1), disposed: S(disposeAt));

    [Fact]
    public void RetryWithBackoff_NullArguments_Throw()
    {
        var source = Observable.Never<int>();
        var scheduler = new TestScheduler();

        FluentActions.Invoking(() => ((IObservable<int>)null!).RetryWithBackoff(Policy, scheduler)).Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => source.RetryWithBackoff(null!, scheduler)).Should().Throw<ArgumentNullException>().WithParameterName("policy");
        FluentActions.Invoking(() => source.RetryWithBackoff(Policy, (IScheduler)null!)).Should().Throw<ArgumentNullException>().WithParameterName("scheduler");
        FluentActions.Invoking(() => source.RetryWithBackoff(Policy, scheduler, null!)).Should().Throw<ArgumentNullException>().WithParameterName("onRetry");
        FluentActions.Invoking(() => source.RetryWithBackoff(null!)).Should().Throw<ArgumentNullException>().WithParameterName("policy");
        FluentActions.Invoking(() => source.RetryWithBackoff(Policy, (Action<RetryAttempt>)null!)).Should().Throw<ArgumentNullException>().WithParameterName("onRetry");
    }

    [Fact]
    public void RetryWithBackoff_InitialDelayAboveMaxDelay_ThrowsArgumentException()
    {
        var policy = Policy with { InitialDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(5) };

        FluentActions.Invoking(() => Observable.Never<int>().RetryWithBackoff(policy, new TestScheduler()))
            .Should().Throw<ArgumentException>().WithParameterName("policy");
    }

    [Fact]
    public void RetryWithBackoff_RepeatedErrors_FollowsExactScheduleUntilMaxAttempts()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(ReactiveTest.OnNext(S(0.5), 7), ReactiveTest.OnError<int>(S(1), NetworkError));
        var retries = new List<RetryAttempt>();

        var observer = Run(scheduler, source.RetryWithBackoff(Policy with { MaxAttempts = 4 }, scheduler, retries.Add));

        // Delays 1.25, 2.5, 5, 10 s (back-off 1, 2, 4, 8 s, each plus a quarter); every attempt lasts 1 s.
        observer.Messages.Should().Equal(
            ReactiveTest.OnNext(S(1.5), 7),
            ReactiveTest.OnNext(S(3.75), 7),
            ReactiveTest.OnNext(S(7.25), 7),
            ReactiveTest.OnNext(S(13.25), 7),
            ReactiveTest.OnNext(S(24.25), 7),
            ReactiveTest.OnError<int>(S(24.75), NetworkError));
        source.Subscriptions.Should().Equal(
            ReactiveTest.Subscribe(S(1), S(2)),
            ReactiveTest.Subscribe(S(3.25), S(4.25)),
            ReactiveTest.Subscribe(S(6.75), S(7.75)),
            ReactiveTest.Subscribe(S(12.75), S(13.75)),
            ReactiveTest.Subscribe(S(23.75), S(24.75)));
        retries.Should().Equal(
            new RetryAttempt(1, TimeSpan.FromSeconds(1.25), NetworkError),
            new RetryAttempt(2, TimeSpan.FromSeconds(2.5), NetworkError),
            new RetryAttempt(3, TimeSpan.FromSeconds(5), NetworkError),
            new RetryAttempt(4, TimeSpan.FromSeconds(10), NetworkError));
    }

    [Fact]
    public void RetryWithBackoff_BackoffReachesMaxDelay_StaysThere()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), NetworkError));
        var retries = new List<RetryAttempt>();

        Run(scheduler, source.RetryWithBackoff(Policy with { MaxAttempts = 7 }, scheduler, retries.Add));

        retries.Select(r => r.Delay.TotalSeconds).Should().Equal(1.25, 2.5, 5, 10, 10, 10, 10);
        source.Subscriptions.Should().HaveCount(8);
    }

    [Fact]
    public void RetryWithBackoff_HealthyLongerThanResetAfter_StartsCountingAgain()
    {
        var scheduler = new TestScheduler();
        var failing = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), NetworkError));
        var healthy = scheduler.CreateColdObservable(ReactiveTest.OnNext(S(1), 1), ReactiveTest.OnError<int>(S(61), NetworkError));
        var sources = new Queue<IObservable<int>>([failing, failing, healthy, failing]);
        var retries = new List<RetryAttempt>();

        // Only network errors are retried: the empty queue's error at the end is passed on.
        Run(scheduler, Observable.Defer(sources.Dequeue).RetryWithBackoff(Policy with { MaxAttempts = 3, ShouldRetry = e => e is IOException }, scheduler, retries.Add));

        // Healthy from its first element at 1 s to its error at 61 s: 60 s = ResetAfter, so the count starts again.
        retries.Select(r => r.Attempt).Should().Equal(1, 2, 1, 2);
        healthy.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(6.75), S(67.75)));
    }

    [Fact]
    public void RetryWithBackoff_HealthyShorterThanResetAfter_KeepsCounting()
    {
        var scheduler = new TestScheduler();
        var failing = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), NetworkError));
        var shortLived = scheduler.CreateColdObservable(ReactiveTest.OnNext(S(1), 1), ReactiveTest.OnError<int>(S(60.9), NetworkError));
        var sources = new Queue<IObservable<int>>([failing, failing, shortLived, failing]);
        var retries = new List<RetryAttempt>();

        Run(scheduler, Observable.Defer(sources.Dequeue).RetryWithBackoff(Policy with { MaxAttempts = 3 }, scheduler, retries.Add));

        retries.Select(r => r.Attempt).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void RetryWithBackoff_ErrorWithRetryAfter_WaitsAtLeastThatLong()
    {
        var scheduler = new TestScheduler();
        var busy = new SseHttpException(HttpStatusCode.ServiceUnavailable, "text/plain", new Dictionary<string, IReadOnlyList<string>>(), TimeSpan.FromSeconds(20));
        var source = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), busy));

        Run(scheduler, source.RetryWithBackoff(Policy with { MaxAttempts = 1, DelayFloor = ReconnectPolicy.DelayFloorByDefault }, scheduler));

        source.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(2)), ReactiveTest.Subscribe(S(22), S(23)));
    }

    [Fact]
    public void RetryWithBackoff_NoRulesInThePolicy_RetriesEveryErrorWithoutFloor()
    {
        var scheduler = new TestScheduler();
        var busy = new SseHttpException(HttpStatusCode.ServiceUnavailable, "text/plain", new Dictionary<string, IReadOnlyList<string>>(), TimeSpan.FromSeconds(20));
        var source = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), new InvalidOperationException("not an SSE error")));
        var busySource = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), busy));
        var retries = new List<RetryAttempt>();

        Run(scheduler, source.RetryWithBackoff(Policy with { MaxAttempts = 2 }, scheduler, retries.Add));
        var busyObserver = scheduler.Start(() => busySource.RetryWithBackoff(Policy with { MaxAttempts = 1 }, scheduler), created: S(1001), subscribed: S(1002), disposed: S(2000));

        retries.Select(r => r.Delay.TotalSeconds).Should().Equal([1.25, 2.5], "the generic engine knows nothing of the source's errors: it retries them all");
        busySource.Subscriptions.Should().Equal(
            [ReactiveTest.Subscribe(S(1002), S(1003)), ReactiveTest.Subscribe(S(1004.25), S(1005.25))],
            "Retry-After is an event stream's rule, not the engine's");
        busyObserver.Messages.Should().ContainSingle().Which.Value.Exception.Should().BeSameAs(busy);
    }

    [Fact]
    public void RetryWithBackoff_CustomDelayFloorBelowBackoff_KeepsBackoff()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), NetworkError));
        var retries = new List<RetryAttempt>();

        Run(scheduler, source.RetryWithBackoff(
            Policy with { MaxAttempts = 3, DelayFloor = _ => TimeSpan.FromSeconds(2) }, scheduler, retries.Add));

        retries.Select(r => r.Delay.TotalSeconds).Should().Equal(2, 2.5, 5);
    }

    [Fact]
    public void RetryWithBackoff_TerminalError_PassedOnWithoutRetry()
    {
        var scheduler = new TestScheduler();
        var notFound = new SseHttpException(HttpStatusCode.NotFound, "text/plain", new Dictionary<string, IReadOnlyList<string>>(), null);
        var source = scheduler.CreateColdObservable(ReactiveTest.OnNext(S(0.5), 1), ReactiveTest.OnError<int>(S(1), notFound));
        var retries = new List<RetryAttempt>();

        var observer = Run(scheduler, source.RetryWithBackoff(Policy with { ShouldRetry = ReconnectPolicy.IsRetriedByDefault }, scheduler, retries.Add));

        observer.Messages.Should().Equal(ReactiveTest.OnNext(S(1.5), 1), ReactiveTest.OnError<int>(S(2), notFound));
        source.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(2)));
        retries.Should().BeEmpty();
    }

    [Fact]
    public void RetryWithBackoff_MaxAttemptsZero_NeverRetries()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), NetworkError));

        var observer = Run(scheduler, source.RetryWithBackoff(Policy with { MaxAttempts = 0 }, scheduler));

        observer.Messages.Should().Equal(ReactiveTest.OnError<int>(S(2), NetworkError));
        source.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(2)));
    }

    [Fact]
    public void RetryWithBackoff_SourceCompletes_CompletesWithoutRetry()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(ReactiveTest.OnNext(S(1), 1), ReactiveTest.OnCompleted<int>(S(2)));

        var observer = Run(scheduler, source.RetryWithBackoff(Policy, scheduler));

        observer.Messages.Should().Equal(ReactiveTest.OnNext(S(2), 1), ReactiveTest.OnCompleted<int>(S(3)));
        source.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(3)));
    }

    [Fact]
    public void RetryWithBackoff_DisposedDuringBackoff_CancelsWaitAndSubscribesNothing()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), NetworkError));
        var retries = new List<RetryAttempt>();

        var observer = Run(scheduler, source.RetryWithBackoff(Policy, scheduler, retries.Add), disposeAt: 2.5);

        observer.Messages.Should().BeEmpty();
        source.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(2)));
        retries.Should().ContainSingle();
    }

    [Fact]
    public void RetryWithBackoff_DisposedDuringAttempt_UnsubscribesSource()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(ReactiveTest.OnNext(S(1), 1), ReactiveTest.OnError<int>(S(10), NetworkError));

        var observer = Run(scheduler, source.RetryWithBackoff(Policy, scheduler), disposeAt: 5);

        observer.Messages.Should().Equal(ReactiveTest.OnNext(S(2), 1));
        source.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(5)));
    }

    [Fact]
    public void RetryWithBackoff_ShouldRetryThrows_PassesThatErrorOn()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), NetworkError));
        var predicateError = new InvalidOperationException("predicate");

        var observer = Run(scheduler, source.RetryWithBackoff(Policy with { ShouldRetry = _ => throw predicateError }, scheduler));

        observer.Messages.Should().Equal(ReactiveTest.OnError<int>(S(2), predicateError));
    }

    [Fact]
    public void RetryWithBackoff_OnRetryThrows_PassesThatErrorOn()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(ReactiveTest.OnError<int>(S(1), NetworkError));
        var callbackError = new InvalidOperationException("callback");

        var observer = Run(scheduler, source.RetryWithBackoff(Policy, scheduler, _ => throw callbackError));

        observer.Messages.Should().Equal(ReactiveTest.OnError<int>(S(2), callbackError));
        source.Subscriptions.Should().ContainSingle();
    }

    [Fact]
    public void RetryWithBackoff_ManySynchronousFailures_DoesNotGrowTheStack()
    {
        var scheduler = new TestScheduler();
        var tiny = new ReconnectPolicy { InitialDelay = TimeSpan.FromTicks(1), MaxDelay = TimeSpan.FromTicks(1), MaxAttempts = 20_000 };
        int subscriptions = 0;
        var source = Observable.Defer(() =>
        {
            subscriptions++;
            return Observable.Throw<int>(NetworkError);
        });

        var observer = scheduler.Start(() => source.RetryWithBackoff(tiny, scheduler), created: 1, subscribed: 2, disposed: long.MaxValue);

        observer.Messages.Should().ContainSingle().Which.Value.Exception.Should().BeSameAs(NetworkError);
        subscriptions.Should().Be(20_001);
    }

    [Fact]
    public void RetryWithBackoff_DefaultScheduler_RetriesInRealTime()
    {
        int subscriptions = 0;
        var source = Observable.Defer(() => ++subscriptions < 3 ? Observable.Throw<int>(NetworkError) : Observable.Return(42));
        var fast = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

        int value = source.RetryWithBackoff(fast).Timeout(TimeSpan.FromSeconds(10)).Wait();

        value.Should().Be(42);
        subscriptions.Should().Be(3);
    }
}
