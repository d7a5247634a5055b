using System.Reactive;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples;

/// <summary>The bodies of the scenarios.</summary>
internal static partial class FaultScenarios
{
    private static async Task DropEveryAsync(ScenarioContext context, ConnectionDropKind kind, string cause)
    {
        var simulator = context.Simulator;
        simulator.Faults.DropKind = kind;
        Subscribe(context, 3);
        await context.WaitForProgressAsync(10).ConfigureAwait(false);

        long dropsBefore = simulator.ConnectionsDropped;
        simulator.Faults.DropConnectionsEveryEvents = DropEveryEvents;
        await context.WaitForStatusAsync(status => status.State == ChannelState.Reconnecting, 4).ConfigureAwait(false);
        simulator.Faults.DropConnectionsEveryEvents = null;
        await context.WaitForProgressAsync(20).ConfigureAwait(false);
        await WaitUntilEveryDropIsSeenAsync(context, dropsBefore, cause).ConfigureAwait(false);

        ExpectReconnects(context, (cause, simulator.ConnectionsDropped - dropsBefore));
    }

    /// <summary>Waits until the client has reported a reconnect for every connection the server dropped since
    /// <paramref name="dropsBefore"/>, then for a few events after it. The server counts a drop when it makes it, the
    /// client when it reads the end of the stream: that can be many events later when the client lags behind (a slow
    /// subscriber holds the connection's thread, a busy machine), and until then the counts differ.</summary>
    private static async Task WaitUntilEveryDropIsSeenAsync(ScenarioContext context, long dropsBefore, string cause)
    {
        long drops = context.Simulator.ConnectionsDropped - dropsBefore;
        await context.WaitForStatusAsync(status => IsReconnecting(status, cause), (int)drops).ConfigureAwait(false);
        await context.WaitForProgressAsync(5).ConfigureAwait(false);
    }

    private static async Task ServiceUnavailableAsync(ScenarioContext context)
    {
        var simulator = context.Simulator;
        simulator.Faults.RespondServiceUnavailable(1);
        Subscribe(context, 3);
        await context.WaitForProgressAsync(10).ConfigureAwait(false);
        var firstOpen = context.Status.Statuses.First(status => status.State == ChannelState.Open);
        context.Expect(
            firstOpen.Continuity == StreamContinuity.GapPossible,
            $"the Open after a 503 on the first request says {firstOpen.Continuity}: no id had been received, so a gap is possible");

        simulator.Faults.RespondServiceUnavailable(2);
        simulator.DropConnections(context.Channel);
        await context.WaitForStatusAsync(status => IsReconnecting(status, ReconnectCauseNames.Http(503)), 3).ConfigureAwait(false);
        await context.WaitForProgressAsync(10).ConfigureAwait(false);

        foreach (var retry in context.Status.Statuses.Where(status => IsReconnecting(status, ReconnectCauseNames.Http(503))))
        {
            context.Expect(retry.Delay >= FaultMatrix.RetryAfter, $"a retry after 503 waited {retry.Delay.TotalMilliseconds:0} ms, less than Retry-After");
        }

        ExpectReconnects(context, (ReconnectCauseNames.Http(503), 3), (ReconnectCauseNames.EndOfStream, 1));
    }

    private static async Task StallAsync(ScenarioContext context)
    {
        Subscribe(context, 3);
        await context.WaitForProgressAsync(10).ConfigureAwait(false);

        context.Simulator.Faults.Stall(FaultMatrix.IdleTimeout + TimeSpan.FromMilliseconds(300));
        await context.WaitForStatusAsync(status => IsReconnecting(status, ReconnectCauseNames.IdleTimeout)).ConfigureAwait(false);
        await context.WaitForProgressAsync(10).ConfigureAwait(false);

        var reconnects = context.Status.ReconnectsByCause();
        context.Expect(
            reconnects.Keys.All(cause => cause == ReconnectCauseNames.IdleTimeout),
            $"a stall was found by something else than the idle timeout: [{Describe(reconnects)}]");
    }

    private static async Task MalformedAsync(ScenarioContext context)
    {
        Subscribe(context, 3);
        await context.WaitForProgressAsync(5).ConfigureAwait(false);

        foreach (var kind in Enum.GetValues<MalformedPayloadKind>())
        {
            context.Simulator.Faults.SendMalformedPayload(kind, context.Channel);
        }

        // A malformed payload goes out just before the next event, and is reported before that event is delivered.
        await context.WaitForProgressAsync(10).ConfigureAwait(false);

        int kinds = Enum.GetValues<MalformedPayloadKind>().Length;
        context.Expect(context.SkippedIds.Count == kinds, $"{context.SkippedIds.Count} malformed payloads reported on Diagnostics, expected {kinds}");
        context.Expect(context.Client.MalformedEventCount == kinds, $"MalformedEventCount is {context.Client.MalformedEventCount}, expected {kinds}");
        ExpectReconnects(context);
    }

    private static async Task OversizedAsync(ScenarioContext context)
    {
        Subscribe(context, 3);
        await context.WaitForProgressAsync(5).ConfigureAwait(false);

        // Under the limit: delivered like any other event (its padding is ignored by the decoder).
        context.Simulator.Faults.SendOversizedEvent(FaultMatrix.MaxEventSize / 2, context.Channel);
        await context.WaitForProgressAsync(5).ConfigureAwait(false);

        var first = context.Active;
        context.Simulator.Faults.SendOversizedEvent(FaultMatrix.MaxEventSize * 2, context.Channel);
        await ExpectTerminalThenNewLifeAsync(context, first, end => end is SseEventTooLargeException, nameof(SseEventTooLargeException)).ConfigureAwait(false);

        ExpectFailures(context, ReconnectCauseNames.TooLarge);
        ExpectReconnects(context);
    }

    private static async Task UnauthorizedAsync(ScenarioContext context)
    {
        Subscribe(context, 3);
        await context.WaitForProgressAsync(10).ConfigureAwait(false);

        var first = context.Active;
        context.Simulator.Faults.RejectChannel(context.Channel);
        context.Simulator.DropConnections(context.Channel);
        await ExpectTerminalThenNewLifeAsync(
            context,
            first,
            end => end is SseHttpException { StatusCode: System.Net.HttpStatusCode.Unauthorized },
            "SseHttpException 401",
            repair: () => context.Simulator.Faults.AllowChannel(context.Channel)).ConfigureAwait(false);

        ExpectFailures(context, ReconnectCauseNames.Http(401));
        ExpectReconnects(context, (ReconnectCauseNames.EndOfStream, 1));
    }

    private static async Task ListenerRestartAsync(ScenarioContext context)
    {
        Subscribe(context, 3);
        await context.WaitForProgressAsync(10).ConfigureAwait(false);

        await context.Simulator.StopListenerAsync(context.Cancellation).ConfigureAwait(false);
        await context.WaitForStatusAsync(status => IsReconnecting(status, ReconnectCauseNames.Network)).ConfigureAwait(false);
        await context.Simulator.StartListenerAsync(context.Cancellation).ConfigureAwait(false);
        await context.WaitForProgressAsync(20).ConfigureAwait(false);

        var reconnects = context.Status.ReconnectsByCause();
        context.Expect(
            reconnects.Keys.All(cause => cause is ReconnectCauseNames.Network or ReconnectCauseNames.EndOfStream),
            $"a listener restart reported [{Describe(reconnects)}]; expected end_of_stream and network only");
    }

    private static async Task SlowSubscriberAsync(ScenarioContext context)
    {
        var simulator = context.Simulator;
        Subscribe(context, 2);
        context.Subscribe(SlowWork);
        var consumer = context.SubscribeAsyncConsumer(SlowWork);
        await context.WaitForProgressAsync(10).ConfigureAwait(false);
        await consumer.WaitForCountAsync(1, context.Cancellation).WaitAsync(FaultMatrix.WaitTimeout, context.Cancellation).ConfigureAwait(false);

        long dropsBefore = simulator.ConnectionsDropped;
        simulator.Faults.DropConnectionsEveryEvents = 40;
        await context.WaitForProgressAsync(60).ConfigureAwait(false);
        simulator.Faults.DropConnectionsEveryEvents = null;
        await context.WaitForProgressAsync(10).ConfigureAwait(false);
        await WaitUntilEveryDropIsSeenAsync(context, dropsBefore, ReconnectCauseNames.EndOfStream).ConfigureAwait(false);
        long target = context.Active.Max(subscriber => subscriber.LastId);
        await consumer.WaitForIdAsync(target, context.Cancellation).WaitAsync(FaultMatrix.WaitTimeout, context.Cancellation).ConfigureAwait(false);

        ExpectReconnects(context, (ReconnectCauseNames.EndOfStream, simulator.ConnectionsDropped - dropsBefore));
    }

    private static async Task ChurnAsync(ScenarioContext context)
    {
        var simulator = context.Simulator;
        long dropsBefore = simulator.ConnectionsDropped;
        simulator.Faults.DropConnectionsEveryEvents = 30;
        int closedBefore = context.Status.Count(status => status.State == ChannelState.Closed);
        await ChurnRoundAsync(context, seed: 1).ConfigureAwait(false);

        // Everyone has left: the linger closes the connection, and the next subscriber starts a new life.
        await context.WaitForStatusAsync(status => status.State == ChannelState.Closed, closedBefore + 1).ConfigureAwait(false);
        await ChurnRoundAsync(context, seed: 2).ConfigureAwait(false);
        simulator.Faults.DropConnectionsEveryEvents = null;

        var reconnects = context.Status.ReconnectsByCause();
        long drops = simulator.ConnectionsDropped - dropsBefore;
        context.Expect(
            reconnects.Keys.All(cause => cause == ReconnectCauseNames.EndOfStream) && reconnects.Values.Sum() <= drops,
            $"churn reported reconnects [{Describe(reconnects)}] for {drops} drops");
        context.Expect(context.Status.Count(status => status.State == ChannelState.Connecting) >= 2, "churn never started a second life");
    }

    /// <summary>Four threads each subscribe, wait for a few events, and unsubscribe, eight times over.</summary>
    private static async Task ChurnRoundAsync(ScenarioContext context, int seed)
    {
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var random = new Random((seed * 100) + worker);
            for (int round = 0; round < 8; round++)
            {
                var subscriber = context.Subscribe();
                await subscriber.WaitForCountAsync(random.Next(1, 25), context.Cancellation)
                    .WaitAsync(FaultMatrix.WaitTimeout, context.Cancellation).ConfigureAwait(false);
                context.Unsubscribe(subscriber);
            }
        }));
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private static async Task ThrowingSubscriberAsync(ScenarioContext context)
    {
        Subscribe(context, 3);
        await context.WaitForProgressAsync(5).ConfigureAwait(false);
        int statusesBefore = context.Status.Statuses.Count;

        int thrownOn = 0;
        using var throwsOnItsThird = context.Client.Channel(context.Channel).Subscribe(Observer.Create<JackpotEvent>(
            _ =>
            {
                if (Interlocked.Increment(ref thrownOn) == 3)
                {
                    throw new InvalidOperationException("a subscriber's bug");
                }
            },
            _ => context.Violation("a subscriber that threw got OnError"),
            () => context.Violation("a subscriber that threw got OnCompleted")));
        using var onNextOnly = context.Client.Channel(context.Channel).Subscribe(_ => throw new InvalidOperationException("a handler's bug"));
        using var throwingStatus = context.Client.Status(context.Channel).Subscribe(_ => throw new InvalidOperationException("a status handler's bug"));
        await context.WaitForProgressAsync(20).ConfigureAwait(false);

        context.Expect(Volatile.Read(ref thrownOn) == 3, $"the subscriber that threw on its 3rd event got {thrownOn}, expected none after it");
        context.Expect(context.Client.SubscriberFaultCount == 3, $"SubscriberFaultCount is {context.Client.SubscriberFaultCount}, expected 3");
        context.Expect(
            context.Status.Statuses.Count == statusesBefore,
            $"the status changed {context.Status.Statuses.Count - statusesBefore} times after the throws, expected none");
        ExpectReconnects(context);
    }
}
