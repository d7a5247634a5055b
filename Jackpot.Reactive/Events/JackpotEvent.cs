namespace Jackpot.Reactive;

/// <summary>
/// An event of the jackpot push service: one JSON payload of one Server-Sent Event.
/// </summary>
/// <param name="Reason">The <c>reason</c> as sent (see <see cref="JackpotReasons"/>).</param>
/// <param name="Jackpot">The jackpot (<c>jackpot</c>).</param>
/// <param name="Instance">The jackpot instance the event is about (<c>jackpotInstance</c>); for a win, the instance that was won.</param>
/// <param name="Channel">The channel the event was published on (<c>channel</c>).</param>
/// <param name="Currency">The currency code (<c>currency</c>).</param>
/// <param name="Amount">The value, parsed culture-invariantly from <paramref name="RawValue"/>.</param>
/// <param name="RawValue">The value exactly as sent, e.g. <c>"1,408.20"</c>.</param>
/// <remarks>Parse payloads with <see cref="Parse(ReadOnlySpan{byte})"/> or <c>TryParse</c>.</remarks>
public abstract partial record JackpotEvent(
    string Reason,
    JackpotId Jackpot,
    JackpotInstanceId Instance,
    ChannelName Channel,
    string Currency,
    decimal Amount,
    string RawValue);

/// <summary><c>jackpot_value</c>: the jackpot's current value, sent periodically on the broadcast channel.</summary>
/// <param name="Jackpot">The jackpot.</param>
/// <param name="Instance">The current instance.</param>
/// <param name="Channel">The broadcast channel.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Amount">The current value.</param>
/// <param name="RawValue">The value as sent.</param>
public sealed record JackpotValueUpdated(
    JackpotId Jackpot,
    JackpotInstanceId Instance,
    ChannelName Channel,
    string Currency,
    decimal Amount,
    string RawValue)
    : JackpotEvent(JackpotReasons.Value, Jackpot, Instance, Channel, Currency, Amount, RawValue);

/// <summary><c>jackpot_won_other</c>: another player won <see cref="JackpotEvent.Instance"/>; <see cref="NewInstance"/> starts.</summary>
/// <param name="Jackpot">The jackpot.</param>
/// <param name="Instance">The instance that was won.</param>
/// <param name="Channel">The broadcast channel.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Amount">The amount won.</param>
/// <param name="RawValue">The amount as sent.</param>
/// <param name="NewInstance">The instance created by the win.</param>
public sealed record JackpotWonByOther(
    JackpotId Jackpot,
    JackpotInstanceId Instance,
    ChannelName Channel,
    string Currency,
    decimal Amount,
    string RawValue,
    JackpotInstanceId NewInstance)
    : JackpotEvent(JackpotReasons.WonByOther, Jackpot, Instance, Channel, Currency, Amount, RawValue);

/// <summary><c>jackpot_won</c>: this player won <see cref="JackpotEvent.Instance"/>; <see cref="NewInstance"/> starts.</summary>
/// <param name="Jackpot">The jackpot.</param>
/// <param name="Instance">The instance the player won.</param>
/// <param name="Channel">The player channel.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Amount">The amount won.</param>
/// <param name="RawValue">The amount as sent.</param>
/// <param name="NewInstance">The instance created by the win.</param>
public sealed record JackpotWon(
    JackpotId Jackpot,
    JackpotInstanceId Instance,
    ChannelName Channel,
    string Currency,
    decimal Amount,
    string RawValue,
    JackpotInstanceId NewInstance)
    : JackpotEvent(JackpotReasons.Won, Jackpot, Instance, Channel, Currency, Amount, RawValue);

/// <summary>
/// An event with a <c>reason</c> this version does not know. It flows through every operator untouched, so reasons the
/// service adds later do not break a stream.
/// </summary>
/// <param name="Reason">The reason as sent.</param>
/// <param name="Jackpot">The jackpot, or <see langword="default"/> when the payload has none.</param>
/// <param name="Instance">The instance, or <see langword="default"/> when the payload has none.</param>
/// <param name="Channel">The channel, or <see langword="default"/> when the payload has none.</param>
/// <param name="Currency">The currency, or empty when the payload has none.</param>
/// <param name="Amount">The value, or 0 when the payload has none.</param>
/// <param name="RawValue">The value as sent, or empty.</param>
/// <param name="Payload">The whole JSON payload as received.</param>
public sealed record UnknownJackpotEvent(
    string Reason,
    JackpotId Jackpot,
    JackpotInstanceId Instance,
    ChannelName Channel,
    string Currency,
    decimal Amount,
    string RawValue,
    string Payload)
    : JackpotEvent(Reason, Jackpot, Instance, Channel, Currency, Amount, RawValue);
