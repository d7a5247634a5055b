namespace Jackpot.Reactive;

/// <summary>The names under which the library publishes its <see cref="System.Diagnostics.Metrics"/> instruments.</summary>
/// <remarks>
/// All instruments live on one meter, <see cref="MeterName"/>. Collect them with OpenTelemetry
/// (<c>.WithMetrics(m =&gt; m.AddMeter(JackpotMetrics.MeterName))</c>), <c>dotnet-counters monitor --counters Jackpot.Reactive</c>
/// or a <see cref="System.Diagnostics.Metrics.MeterListener"/>. The instruments, their units and attributes are listed in
/// <c>docs/metrics.md</c>. No attribute ever carries a channel name or a player id.
/// </remarks>
public static class JackpotMetrics
{
    /// <summary>The name of the meter: <c>Jackpot.Reactive</c>.</summary>
    public const string MeterName = "Jackpot.Reactive";
}
