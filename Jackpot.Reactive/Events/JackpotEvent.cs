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
/// <remarks>
/// <para>Parse payloads with <see cref="Parse(ReadOnlySpan{byte})"/> or <c>TryParse</c>.</para>
/// <para>Two events are equal when their payloads are: <see cref="EventId"/>, the Server-Sent Event's id, is not part of
/// equality (the same payload sent twice compares equal; deduplicate by id, not by equality).</para>
/// </remarks>
public abstract partial record JackpotEvent(
    string Reason,
    JackpotId Jackpot,
    JackpotInstanceId Instance,
    ChannelName Channel,
    string Currency,
    decimal Amount,
    string RawValue)
{
    private string? _eventId;

    /// <summary>Gets the id of the Server-Sent Event that carried this event (its <c>id:</c> field, the value resumed from
    /// as <c>Last-Event-ID</c>), or null when it had none or the event was not received from the service (a parsed
    /// payload, a late subscriber's snapshot restored after a cluster failover).</summary>
    /// <value>Set by <see cref="JackpotPushClient"/> and the cluster's channels on every delivered event that had an id.
    /// A back end that credits wins deduplicates and audits by it: see <c>docs/event-ids.md</c>.</value>
    /// <remarks>Not part of equality or the hash code: two events with the same payload are equal whatever their ids.</remarks>
    public string? EventId
    {
        get => _eventId;
        init => _eventId = value;
    }

    /// <inheritdoc/>
    /// <remarks>Compares the payload (the type and every value); <see cref="EventId"/> is ignored.</remarks>
    public virtual bool Equals(JackpotEvent? other) =>
        ReferenceEquals(this, other) ||
        (other is not null
            && EqualityContract == other.EqualityContract
            && string.Equals(Reason, other.Reason, StringComparison.Ordinal)
            && Jackpot.Equals(other.Jackpot)
            && Instance.Equals(other.Instance)
            && Channel.Equals(other.Channel)
            && string.Equals(Currency, other.Currency, StringComparison.Ordinal)
            && Amount == other.Amount
            && string.Equals(RawValue, other.RawValue, StringComparison.Ordinal));

    /// <inheritdoc/>
    /// <remarks>Of the payload; <see cref="EventId"/> is ignored.</remarks>
    public override int GetHashCode() => HashCode.Combine(EqualityContract, Reason, Jackpot, Instance, Channel, Currency, Amount, RawValue);

    /// <summary>Sets <see cref="EventId"/> on an event just decoded, before anyone else sees it (no copy).</summary>
    internal JackpotEvent WithReceivedId(string? eventId)
    {
        _eventId = string.IsNullOrEmpty(eventId) ? null : eventId;
        return this;
    }
}

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
