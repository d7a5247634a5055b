namespace Jackpot.Reactive.Simulator;

/// <summary>The current state of one simulated jackpot.</summary>
/// <param name="Jackpot">The jackpot.</param>
/// <param name="Instance">The current instance, <c>&lt;jackpot&gt;_&lt;n&gt;</c>.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Amount">The current amount.</param>
public sealed record SimulatedJackpot(JackpotId Jackpot, JackpotInstanceId Instance, string Currency, decimal Amount);

/// <summary>A win made by <see cref="PushEventSimulator.MakePlayerWin(PlayerId, JackpotId?)"/>.</summary>
/// <param name="Jackpot">The jackpot won.</param>
/// <param name="WonInstance">The instance that was won (<c>jackpotInstance</c> of both events).</param>
/// <param name="NewInstance">The instance the win started (<c>jackpotNewInstance</c>).</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Amount">The amount won.</param>
/// <param name="Value">The amount as sent, e.g. <c>"1,408.20"</c>.</param>
/// <param name="PlayerChannel">The winner's channel, which received <c>jackpot_won</c>.</param>
/// <param name="PlayerEventId">The SSE id of the <c>jackpot_won</c> event.</param>
/// <param name="BroadcastChannel">The group's channel, which received <c>jackpot_won_other</c>.</param>
/// <param name="BroadcastEventId">The SSE id of the <c>jackpot_won_other</c> event.</param>
public sealed record SimulatedWin(
    JackpotId Jackpot,
    JackpotInstanceId WonInstance,
    JackpotInstanceId NewInstance,
    string Currency,
    decimal Amount,
    string Value,
    ChannelName PlayerChannel,
    long PlayerEventId,
    ChannelName BroadcastChannel,
    long BroadcastEventId);
