using System.Net;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Jackpot.Reactive.Tests.Transport;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Transport.ScriptStep;

namespace Jackpot.Reactive.Tests.Connection;

public sealed partial class SseConnectionTests
{
    private static readonly Uri StreamUri = new("https://push.example/subscribe?channel=ws_broadcast_g1");

    /// <summary>1 s, ×2, at most 8 s, jitter 0.5, random fixed at 0.5: delays 1.25, 2.5, 5, 10, 10 … s.</summary>
    private static readonly ReconnectPolicy Policy = new()
    {
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        RandomSource = () => 0.5,
    };

    private static long S(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;

    private static SseConnectionOptions Options(ReconnectPolicy? policy = null, TimeSpan? idleTimeout = null) => new()
    {
        Uri = StreamUri,
        Reconnect = policy ?? Policy,
        IdleTimeout = idleTimeout,
    };

    private static ITestableObserver<string> Run(TestScheduler scheduler, SseConnection connection, double disposeAt = 1000) =>
        scheduler.Start(() => connection.Select(e => e.GetDataString()), created: 1, subscribed: S(1), disposed: S(disposeAt));

    private static List<ChannelStatus> RecordStatus(SseConnection connection)
    {
        var statuses = new List<ChannelStatus>();
        connection.Status.Subscribe(statuses.Add);
        return statuses;
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler);

        FluentActions.Invoking(() => new SseConnection(null!, Options())).Should().Throw<ArgumentNullException>().WithParameterName("transport");
        FluentActions.Invoking(() => new SseConnection(transport, null!)).Should().Throw<ArgumentNullException>().WithParameterName("options");
        FluentActions.Invoking(() => new SseConnection(transport, Options(), null!)).Should().Throw<ArgumentNullException>().WithParameterName("scheduler");
        FluentActions.Invoking(() => new SseConnection(transport, Options(), scheduler, null!)).Should().Throw<ArgumentNullException>().WithParameterName("logger");
        FluentActions.Invoking(() => new SseConnection(transport, Options(), scheduler).Subscribe(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Subscribe_OpenStream_ForwardsEventsAndTracksLastEventId()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0.1), Send(1, "id: 1\ndata: a\n\n"), Send(2, "data: b\n"), Send(3, "\n")]);
        var connection = new SseConnection(transport, Options(), scheduler);

        var observer = Run(scheduler, connection);

        observer.Messages.Should().Equal(ReactiveTest.OnNext(S(2), "a"), ReactiveTest.OnNext(S(4), "b"));
        connection.LastEventId.Should().Be("1");
        transport.Requests.Should().ContainSingle().Which.Should().Be(new SseRequest(StreamUri, string.Empty, []) with { Headers = transport.Requests[0].Headers });
        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(1000)));
    }

    [Fact]
    public void Subscribe_DroppedConnection_ResumesWithLastEventIdAfterExactBackoff()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(
            scheduler,
            [Open(0), Send(1, "id: 41\ndata: a\n\nid: 42\ndata: partial"), Drop(2)],
            [Open(0), Send(1, "data: b\n\n")]);
        var connection = new SseConnection(transport, Options(), scheduler);
        var statuses = RecordStatus(connection);

        var observer = Run(scheduler, connection);

        observer.Messages.Should().Equal(ReactiveTest.OnNext(S(2), "a"), ReactiveTest.OnNext(S(5.25), "b"));
        transport.Requests.Select(r => r.LastEventId).Should().Equal(string.Empty, "41");
        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(3)), ReactiveTest.Subscribe(S(4.25), S(1000)));
        statuses.Select(s => (s.State, s.Continuity, s.Attempt, s.Delay)).Should().Equal(
            (ChannelState.Closed, StreamContinuity.Initial, 0, TimeSpan.Zero),
            (ChannelState.Connecting, StreamContinuity.Initial, 0, TimeSpan.Zero),
            (ChannelState.Open, StreamContinuity.Initial, 0, TimeSpan.Zero),
            (ChannelState.Reconnecting, StreamContinuity.Initial, 1, TimeSpan.FromSeconds(1.25)),
            (ChannelState.Open, StreamContinuity.Resumed, 0, TimeSpan.Zero),
            (ChannelState.Closed, StreamContinuity.Initial, 0, TimeSpan.Zero));
        statuses[3].Cause.Should().BeOfType<IOException>();
    }

    [Fact]
    public void Subscribe_ReconnectWithoutEventId_ReportsGapPossible()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, "data: a\n\n"), End(2)], [Open(0)]);
        var connection = new SseConnection(transport, Options(), scheduler);
        var statuses = RecordStatus(connection);

        Run(scheduler, connection);

        statuses.Where(s => s.State == ChannelState.Open).Select(s => s.Continuity)
            .Should().Equal(StreamContinuity.Initial, StreamContinuity.GapPossible);
        statuses.Single(s => s.State == ChannelState.Reconnecting).Cause.Should().BeOfType<SseStreamEndedException>();
    }

    [Fact]
    public void Subscribe_InitialLastEventId_SentAndReportedAsResumed()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0)]);
        var connection = new SseConnection(transport, new SseConnectionOptions { Uri = StreamUri, LastEventId = "7" }, scheduler);
        var statuses = RecordStatus(connection);

        Run(scheduler, connection);

        transport.Requests.Single().LastEventId.Should().Be("7");
        statuses.Single(s => s.State == ChannelState.Open).Continuity.Should().Be(StreamContinuity.Resumed);
    }

    [Fact]
    public void Subscribe_RepeatedFailures_FollowsExactScheduleAndFailsAfterMaxAttempts()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Drop(1)]);
        var connection = new SseConnection(transport, Options(Policy with { MaxAttempts = 3 }), scheduler);
        var statuses = RecordStatus(connection);

        var observer = Run(scheduler, connection);

        transport.Subscriptions.Should().Equal(
            ReactiveTest.Subscribe(S(1), S(2)),
            ReactiveTest.Subscribe(S(3.25), S(4.25)),
            ReactiveTest.Subscribe(S(6.75), S(7.75)),
            ReactiveTest.Subscribe(S(12.75), S(13.75)));
        observer.Messages.Should().ContainSingle().Which.Should().Match<Recorded<System.Reactive.Notification<string>>>(
            m => m.Time == S(13.75) && m.Value.Exception is IOException);
        statuses.Select(s => s.State).Should().Equal(
            ChannelState.Closed, ChannelState.Connecting,
            ChannelState.Reconnecting, ChannelState.Reconnecting, ChannelState.Reconnecting,
            ChannelState.Failed);
        statuses.Last().Cause.Should().BeOfType<IOException>();
    }

    [Fact]
    public void Subscribe_ServerRetryAboveInitialDelay_SetsTheReconnectionTime()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(0.5, "retry: 5000\n\n"), Drop(1)], [Drop(1)], [Open(0)]);
        var connection = new SseConnection(transport, Options(Policy with { RandomSource = () => 0 }), scheduler);
        var statuses = RecordStatus(connection);

        Run(scheduler, connection);

        // 5 s, then 10 s capped at the 8 s maximum back-off.
        statuses.Where(s => s.State == ChannelState.Reconnecting).Select(s => s.Delay)
            .Should().Equal(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8));
        transport.Subscriptions.Select(s => s.Subscribe).Should().Equal(S(1), S(7), S(16));
    }

    [Fact]
    public void Subscribe_ServiceUnavailableWithRetryAfter_WaitsRetryAfter()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Reject(0.5, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20))], [Open(0)]);
        var connection = new SseConnection(transport, Options(), scheduler);

        Run(scheduler, connection);

        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(1.5)), ReactiveTest.Subscribe(S(21.5), S(1000)));
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public void Subscribe_TerminalStatus_FailsWithoutRetry(HttpStatusCode status)
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Reject(0.5, status)]);
        var connection = new SseConnection(transport, Options(), scheduler);
        var statuses = RecordStatus(connection);

        var observer = Run(scheduler, connection);

        observer.Messages.Should().ContainSingle().Which.Value.Exception.Should().BeOfType<SseHttpException>()
            .Which.StatusCode.Should().Be(status);
        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(1.5)));
        statuses.Last().Should().Match<ChannelStatus>(s => s.State == ChannelState.Failed && s.Cause is SseHttpException);
    }

    [Fact]
    public void Subscribe_IdleStream_TimesOutAndReconnects()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, "data: a\n\n"), Send(8, ": keep-alive\n")], [Open(0)]);
        var connection = new SseConnection(transport, Options(idleTimeout: TimeSpan.FromSeconds(10)), scheduler);
        var statuses = RecordStatus(connection);

        Run(scheduler, connection, disposeAt: 25);

        // The comment at 9 s is activity: the timeout fires 10 s later, at 19 s, not at 12 s.
        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(19)), ReactiveTest.Subscribe(S(20.25), S(25)));
        statuses.Single(s => s.State == ChannelState.Reconnecting).Cause.Should().BeOfType<SseIdleTimeoutException>();
    }

    [Fact]
    public void Subscribe_SlowSubscriber_DeliveryTimeIsNotIdleTime()
    {
        // The server opens at 1 s and sends at 2 s and 9 s; the subscriber works 8 s (virtual) on the first event, until
        // 10 s. Silence counts from the end of that work: the idle check due at 6 s runs at 10 s and finds none, where
        // counting from the bytes' arrival (2 s) it would have found 8 s and reconnected.
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, "data: a\n\n"), Send(8, "data: b\n\n")], [Open(0)]);
        var connection = new SseConnection(transport, Options(idleTimeout: TimeSpan.FromSeconds(5)), scheduler);
        var statuses = RecordStatus(connection);
        var received = new List<(string Data, long At)>();

        scheduler.Schedule(TimeSpan.FromTicks(S(1)), () => connection.Subscribe(e =>
        {
            received.Add((e.GetDataString(), scheduler.Clock));
            if (received.Count == 1)
            {
                scheduler.Sleep(S(8));
            }
        }));
        scheduler.AdvanceTo(S(14));

        received.Select(r => r.Data).Should().Equal("a", "b");
        transport.Subscriptions.Should().ContainSingle("delivering for longer than the idle timeout is not a silent server");
        statuses.Should().NotContain(s => s.State == ChannelState.Reconnecting);
    }

    [Fact]
    public void Subscribe_ServerNeverAnswers_IdleTimeoutCoversConnecting()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [], [Open(0)]);
        var connection = new SseConnection(transport, Options(idleTimeout: TimeSpan.FromSeconds(10)), scheduler);

        Run(scheduler, connection, disposeAt: 20);

        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(11)), ReactiveTest.Subscribe(S(12.25), S(20)));
    }

    [Fact]
    public void Subscribe_EventOverSizeLimit_FailsForGood()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, "data: " + new string('x', 100) + "\n\n")]);
        var options = new SseConnectionOptions { Uri = StreamUri, Reconnect = Policy, MaxEventSize = 64 };
        var connection = new SseConnection(transport, options, scheduler);

        var observer = Run(scheduler, connection);

        observer.Messages.Should().ContainSingle().Which.Value.Exception.Should().BeOfType<SseEventTooLargeException>();
        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(2)));
    }

    [Fact]
    public void Dispose_DuringBackoff_CancelsWaitAndOpensNothing()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Drop(1)]);
        var connection = new SseConnection(transport, Options(), scheduler);
        var statuses = RecordStatus(connection);

        var observer = Run(scheduler, connection, disposeAt: 2.5);
        scheduler.AdvanceBy(S(100));

        observer.Messages.Should().BeEmpty();
        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(2)));
        transport.OpenConnections.Should().Be(0);
        statuses.Last().State.Should().Be(ChannelState.Closed);
    }

    [Fact]
    public void Subscribe_HeadersFromOptions_SentWithEveryRequest()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Drop(1)], [Open(0)]);
        var options = new SseConnectionOptions { Uri = StreamUri, Reconnect = Policy, Headers = [new("Authorization", "Bearer t")] };

        Run(scheduler, new SseConnection(transport, options, scheduler));

        transport.Requests.Should().HaveCount(2).And.OnlyContain(r => r.Headers.Single().Key == "Authorization" && r.Headers.Single().Value == "Bearer t");
    }

    [Fact]
    public void Subscribe_SecondConcurrentSubscriber_SharesTheLife()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, "id: 1\ndata: a\n\n"), Send(3, "id: 2\ndata: b\n\n")]);
        var connection = new SseConnection(transport, Options(), scheduler);
        var first = new List<string>();
        var second = new List<string>();

        var firstSubscription = connection.Subscribe(e => first.Add(e.GetDataString()));
        scheduler.AdvanceBy(S(2));
        using var secondSubscription = connection.Subscribe(e => second.Add(e.GetDataString()));
        firstSubscription.Dispose();
        scheduler.AdvanceBy(S(2));

        transport.Requests.Should().ContainSingle("concurrent subscribers share one connection");
        first.Should().Equal("a");
        second.Should().Equal(["b"], "a late subscriber receives the events from when it joins, and the life goes on while it stays");
    }

    [Fact]
    public void Subscribe_LastSubscriberLeaves_ClosesTheConnection()
    {
        var scheduler = new TestScheduler();
        var connection = new SseConnection(new ScriptedTransport(scheduler, [Open(0)]), Options(), scheduler);
        var states = new List<ChannelState>();
        using var status = connection.Status.Subscribe(s => states.Add(s.State));

        var first = connection.Subscribe(_ => { });
        var second = connection.Subscribe(_ => { });
        scheduler.AdvanceBy(S(1));
        first.Dispose();
        states[^1].Should().NotBe(ChannelState.Closed, "one subscriber is still there");
        second.Dispose();

        states.Should().EndWith(ChannelState.Closed);
    }

    [Fact]
    public void Subscribe_AfterPreviousLifeEnded_StartsAfreshAndResumesOnlyWhenHandedTheId()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, "id: 9\ndata: a\n\n")]);
        var connection = new SseConnection(transport, Options(), scheduler);

        var first = connection.Subscribe(_ => { });
        scheduler.AdvanceBy(S(2));
        first.Dispose();
        string lastEventId = connection.LastEventId;
        lastEventId.Should().Be("9", "the ended life's id stays readable");
        using var second = connection.Subscribe(_ => { });
        var options = new SseConnectionOptions { Uri = StreamUri, Reconnect = Policy, LastEventId = lastEventId };
        using var handedOver = new SseConnection(transport, options, scheduler).Subscribe(_ => { });

        transport.Requests.Select(r => r.LastEventId).Should().Equal(string.Empty, string.Empty, "9");
    }
}
