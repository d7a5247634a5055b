using System.Reactive;
using Jackpot.Reactive.Tests.Transport;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Transport.ScriptStep;

namespace Jackpot.Reactive.Tests.Connection;

/// <summary>The subscriptions of a life: each leaves once, however often it is disposed, and one observer subscribed
/// twice stays until both of its subscriptions are disposed.</summary>
public sealed partial class SseConnectionTests
{
    [Fact]
    public void Subscribe_SameObserverTwice_StaysUntilBothSubscriptionsAreDisposed()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, "data: a\n\n"), Send(3, "data: b\n\n")]);
        var connection = new SseConnection(transport, Options(), scheduler);
        var states = new List<ChannelState>();
        using var status = connection.Status.Subscribe(s => states.Add(s.State));
        var received = new List<string>();
        var observer = Observer.Create<SseEvent>(e => received.Add(e.GetDataString()));

        var first = connection.Subscribe(observer);
        var second = connection.Subscribe(observer);
        scheduler.AdvanceBy(S(2));
        received.Should().Equal(["a", "a"], "each subscription delivers");

        first.Dispose();
        first.Dispose();
        scheduler.AdvanceBy(S(2));
        received.Should().Equal(["a", "a", "b"], "disposing one subscription twice leaves only once");
        states[^1].Should().Be(ChannelState.Open);

        second.Dispose();
        states[^1].Should().Be(ChannelState.Closed);
        transport.Requests.Should().ContainSingle();
    }

    [Fact]
    public void Subscribe_LaterSubscriptionDisposedTwice_LeavesOnce()
    {
        var scheduler = new TestScheduler();
        var connection = new SseConnection(new ScriptedTransport(scheduler, [Open(0)]), Options(), scheduler);
        var states = new List<ChannelState>();
        using var status = connection.Status.Subscribe(s => states.Add(s.State));
        var observer = Observer.Create<SseEvent>(_ => { });

        var first = connection.Subscribe(observer);
        var second = connection.Subscribe(observer);
        scheduler.AdvanceBy(S(1));
        second.Dispose();
        second.Dispose();
        states[^1].Should().Be(ChannelState.Open, "the first subscription is still there");

        first.Dispose();
        states[^1].Should().Be(ChannelState.Closed);
    }
}
