using System.Reactive;

namespace Jackpot.Reactive.Tests.Channels;

/// <summary>The hot source behind status and diagnostics streams: subscribers that throw are isolated and reported.</summary>
public sealed class IsolatingSubjectTests
{
    private readonly List<SubscriberFault> _faults = [];

    [Fact]
    public void OnNext_OneSubscriberThrows_ItIsDetachedAndReported_TheOthersGetEveryValue()
    {
        var subject = new IsolatingSubject<int>(_faults.Add);
        var before = new List<int>();
        var after = new List<int>();
        var boom = new InvalidOperationException("boom");
        subject.Subscribe(before.Add);
        subject.Subscribe(value => throw boom);
        subject.Subscribe(after.Add);

        subject.OnNext(1);
        subject.OnNext(2);

        before.Should().Equal(1, 2);
        after.Should().Equal(1, 2);
        _faults.Should().Equal(new SubscriberFault(boom, "OnNext"));
        subject.Count.Should().Be(2);
    }

    [Fact]
    public void Subscribe_ReplaysTheLatestValue_AndAThrowOnItDetachesTheSubscriber()
    {
        var subject = new IsolatingSubject<string>("initial", _faults.Add);
        subject.OnNext("latest");
        var received = new List<string>();
        int calls = 0;

        using var good = subject.Subscribe(received.Add);
        using var bad = subject.Subscribe(_ =>
        {
            calls++;
            throw new InvalidOperationException();
        });
        subject.OnNext("next");

        received.Should().Equal("latest", "next");
        calls.Should().Be(1);
        _faults.Should().ContainSingle().Which.Call.Should().Be("OnNext");
        subject.Count.Should().Be(1);
    }

    [Fact]
    public void OnCompleted_CompletesEveryone_EvenAfterAThrow_AndLaterSubscribersAtOnce()
    {
        var subject = new IsolatingSubject<int>(_faults.Add);
        var first = new List<Notification<int>>();
        var last = new List<Notification<int>>();
        subject.Subscribe(Observer.Create<int>(_ => { }, _ => { }, () => throw new InvalidOperationException()));
        subject.Subscribe(Observer.Create<int>(v => first.Add(Notification.CreateOnNext(v)), _ => { }, () => first.Add(Notification.CreateOnCompleted<int>())));

        subject.OnCompleted();
        subject.OnCompleted();
        subject.OnNext(5);
        subject.Subscribe(Observer.Create<int>(v => last.Add(Notification.CreateOnNext(v)), _ => { }, () => last.Add(Notification.CreateOnCompleted<int>())));

        first.Should().Equal(Notification.CreateOnCompleted<int>());
        last.Should().Equal(Notification.CreateOnCompleted<int>());
        _faults.Should().ContainSingle().Which.Call.Should().Be("OnCompleted");
        subject.Count.Should().Be(0);
    }

    [Fact]
    public void Dispose_DuringOnNext_StopsDeliveryToThatSubscriberOnly()
    {
        var subject = new IsolatingSubject<int>(_faults.Add);
        var received = new List<int>();
        var other = new List<int>();
        IDisposable? self = null;
        self = subject.Subscribe(value =>
        {
            received.Add(value);
            self!.Dispose();
        });
        subject.Subscribe(other.Add);

        subject.OnNext(1);
        subject.OnNext(2);

        received.Should().Equal(1);
        other.Should().Equal(1, 2);
        _faults.Should().BeEmpty();
    }

    [Fact]
    public async Task OnNext_WithSubscribersComingGoingAndThrowingOnAnotherThread_TheSteadySubscriberGetsEveryValueInOrder()
    {
        var faults = new System.Collections.Concurrent.ConcurrentQueue<SubscriberFault>();
        var subject = new IsolatingSubject<int>(0, faults.Enqueue);
        var steady = new List<int>();
        subject.Subscribe(steady.Add);
        using var stop = new CancellationTokenSource();
        int iterations = 0;
        var churn = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Every third subscriber throws on its first value (at the latest, the replayed one).
                bool throws = Interlocked.Increment(ref iterations) % 3 == 0;
                var seen = new List<int>();
                var subscription = subject.Subscribe(value =>
                {
                    seen.Add(value);
                    if (throws)
                    {
                        throw new InvalidOperationException();
                    }
                });
                subscription.Dispose();
                seen.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
                if (throws)
                {
                    seen.Should().ContainSingle("a subscriber that threw gets nothing more");
                }
            }
        }, TestContext.Current.CancellationToken);

        int published = 0;
        var deadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 30;
        while ((published < 20_000 || Volatile.Read(ref iterations) < 300) && TimeProvider.System.GetTimestamp() < deadline)
        {
            subject.OnNext(++published);
        }

        await stop.CancelAsync();
        await churn.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        steady.Should().Equal(Enumerable.Range(0, published + 1));
        Volatile.Read(ref iterations).Should().BeGreaterThanOrEqualTo(300);
        faults.Should().NotBeEmpty().And.OnlyContain(fault => fault.Call == "OnNext");
        subject.Count.Should().Be(1);
    }
}
