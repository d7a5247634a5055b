using System.Net;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Jackpot.Reactive.Testing;
using Jackpot.Reactive.Tests.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Tests.Channels;

/// <summary>Subscribers that throw: each is unsubscribed and reported, and nobody else notices (docs/decisions/0003).</summary>
public sealed partial class JackpotPushClientTests
{
    [Fact]
    public void Broadcast_SubscriberThrowsOnNext_IsUnsubscribedAndTheOthersAndTheConnectionGoOn()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J1", 11m).Value('c', "J1", 12m);
        var broadcast = service.Channel(BroadcastChannel).Attempt("-abc", values);
        using var client = Client(service, Options());
        var diagnostics = new List<JackpotPushDiagnostic>();
        using var diagnosticsSubscription = client.Diagnostics.Subscribe(diagnostics.Add);
        var thrower = new ThrowingObserver<JackpotEvent>(throwOnNextNumber: 2);
        var statuses = new List<ChannelState>();
        using var status = client.Status(Group).Subscribe(s => statuses.Add(s.State));

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-abc", values);
        using var throwing = client.Broadcast(Group).Subscribe(thrower);
        test.ExpectObservable(client.Broadcast(Group)).ToBe("-abc", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^");
        test.Flush();

        thrower.Received.Should().HaveCount(2, "it gets the event it threw on, and nothing after it");
        thrower.Terminations.Should().Be(0, "an observer that threw gets no OnError: for Subscribe(onNext) that would rethrow");
        statuses.Should().Equal(ChannelState.Closed, ChannelState.Connecting, ChannelState.Open);
        var diagnostic = diagnostics.Should().ContainSingle().Subject;
        diagnostic.Kind.Should().Be(JackpotPushDiagnosticKind.SubscriberFault);
        diagnostic.Channel.Should().Be(BroadcastChannel);
        diagnostic.Error.Should().BeSameAs(thrower.Thrown);
        diagnostic.FormatError.Should().BeNull();
        diagnostic.FaultedCall.Should().Be("OnNext (events)");
        diagnostic.PayloadPreview.Should().BeEmpty();
        diagnostic.LastEventId.Should().Be("2");
        client.SubscriberFaultCount.Should().Be(1);
        client.MalformedEventCount.Should().Be(0);
    }

    [Fact]
    public void Broadcast_SubscribeWithOnlyOnNextThatThrows_DoesNotReachTheConnection()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J1", 11m);
        var broadcast = service.Channel(BroadcastChannel).Attempt("-ab", values);
        using var client = Client(service, Options());
        int calls = 0;

        // The commonest bad subscriber: an onNext that throws, and Rx's default OnError, which rethrows.
        using var throwing = client.Broadcast(Group).Subscribe(_ =>
        {
            calls++;
            throw new InvalidOperationException("bug in a handler");
        });
        test.ExpectObservable(client.Broadcast(Group)).ToBe("-ab", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^");
        test.Flush();

        calls.Should().Be(1);
        client.SubscriberFaultCount.Should().Be(1);
    }

    [Fact]
    public void Broadcast_OnlySubscriberThrows_LeavesAsIfUnsubscribed_ConnectionClosesAfterTheLinger()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m);
        var broadcast = service.Channel(BroadcastChannel).Attempt("-a", values);
        using var client = Client(service, Options(lingerSeconds: 3));

        using var throwing = client.Broadcast(Group).Subscribe(new ThrowingObserver<JackpotEvent>(throwOnNextNumber: 1));
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^---!");
        test.Flush();

        client.GetSource(BroadcastChannel).SubscriberCount.Should().Be(0);
    }

    [Fact]
    public void Broadcast_LateSubscriberThrowsOnItsSnapshot_IsIsolatedLikeAnyOther()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J2", 20m).Value('c', "J1", 11m);
        var broadcast = service.Channel(BroadcastChannel).Attempt("-ab--c", values);
        using var client = Client(service, Options());
        var thrower = new ThrowingObserver<JackpotEvent>(throwOnNextNumber: 1);
        IDisposable? late = null;
        test.Scheduler.Schedule(TimeSpan.FromSeconds(3), () => late = client.Broadcast(Group).Subscribe(thrower));

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-ab--c", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^");
        test.Flush();

        thrower.Received.Should().ContainSingle("it threw on the first value of its snapshot");
        client.SubscriberFaultCount.Should().Be(1);
        client.GetSource(BroadcastChannel).SubscriberCount.Should().Be(1);
        late!.Dispose();
    }

    [Fact]
    public void Status_SubscriberThrows_IsUnsubscribedAndReported_EventsAndOtherStatusSubscribersGoOn()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J1", 11m);
        var broadcast = service.Channel(BroadcastChannel).Attempt("-a#", values).Attempt("-b", values);
        using var client = Client(service, Options());
        var diagnostics = new List<JackpotPushDiagnostic>();
        using var diagnosticsSubscription = client.Diagnostics.Subscribe(diagnostics.Add);
        var thrower = new ThrowingObserver<ChannelStatus>(throwOnNextNumber: 2); // Closed, then throws on Connecting
        var statuses = new List<ChannelState>();
        using var throwingStatus = client.Status(Group).Subscribe(thrower);
        using var status = client.Status(Group).Subscribe(s => statuses.Add(s.State));

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-a----b", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^-!", "-----^");
        test.Flush();

        thrower.Received.Select(s => s.State).Should().Equal(ChannelState.Closed, ChannelState.Connecting);
        statuses.Should().Equal(
            ChannelState.Closed, ChannelState.Connecting, ChannelState.Open, ChannelState.Reconnecting, ChannelState.Open);
        var diagnostic = diagnostics.Should().ContainSingle().Subject;
        diagnostic.Kind.Should().Be(JackpotPushDiagnosticKind.SubscriberFault);
        diagnostic.FaultedCall.Should().Be("OnNext (status)");
        diagnostic.Error.Should().BeSameAs(thrower.Thrown);
    }

    [Fact]
    public void Broadcast_TerminalFailure_SubscriberThrowsFromOnError_TheOthersStillGetTheError()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        service.Channel(BroadcastChannel).Attempt(a => a.Wait(TimeSpan.FromSeconds(1)).Respond(HttpStatusCode.Unauthorized));
        using var client = Client(service, Options());
        var diagnostics = new List<JackpotPushDiagnostic>();
        using var diagnosticsSubscription = client.Diagnostics.Subscribe(diagnostics.Add);
        var unauthorized = new SseHttpException(HttpStatusCode.Unauthorized, null, new Dictionary<string, IReadOnlyList<string>>(), null);
        var thrower = new ThrowingObserver<JackpotEvent>(throwOnNextNumber: int.MaxValue, throwOnTermination: true);

        using var throwing = client.Broadcast(Group).Subscribe(thrower);
        test.ExpectObservable(client.Broadcast(Group)).ToBe("-#", error: unauthorized);
        test.Flush();

        thrower.Terminations.Should().Be(1);
        diagnostics.Should().ContainSingle().Which.FaultedCall.Should().Be("OnError (events)");
    }

    [Fact]
    public void Dispose_SubscriberThrowsFromOnCompleted_TheOthersStillComplete()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        service.Channel(BroadcastChannel).Attempt(a => a.Open());
        var client = Client(service, Options());
        var thrower = new ThrowingObserver<JackpotEvent>(throwOnNextNumber: int.MaxValue, throwOnTermination: true);
        var statusThrower = new ThrowingObserver<ChannelStatus>(throwOnNextNumber: int.MaxValue, throwOnTermination: true);
        using var throwing = client.Broadcast(Group).Subscribe(thrower);
        using var throwingStatus = client.Status(Group).Subscribe(statusThrower);
        var statusCompleted = false;
        using var status = client.Status(Group).Subscribe(_ => { }, () => statusCompleted = true);
        test.Scheduler.Schedule(TimeSpan.FromSeconds(2), client.Dispose);

        test.ExpectObservable(client.Broadcast(Group)).ToBe("--|");
        test.Flush();

        thrower.Terminations.Should().Be(1);
        statusThrower.Terminations.Should().Be(1);
        statusCompleted.Should().BeTrue();
        client.SubscriberFaultCount.Should().Be(2);
    }

    [Fact]
    public void Diagnostics_SubscriberThrows_IsUnsubscribedAndLogged_TheOthersGetEveryDiagnostic()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('v', "J1", 10m);
        service.Channel(BroadcastChannel).Attempt(a => a
            .Wait(TimeSpan.FromSeconds(1)).Text("data: {oops\n\n")
            .Wait(TimeSpan.FromSeconds(1)).Text("data: {again\n\n")
            .Marbles("-v", values));
        var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(provider));
        using var client = new JackpotPushClient(
            Options(), service, test.Scheduler, loggerFactory);
        var thrower = new ThrowingObserver<JackpotPushDiagnostic>(throwOnNextNumber: 1);
        var diagnostics = new List<JackpotPushDiagnostic>();
        using var throwing = client.Diagnostics.Subscribe(thrower);
        using var others = client.Diagnostics.Subscribe(diagnostics.Add);

        test.ExpectObservable(client.Broadcast(Group)).ToBe("---v", values);
        test.Flush();

        thrower.Received.Should().ContainSingle();
        diagnostics.Select(d => d.Kind).Should().Equal(JackpotPushDiagnosticKind.MalformedPayload, JackpotPushDiagnosticKind.MalformedPayload);
        diagnostics.Select(d => d.FormatError).Should().NotContainNulls();
        client.MalformedEventCount.Should().Be(2);
        client.SubscriberFaultCount.Should().Be(1);
        provider.Entries.Should().ContainSingle(e => e.EventId.Id == 22)
            .Which.Should().Match<CapturedLogEntry>(e => e.Level == LogLevel.Error && e.Exception == thrower.Thrown);
    }

    [Fact]
    public void Broadcast_SubscriberFault_IsLoggedAsAnErrorWithTheException()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m);
        service.Channel(BroadcastChannel).Attempt("-a", values);
        var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(provider));
        using var client = new JackpotPushClient(Options(), service, test.Scheduler, loggerFactory);
        var thrower = new ThrowingObserver<JackpotEvent>(throwOnNextNumber: 1);

        using var throwing = client.Broadcast(Group).Subscribe(thrower);
        test.Flush();

        var entry = provider.Entries.Should().ContainSingle(e => e.EventId.Id == 21).Subject;
        entry.Level.Should().Be(LogLevel.Error);
        entry.Exception.Should().BeSameAs(thrower.Thrown);
        entry.Message.Should().Contain("OnNext").And.Contain("events");
    }

    /// <summary>An observer that throws from its n-th <c>OnNext</c> and, if asked, from <c>OnError</c>/<c>OnCompleted</c>.</summary>
    private sealed class ThrowingObserver<T>(int throwOnNextNumber, bool throwOnTermination = false) : IObserver<T>
    {
        public List<T> Received { get; } = [];

        public int Terminations { get; private set; }

        public Exception? Thrown { get; private set; }

        public void OnNext(T value)
        {
            Received.Add(value);
            if (Received.Count == throwOnNextNumber)
            {
                throw Thrown = new InvalidOperationException($"subscriber bug on value {Received.Count}");
            }
        }

        public void OnError(Exception error) => Terminate();

        public void OnCompleted() => Terminate();

        private void Terminate()
        {
            Terminations++;
            if (throwOnTermination)
            {
                throw Thrown = new InvalidOperationException("subscriber bug on termination");
            }
        }
    }
}
