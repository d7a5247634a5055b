namespace Jackpot.Reactive;

/// <summary>What a jackpot meter shows at one frame, produced by <c>Tween</c>.</summary>
/// <param name="Jackpot">The jackpot.</param>
/// <param name="Instance">The instance the amounts belong to.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Amount">The amount to show now.</param>
/// <param name="Target">The amount the meter is heading to: the jackpot's latest value. Equal to
/// <paramref name="Amount"/> when the meter is at rest.</param>
public sealed record JackpotMeterReading(
    JackpotId Jackpot,
    JackpotInstanceId Instance,
    string Currency,
    decimal Amount,
    decimal Target);
