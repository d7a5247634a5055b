using System.Reactive.Concurrency;
using System.Reactive;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Operators.JackpotSamples;

namespace Jackpot.Reactive.Tests.Operators;

/// <summary>
/// ToBoard and Tween decide which events are stale exactly as DetectInstanceChanges does: by the <c>&lt;jackpot&gt;_&lt;n&gt;</c>
/// ordinal when both ids have that form, otherwise by remembering the last 32 replaced instances of a jackpot.
/// </summary>
public sealed class StaleInstanceTests
{
    private static readonly JackpotId A = new("a");
    private static readonly TimeSpan Frame = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    [Fact]
    public void ToBoard_ValueOfOrdinalOlderInstanceNeverSeen_IsStaleAsInDetectInstanceChanges()
    {
        var (scheduler, source) = Hot(At<JackpotEvent>(2, Value("a", "a_5", 100m)), At<JackpotEvent>(3, Value("a", "a_3", 50m)),
            At<JackpotEvent>(4, Value("a", "a_5", 110m)));
        var boards = Observe(scheduler, source.ToBoard(), until: 10);
        var changes = Observe(scheduler, source.DetectInstanceChanges(), until: 10);

        scheduler.Start();

        boards.Messages.Select(m => m.Time).Should().Equal(Seconds(2), Seconds(4));
        boards.Messages[^1].Value.Value[A].Should().Match<JackpotBoardEntry>(e => e.Instance.Value == "a_5" && e.Amount == 110m);
        Values(changes).Should().ContainSingle().Which.Cause.Should().Be(InstanceChangeCause.Initial);
        source.Subscriptions.Should().Equal(SubscribedUntil(10), SubscribedUntil(10));
    }

    [Fact]
    public void ToBoard_LateWinOfOrdinalOlderInstanceNeverSeen_ChangesNothing()
    {
        var (scheduler, source) = Hot(At<JackpotEvent>(2, Value("a", "a_7", 100m)), At<JackpotEvent>(3, WonByOther("a", "a_2", "a_3")),
            At<JackpotEvent>(4, Value("a", "a_7", 101m)));
        var boards = Observe(scheduler, source.ToBoard(), until: 10);
        var changes = Observe(scheduler, source.DetectInstanceChanges(), until: 10);

        scheduler.Start();

        boards.Messages.Select(m => m.Time).Should().Equal(Seconds(2), Seconds(4));
        boards.Messages[^1].Value.Value[A].Should().Match<JackpotBoardEntry>(
            e => e.Instance.Value == "a_7" && e.Amount == 101m && e.LastWin == null);
        Values(changes).Should().ContainSingle().Which.Cause.Should().Be(InstanceChangeCause.Initial);
        source.Subscriptions.Should().Equal(SubscribedUntil(10), SubscribedUntil(10));
    }

    [Fact]
    public void Tween_ValueOfOrdinalOlderInstanceNeverSeen_IsIgnored()
    {
        var (scheduler, source) = Hot(At<JackpotEvent>(2, Value("a", "a_5", 100m)), At<JackpotEvent>(3, Value("a", "a_3", 50m)),
            At<JackpotEvent>(4, Value("a", "a_5", 100m)));

        var readings = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), Created, Subscribed, Seconds(20));

        readings.Messages.Should().Equal(At(2, Reading("a_5", 100m, 100m)));
        source.Subscriptions.Should().Equal(SubscribedUntil(20));
    }

    [Fact]
    public void Tween_ValueOfOlderInstanceAfterWinSeenFirst_IsIgnoredAndNewInstanceJumps()
    {
        var (scheduler, source) = Hot(At<JackpotEvent>(2, WonByOther("a", "a_5", "a_6")), At<JackpotEvent>(3, Value("a", "a_4", 10m)),
            At<JackpotEvent>(4, Value("a", "a_6", 20m)));

        var readings = scheduler.Start(() => source.Tween(Frame, Duration, scheduler), Created, Subscribed, Seconds(20));

        readings.Messages.Should().Equal(At(4, Reading("a_6", 20m, 20m)));
        source.Subscriptions.Should().Equal(SubscribedUntil(20));
    }

    [Fact]
    public void TweenAndToBoard_WinOfCurrentInstanceAgainstOrdinalHint_AreTrustedAsInDetectInstanceChanges()
    {
        var (scheduler, source) = Hot(At<JackpotEvent>(2, Value("a", "a_9", 100m)), At<JackpotEvent>(3, Won("a", "a_9", "a_1")),
            At<JackpotEvent>(4, Value("a", "a_1", 5m)), At<JackpotEvent>(5, Value("a", "a_9", 120m)));
        var readings = Observe(scheduler, source.Tween(Frame, Duration, scheduler), until: 20);
        var boards = Observe(scheduler, source.ToBoard(), until: 20);
        var changes = Observe(scheduler, source.DetectInstanceChanges(), until: 20);

        scheduler.Start();

        readings.Messages.Should().Equal(At(2, Reading("a_9", 100m, 100m)), At(4, Reading("a_1", 5m, 5m)));
        boards.Messages.Select(m => m.Time).Should().Equal(Seconds(2), Seconds(3), Seconds(4));
        Values(boards)[^1][A].Should().Match<JackpotBoardEntry>(e => e.Instance.Value == "a_1" && e.Amount == 5m && e.LastWinWasPlayer);
        Values(changes).Select(c => c.Cause).Should().Equal(InstanceChangeCause.Initial, InstanceChangeCause.WonByPlayer);
        source.Subscriptions.Should().Equal(SubscribedUntil(20), SubscribedUntil(20), SubscribedUntil(20));
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(33, false)]
    [InlineData(34, true)]
    public void ToBoardTweenAndDetectInstanceChanges_NonOrdinalIds_RememberTheLast32ReplacedInstances(int instances, bool firstIsForgotten)
    {
        var events = Enumerable.Range(0, instances)
            .Select(i => At<JackpotEvent>(1 + i, Value("a", $"x{i}", 100m + i)))
            .Append(At<JackpotEvent>(1 + instances, Value("a", "x0", 1m)))
            .ToArray();
        var (scheduler, source) = Hot(events);
        var readings = Observe(scheduler, source.Tween(Frame, Duration, scheduler), until: 100);
        var boards = Observe(scheduler, source.ToBoard(), until: 100);
        var changes = Observe(scheduler, source.DetectInstanceChanges(), until: 100);

        scheduler.Start();

        var adopted = instances + (firstIsForgotten ? 1 : 0);
        readings.Messages.Should().HaveCount(adopted);
        boards.Messages.Should().HaveCount(adopted);
        changes.Messages.Should().HaveCount(adopted);
        Values(boards)[^1][A].Instance.Value.Should().Be(firstIsForgotten ? "x0" : $"x{instances - 1}");
        source.Subscriptions.Should().Equal(SubscribedUntil(100), SubscribedUntil(100), SubscribedUntil(100));
    }

    [Theory]
    [InlineData("a_5", "a_5", "a_6", false)]
    [InlineData("a_5", "a_4", "a_5", true)]
    [InlineData("a_5", "a_2", "a_3", true)]
    [InlineData("a_5", "a_6", "a_7", false)]
    [InlineData("a_9", "a_9", "a_1", false)]
    [InlineData("p", "q", "r", false)]
    public void IsStaleWin_AfterValueOfCurrent_MatchesWhetherObserveWinWouldMoveOrRepeat(
        string current, string won, string next, bool expected)
    {
        var tracker = new InstanceTracker(A);
        tracker.ObserveValue(new JackpotInstanceId(current), out _);

        tracker.IsStaleWin(new JackpotInstanceId(won), new JackpotInstanceId(next)).Should().Be(expected);
    }

    [Fact]
    public void IsStaleWin_RepeatedReportOfAWin_IsStaleOnceTheWinIsRecorded()
    {
        var tracker = new InstanceTracker(A);
        var (won, next) = (new JackpotInstanceId("p"), new JackpotInstanceId("q"));

        tracker.IsStaleWin(won, next).Should().BeFalse("nothing is known of the jackpot yet");
        tracker.ObserveWin(won, next, out _);

        tracker.IsStaleWin(won, next).Should().BeTrue();
    }

    private static (TestScheduler Scheduler, ITestableObservable<JackpotEvent> Source) Hot(
        params Recorded<Notification<JackpotEvent>>[] events)
    {
        var scheduler = new TestScheduler();
        return (scheduler, scheduler.CreateHotObservable(events));
    }

    /// <summary>Subscribes <paramref name="result"/> at <see cref="JackpotSamples.Subscribed"/>, disposes it at <paramref name="until"/>.</summary>
    private static ITestableObserver<T> Observe<T>(TestScheduler scheduler, IObservable<T> result, double until)
    {
        var observer = scheduler.CreateObserver<T>();
        IDisposable? subscription = null;
        scheduler.ScheduleAbsolute(Subscribed, () => subscription = result.Subscribe(observer));
        scheduler.ScheduleAbsolute(Seconds(until), () => subscription!.Dispose());
        return observer;
    }

    private static List<T> Values<T>(ITestableObserver<T> observer) =>
        observer.Messages.Where(m => m.Value.Kind == NotificationKind.OnNext).Select(m => m.Value.Value).ToList();

    private static JackpotMeterReading Reading(string instance, decimal amount, decimal target) =>
        new(A, new JackpotInstanceId(instance), "EUR", amount, target);
}
