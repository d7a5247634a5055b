using System.Diagnostics;
using System.Runtime.CompilerServices;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The fault matrix: the simulator and client settings every scenario runs with, and the runner that turns one scenario
/// run into a <see cref="ScenarioResult"/>. The tests run each scenario once; the <c>soak</c> command runs them in rotation.
/// </summary>
internal static class FaultMatrix
{
    /// <summary>How long any wait of a scenario may take before it counts as a violation: generous, for a loaded machine.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the client and its subscribers may take to become unreachable after disposal.</summary>
    private static readonly TimeSpan ReleaseDeadline = TimeSpan.FromSeconds(5);

    /// <summary>The client's reconnection time: short, so a run of the whole matrix takes seconds.</summary>
    public static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>The client's idle timeout; the simulator's heartbeat is much shorter, so only a stall trips it.</summary>
    /// <remarks>Long enough that a loaded machine (a busy core, a first-time JIT) does not trip it by itself.</remarks>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The client's linger after the last subscriber leaves.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(100);

    /// <summary>The <c>Retry-After</c> of the simulator's 503 answers (the header has whole seconds).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>The client's largest event: events above it fail the channel.</summary>
    public const int MaxEventSize = 64 * 1024;

    public static WorkspaceId Workspace { get; } = new("reliability");

    public static JackpotGroupId Group { get; } = new("matrix");

    /// <summary>The simulator of the matrix: one jackpot whose value events carry their ids, 100 events a second.</summary>
    /// <param name="protocol">How the matrix's clients speak to it: <see cref="JackpotPushProtocol.Http2"/> serves h2c
    /// (HTTP/2 with prior knowledge on plain http), anything else HTTP/1.1.</param>
    public static PushEventSimulatorOptions SimulatorOptions(JackpotPushProtocol protocol = JackpotPushProtocol.Http11) => new()
    {
        Protocols = protocol == JackpotPushProtocol.Http2
            ? Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2
            : Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2,
        Workspace = Workspace,
        Group = Group,
        JackpotsPerGroup = 1,
        ValueInterval = TimeSpan.FromMilliseconds(10),
        WinProbabilityPerSpin = 0,
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        HistorySize = 20_000,
        SequenceAmounts = true,
        Faults = new SimulatorFaultOptions { RetryAfter = RetryAfter },
    };

    /// <summary>The client of the matrix: the library's defaults with short timings, over the protocol the simulator
    /// serves (h2c when it speaks HTTP/2 only, else HTTP/1.1).</summary>
    public static JackpotPushClientOptions ClientOptions(PushEventSimulator simulator) => new()
    {
        Endpoint = simulator.SubscribeUri,
        Protocol = ProtocolOf(simulator),
        Workspace = Workspace,
        Reconnect = ReconnectPolicy.Default with { InitialDelay = InitialDelay, MaxDelay = TimeSpan.FromMilliseconds(250) },
        IdleTimeout = IdleTimeout,
        Linger = Linger,
        MaxEventSize = MaxEventSize,
    };

    /// <summary>Runs one scenario with a fresh client and returns what happened.</summary>
    /// <param name="simulator">A simulator started with <see cref="SimulatorOptions"/>.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="cancellationToken">Ends the run early (its waits throw <see cref="OperationCanceledException"/>).</param>
    /// <returns>The result. Beyond the scenario's own checks it holds these: every subscriber saw every event once and in
    /// order, the statuses tell the truth, the status stream completes when the client is disposed, the server sees every
    /// stream closed, and the client and its subscribers can be collected afterwards.</returns>
    public static async Task<ScenarioResult> RunAsync(PushEventSimulator simulator, FaultScenario scenario, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        Reset(simulator);
        await simulator.StartListenerAsync(cancellationToken).ConfigureAwait(false);
        var (result, tracked) = await RunInContextAsync(simulator, scenario, cancellationToken).ConfigureAwait(false);
        var violations = result.Violations.ToList();
        int reachable = await CountReachableAsync(tracked, cancellationToken).ConfigureAwait(false);
        if (reachable > 0)
        {
            violations.Add($"{reachable} of the client and its {tracked.Length - 1} subscribers still reachable after the client was disposed (the client first: {tracked[0].IsAlive})");
        }

        return result with { Violations = violations, Duration = Stopwatch.GetElapsedTime(started) };
    }

    /// <summary>Runs the scenarios in rotation until <paramref name="stop"/> is cancelled; the running scenario finishes first.</summary>
    /// <param name="simulator">A simulator started with <see cref="SimulatorOptions"/>.</param>
    /// <param name="scenarios">The scenarios, run in this order, over and over.</param>
    /// <param name="starting">Called before each run with its scenario.</param>
    /// <param name="stop">Ends the rotation between two runs.</param>
    /// <returns>The result of each run as it finishes.</returns>
    public static async IAsyncEnumerable<ScenarioResult> RotateAsync(
        PushEventSimulator simulator,
        IReadOnlyList<FaultScenario> scenarios,
        Action<FaultScenario> starting,
        [EnumeratorCancellation] CancellationToken stop)
    {
        while (true)
        {
            foreach (var scenario in scenarios)
            {
                if (stop.IsCancellationRequested)
                {
                    yield break;
                }

                starting(scenario);

                // Not cancelled by the stop: a scenario cut short would leave its connections to the timeouts.
                yield return await RunAsync(simulator, scenario, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The protocol the matrix's clients use against <paramref name="simulator"/>.</summary>
    public static JackpotPushProtocol ProtocolOf(PushEventSimulator simulator) =>
        simulator.Options.Protocols == Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2 ? JackpotPushProtocol.Http2 : JackpotPushProtocol.Http11;

    /// <summary>Turns every fault of the simulator off and restores the matrix's fault settings.</summary>
    public static void Reset(PushEventSimulator simulator)
    {
        simulator.Faults.Clear();
        simulator.Faults.DropKind = ConnectionDropKind.EndStream;
        simulator.Faults.RetryAfter = RetryAfter;
    }

    private static async Task<(ScenarioResult Result, WeakReference[] Tracked)> RunInContextAsync(
        PushEventSimulator simulator, FaultScenario scenario, CancellationToken cancellationToken)
    {
        var context = new ScenarioContext(simulator, cancellationToken);
        try
        {
            await scenario.RunAsync(context).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            context.Violation($"{error.GetType().Name}: {error.Message}");
        }
        finally
        {
            Reset(simulator);
            await simulator.StartListenerAsync(CancellationToken.None).ConfigureAwait(false);
            await context.CloseAsync().ConfigureAwait(false);
        }

        try
        {
            await context.Status.Completed.WaitAsync(ReleaseDeadline, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            context.Violation("the status stream did not complete when the client was disposed");
        }

        WeakReference[] tracked = [new(context.Client), .. context.AllSubscribers.Select(subscriber => new WeakReference(subscriber))];
        return (Summarize(context, scenario), tracked);
    }

    private static ScenarioResult Summarize(ScenarioContext context, FaultScenario scenario)
    {
        var skipped = context.SkippedIds;
        var subscribers = context.AllSubscribers;
        var violations = context.Violations.Concat(context.Status.Violations).ToList();
        var last = context.Status.Statuses[^1];
        if (last.State != ChannelState.Closed)
        {
            violations.Add($"the last status after disposal is {last.State}, not Closed");
        }

        return new ScenarioResult(
            scenario.Name,
            subscribers.Count,
            subscribers.Sum(subscriber => subscriber.Received),
            subscribers.Sum(subscriber => subscriber.CountLost(skipped)),
            subscribers.Sum(subscriber => subscriber.Duplicated),
            context.Status.ReconnectsByCause(),
            context.Status.FailuresByCause(),
            violations,
            TimeSpan.Zero)
        {
            HttpVersions = [.. context.Status.Statuses.Select(status => status.HttpVersion).OfType<Version>().Distinct()],
        };
    }

    /// <summary>Collects garbage until the tracked objects are gone, or the deadline passes (the transport's read loop
    /// may still be unwinding right after disposal), and counts those still alive.</summary>
    private static async Task<int> CountReachableAsync(WeakReference[] tracked, CancellationToken cancellationToken)
    {
        long until = Stopwatch.GetTimestamp() + (long)(ReleaseDeadline.TotalSeconds * Stopwatch.Frequency);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            int alive = CountAlive(tracked);
            if (alive == 0 || Stopwatch.GetTimestamp() >= until)
            {
                return alive;
            }

            await poll.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CountAlive(WeakReference[] tracked)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return tracked.Count(reference => reference.IsAlive);
    }
}
