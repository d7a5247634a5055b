using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// Every fault of the matrix. Each scenario makes its fault happen against healthy subscribers, waits on events (never on
/// time) until the client has dealt with it, and records what it expects of the status stream; the runner
/// (<see cref="FaultMatrix.RunAsync"/>) checks the rest: no event lost or duplicated per subscriber, nothing leaked.
/// </summary>
internal static partial class FaultScenarios
{
    /// <summary>How many events pass between two drops in the drop scenarios.</summary>
    public const int DropEveryEvents = 25;

    /// <summary>The work of a slow subscriber per event.</summary>
    public static readonly TimeSpan SlowWork = TimeSpan.FromMilliseconds(20);

    public static FaultScenario DropEveryN { get; } = new(
        "drop-every-n",
        $"the server ends each stream cleanly after {DropEveryEvents} events",
        "reconnects after the reconnection time (cause end_of_stream), resumes with Last-Event-ID; the server replays",
        context => DropEveryAsync(context, ConnectionDropKind.EndStream, ReconnectCauseNames.EndOfStream));

    public static FaultScenario AbortEveryN { get; } = new(
        "abort-every-n",
        $"the server aborts each connection (TCP reset) after {DropEveryEvents} events",
        "reconnects (cause network), resumes with Last-Event-ID; bytes lost in flight are replayed",
        context => DropEveryAsync(context, ConnectionDropKind.Abort, ReconnectCauseNames.Network));

    public static FaultScenario ServiceUnavailable { get; } = new(
        "503-burst",
        "503 with Retry-After: 1 on the first request, later a drop followed by a burst of two 503s",
        "waits at least Retry-After before each retry (cause http_503); Open says GapPossible when no id was received yet, else Resumed",
        ServiceUnavailableAsync);

    public static FaultScenario Stall { get; } = new(
        "stall",
        "the server stops sending anything (no events, no heartbeats) while the TCP connection stays up",
        "the idle timeout finds it (cause idle_timeout); reconnects and resumes",
        StallAsync);

    public static FaultScenario Malformed { get; } = new(
        "malformed",
        "three malformed payloads (cut JSON, a missing field, an unparseable value), each with its own id",
        "reports each on Diagnostics and skips it; no reconnect; the stream goes on",
        MalformedAsync);

    public static FaultScenario Oversized { get; } = new(
        "oversized",
        "an event of half the size limit, then one of twice the limit",
        "delivers the first intact; fails the channel on the second (too_large, terminal: every subscriber gets OnError); a later subscription starts a new life (Initial)",
        OversizedAsync);

    public static FaultScenario Unauthorized { get; } = new(
        "401-mid-stream",
        "the channel's credentials are revoked in the middle of a healthy stream: the stream ends, the reconnect gets 401",
        "fails the channel (http_401, terminal: every subscriber gets OnError); a later subscription starts a new life (Initial)",
        UnauthorizedAsync);

    public static FaultScenario ListenerRestart { get; } = new(
        "listener-restart",
        "the server's listener closes and a new one opens on the same port (connections refused meanwhile)",
        "retries with back-off (cause network) until the listener is back, then resumes; the events of the downtime are replayed",
        ListenerRestartAsync);

    public static FaultScenario SlowSubscriber { get; } = new(
        "slow-subscriber",
        $"one subscriber works {SlowWork.TotalMilliseconds:0} ms per event in OnNext, next to fast ones and an await-foreach consumer, with drops every 40 events",
        "delivers in order to all; the slow OnNext holds up the channel's thread (TCP and the server buffer), nothing is lost; the async consumer's buffer decouples it",
        SlowSubscriberAsync);

    public static FaultScenario Churn { get; } = new(
        "churn",
        "four threads subscribe and unsubscribe all the time, with drops every 30 events; once everyone leaves until the linger closes the connection",
        "one connection for all; each subscriber's events are gap-free from its first; after the linger a new life starts (Initial)",
        ChurnAsync);

    public static FaultScenario ThrowingSubscriber { get; } = new(
        "throwing-subscriber",
        "one event subscriber throws from OnNext, one only has an onNext that throws (Rx's default OnError rethrows), and a status subscriber throws, next to healthy subscribers",
        "unsubscribes each thrower and reports it on Diagnostics (SubscriberFault); the others get every event; the connection stays open: no reconnect, no status change",
        ThrowingSubscriberAsync);

    /// <summary>Gets a run without a fault: subscribers receive events, then leave. It warms a process up (JIT, pools,
    /// caches) before resources are measured, and is the baseline the faults are compared with.</summary>
    public static FaultScenario Healthy { get; } = new(
        "healthy",
        "no fault",
        "one connection, every event delivered once, in order",
        async context =>
        {
            Subscribe(context, 3);
            await context.WaitForProgressAsync(20).ConfigureAwait(false);
            ExpectReconnects(context);
        });

    /// <summary>Gets every scenario, in the order the tests list them and the soak rotates through them.</summary>
    public static IReadOnlyList<FaultScenario> All { get; } =
        [DropEveryN, AbortEveryN, ServiceUnavailable, Stall, Malformed, Oversized, Unauthorized, ListenerRestart, SlowSubscriber, Churn, ThrowingSubscriber];

    public static FaultScenario? Find(string name) =>
        All.FirstOrDefault(scenario => string.Equals(scenario.Name, name, StringComparison.OrdinalIgnoreCase));

    private static bool IsReconnecting(ChannelStatus status, string cause) =>
        status.State == ChannelState.Reconnecting && ReconnectCauseNames.Of(status.Cause) == cause;

    private static void Subscribe(ScenarioContext context, int count)
    {
        for (int i = 0; i < count; i++)
        {
            context.Subscribe();
        }
    }

    /// <summary>Records a violation unless the reconnects by cause are exactly <paramref name="expected"/>.</summary>
    private static void ExpectReconnects(ScenarioContext context, params (string Cause, long Count)[] expected)
    {
        var actual = context.Status.ReconnectsByCause();
        var wanted = expected.Where(pair => pair.Count > 0).ToDictionary(pair => pair.Cause, pair => (int)pair.Count, StringComparer.Ordinal);
        context.Expect(
            actual.Count == wanted.Count && wanted.All(pair => actual.TryGetValue(pair.Key, out int count) && count == pair.Value),
            $"reconnects [{Describe(actual)}], expected [{Describe(wanted)}]");
    }

    private static void ExpectFailures(ScenarioContext context, string cause)
    {
        var actual = context.Status.FailuresByCause();
        context.Expect(actual.Count == 1 && actual.TryGetValue(cause, out int count) && count == 1, $"failures [{Describe(actual)}], expected [{cause}=1]");
    }

    /// <summary>Checks that every subscriber ended with the terminal error, then starts a new life with fresh subscribers.</summary>
    private static async Task ExpectTerminalThenNewLifeAsync(
        ScenarioContext context, IReadOnlyList<SequenceSubscriber> subscribers, Func<Exception?, bool> isExpected, string description, Action? repair = null)
    {
        var ends = await context.WaitForEndAsync(subscribers).ConfigureAwait(false);
        context.Expect(ends.All(isExpected), $"subscribers ended with [{string.Join(", ", ends.Select(end => end?.GetType().Name ?? "completion"))}], expected {description}");
        foreach (var subscriber in subscribers)
        {
            context.Unsubscribe(subscriber);
        }

        repair?.Invoke();

        int lives = context.Status.Count(status => status.State == ChannelState.Connecting);
        Subscribe(context, 2);
        await context.WaitForProgressAsync(10).ConfigureAwait(false);
        context.Expect(context.Status.Count(status => status.State == ChannelState.Connecting) == lives + 1, "the subscription after the failure did not start a new life");
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + pair.Value));
}
