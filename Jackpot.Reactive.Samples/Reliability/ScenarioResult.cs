namespace Jackpot.Reactive.Samples;

/// <summary>The outcome of one run of a <see cref="FaultScenario"/>.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Subscribers">How many subscribers took part (including those that joined and left).</param>
/// <param name="EventsDelivered">Events delivered to all subscribers together.</param>
/// <param name="Lost">Ids missing from a subscriber's sequence that were not malformed on purpose.</param>
/// <param name="Duplicated">Events a subscriber received twice (or out of order).</param>
/// <param name="Reconnects">Reconnects the status stream reported, by cause.</param>
/// <param name="Failures">Terminal failures the status stream reported, by cause.</param>
/// <param name="Violations">Everything else that was untrue or unexpected: status, server connections, leaks.</param>
/// <param name="Duration">How long the run took.</param>
internal sealed record ScenarioResult(
    string Scenario,
    int Subscribers,
    long EventsDelivered,
    long Lost,
    long Duplicated,
    IReadOnlyDictionary<string, int> Reconnects,
    IReadOnlyDictionary<string, int> Failures,
    IReadOnlyList<string> Violations,
    TimeSpan Duration)
{
    /// <summary>Gets the HTTP versions the channel opened over (from its Open statuses), each once.</summary>
    public IReadOnlyList<Version> HttpVersions { get; init; } = [];

    /// <summary>Gets a value indicating whether nothing was lost, duplicated or untrue.</summary>
    public bool Passed => Lost == 0 && Duplicated == 0 && Violations.Count == 0;

    /// <summary>Describes the outcome in one line, for test failures and the soak's log.</summary>
    public override string ToString() =>
        $"{Scenario}: {EventsDelivered} events to {Subscribers} subscribers, lost {Lost}, duplicated {Duplicated}, " +
        $"reconnects [{string.Join(", ", Reconnects.Select(pair => pair.Key + "=" + pair.Value))}], " +
        $"failures [{string.Join(", ", Failures.Select(pair => pair.Key + "=" + pair.Value))}]" +
        (Violations.Count == 0 ? string.Empty : "; violations: " + string.Join("; ", Violations));
}

/// <summary>One fault of the matrix: its name, what it does, what the client does about it, and how to run it.</summary>
/// <param name="Name">A short name, e.g. <c>drop-every-n</c>.</param>
/// <param name="Fault">What goes wrong.</param>
/// <param name="Expected">What the client does about it.</param>
/// <param name="RunAsync">Runs the fault against a fresh client; records what it expects on the context.</param>
internal sealed record FaultScenario(string Name, string Fault, string Expected, Func<ScenarioContext, Task> RunAsync)
{
    public override string ToString() => Name;
}
