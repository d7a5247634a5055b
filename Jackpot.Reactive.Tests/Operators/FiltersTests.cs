using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Operators.JackpotSamples;

namespace Jackpot.Reactive.Tests.Operators;

public sealed class FiltersTests
{
    private static readonly JackpotValueUpdated ValueA = Value("a", "a_1", 1m);
    private static readonly JackpotValueUpdated ValueB = Value("b", "b_1", 2m);
    private static readonly JackpotWonByOther WonByOtherA = WonByOther("a", "a_1", "a_2");
    private static readonly JackpotWon WonB = Won("b", "b_1", "b_2");
    private static readonly UnknownJackpotEvent UnknownA = Unknown("jackpot_paused", "a", "a_2");

    [Fact]
    public void Filters_NullSource_Throw()
    {
        IObservable<JackpotEvent> source = null!;

        FluentActions.Invoking(() => source.ForJackpot(new JackpotId("a")))
            .Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => source.ValueUpdates()).Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => source.Wins()).Should().Throw<ArgumentNullException>().WithParameterName("source");
    }

    [Fact]
    public void ForJackpot_DefaultJackpotId_Throws() =>
        FluentActions.Invoking(() => new TestScheduler().CreateHotObservable<JackpotEvent>().ForJackpot(default))
            .Should().Throw<ArgumentException>().WithParameterName("jackpot");

    [Fact]
    public void ForJackpot_MixedEvents_KeepsEveryKindOfThatJackpot()
    {
        var (results, source) = Run(s => s.ForJackpot(new JackpotId("a")), CompletedAt<JackpotEvent>(20));

        results.Messages.Should().Equal(
            At<JackpotEvent>(10, ValueA), At<JackpotEvent>(12, WonByOtherA), At<JackpotEvent>(14, UnknownA), CompletedAt<JackpotEvent>(20));
        source.Subscriptions.Should().Equal(SubscribedUntil(20));
    }

    [Fact]
    public void ValueUpdates_MixedEvents_KeepsValueUpdatesOnly()
    {
        var (results, source) = Run(s => s.ValueUpdates(), CompletedAt<JackpotEvent>(20));

        results.Messages.Should().Equal(At(10, ValueA), At(11, ValueB), CompletedAt<JackpotValueUpdated>(20));
        source.Subscriptions.Should().Equal(SubscribedUntil(20));
    }

    [Fact]
    public void Wins_MixedEvents_KeepsBothKindsOfWin()
    {
        var (results, source) = Run(s => s.Wins(), CompletedAt<JackpotEvent>(20));

        results.Messages.Should().Equal(At<JackpotEvent>(12, WonByOtherA), At<JackpotEvent>(13, WonB), CompletedAt<JackpotEvent>(20));
        source.Subscriptions.Should().Equal(SubscribedUntil(20));
    }

    [Fact]
    public void Filters_SourceErrors_PassError()
    {
        var error = new InvalidOperationException("boom");

        var (forJackpot, forJackpotSource) = Run(s => s.ForJackpot(new JackpotId("b")), ErrorAt<JackpotEvent>(15, error));
        var (values, valuesSource) = Run(s => s.ValueUpdates(), ErrorAt<JackpotEvent>(15, error));
        var (wins, winsSource) = Run(s => s.Wins(), ErrorAt<JackpotEvent>(15, error));

        forJackpot.Messages.Should().Equal(At<JackpotEvent>(11, ValueB), At<JackpotEvent>(13, WonB), ErrorAt<JackpotEvent>(15, error));
        values.Messages.Should().Equal(At(10, ValueA), At(11, ValueB), ErrorAt<JackpotValueUpdated>(15, error));
        wins.Messages.Should().Equal(At<JackpotEvent>(12, WonByOtherA), At<JackpotEvent>(13, WonB), ErrorAt<JackpotEvent>(15, error));
        forJackpotSource.Subscriptions.Should().Equal(SubscribedUntil(15));
        valuesSource.Subscriptions.Should().Equal(SubscribedUntil(15));
        winsSource.Subscriptions.Should().Equal(SubscribedUntil(15));
    }

    [Fact]
    public void Filters_Disposed_StopAndUnsubscribe()
    {
        var (forJackpot, forJackpotSource) = Run(s => s.ForJackpot(new JackpotId("a")), disposedAt: 11.5);
        var (values, valuesSource) = Run(s => s.ValueUpdates(), disposedAt: 10.5);
        var (wins, winsSource) = Run(s => s.Wins(), disposedAt: 12.5);

        forJackpot.Messages.Should().Equal(At<JackpotEvent>(10, ValueA));
        values.Messages.Should().Equal(At(10, ValueA));
        wins.Messages.Should().Equal(At<JackpotEvent>(12, WonByOtherA));
        forJackpotSource.Subscriptions.Should().Equal(SubscribedUntil(11.5));
        valuesSource.Subscriptions.Should().Equal(SubscribedUntil(10.5));
        winsSource.Subscriptions.Should().Equal(SubscribedUntil(12.5));
    }

    private static (ITestableObserver<T> Results, ITestableObservable<JackpotEvent> Source) Run<T>(
        Func<IObservable<JackpotEvent>, IObservable<T>> filter,
        Recorded<System.Reactive.Notification<JackpotEvent>>? end = null,
        double disposedAt = 100)
    {
        var scheduler = new TestScheduler();
        var messages = new List<Recorded<System.Reactive.Notification<JackpotEvent>>>
        {
            At<JackpotEvent>(10, ValueA), At<JackpotEvent>(11, ValueB), At<JackpotEvent>(12, WonByOtherA),
            At<JackpotEvent>(13, WonB), At<JackpotEvent>(14, UnknownA),
        };
        if (end is { } last)
        {
            messages.RemoveAll(m => m.Time >= last.Time);
            messages.Add(last);
        }

        var source = scheduler.CreateHotObservable(messages.ToArray());
        var results = scheduler.Start(() => filter(source), Created, Subscribed, Seconds(disposedAt));
        return (results, source);
    }
}
