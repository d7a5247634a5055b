using System.Globalization;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// Builds jackpot events for tests with sensible defaults: instance <c>&lt;jackpot&gt;_1</c>, the next ordinal as the new
/// instance of a win (<c>J1_1</c> → <c>J1_2</c>), currency <see cref="DefaultCurrency"/>, broadcast channel
/// <see cref="DefaultBroadcastChannel"/> for values and other players' wins, <see cref="DefaultPlayerChannel"/> for the
/// player's own wins, and the value formatted as the service does (<c>1,408.20</c>).
/// </summary>
public static class Jackpots
{
    /// <summary>The default currency: <c>EUR</c>.</summary>
    public const string DefaultCurrency = "EUR";

    /// <summary>Gets the default workspace: <c>W1</c>.</summary>
    public static WorkspaceId DefaultWorkspace { get; } = new("W1");

    /// <summary>Gets the default jackpot group: <c>G1</c>.</summary>
    public static JackpotGroupId DefaultGroup { get; } = new("G1");

    /// <summary>Gets the default player: <c>player-1</c>.</summary>
    public static PlayerId DefaultPlayer { get; } = new("player-1");

    /// <summary>Gets the default broadcast channel: <c>W1_broadcast_G1</c>.</summary>
    public static ChannelName DefaultBroadcastChannel { get; } = ChannelName.Broadcast(DefaultWorkspace, DefaultGroup);

    /// <summary>Gets the default player channel: <c>W1_user_player-1</c>.</summary>
    public static ChannelName DefaultPlayerChannel { get; } = ChannelName.Player(DefaultWorkspace, DefaultPlayer);

    /// <summary>Builds a <c>jackpot_value</c> event.</summary>
    /// <param name="jackpot">The jackpot id, e.g. <c>J1</c>.</param>
    /// <param name="amount">The value.</param>
    /// <param name="instance">The instance; <c>&lt;jackpot&gt;_1</c> when null.</param>
    /// <param name="currency">The currency; <see cref="DefaultCurrency"/> when null.</param>
    /// <param name="channel">The channel; <see cref="DefaultBroadcastChannel"/> when null.</param>
    /// <param name="rawValue">The value as sent; <see cref="FormatAmount"/> of <paramref name="amount"/> when null.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jackpot"/> is null.</exception>
    /// <exception cref="ArgumentException">An id is empty or whitespace.</exception>
    public static JackpotValueUpdated Value(
        string jackpot,
        decimal amount,
        string? instance = null,
        string? currency = null,
        ChannelName? channel = null,
        string? rawValue = null)
    {
        var jackpotId = new JackpotId(jackpot);
        return new JackpotValueUpdated(
            jackpotId,
            InstanceOrFirst(jackpotId, instance),
            channel ?? DefaultBroadcastChannel,
            currency ?? DefaultCurrency,
            amount,
            rawValue ?? FormatAmount(amount));
    }

    /// <summary>Builds a <c>jackpot_won_other</c> event: another player won <paramref name="instance"/>.</summary>
    /// <param name="jackpot">The jackpot id.</param>
    /// <param name="amount">The amount won.</param>
    /// <param name="instance">The instance won; <c>&lt;jackpot&gt;_1</c> when null.</param>
    /// <param name="newInstance">The instance that starts; <see cref="NextInstance"/> of the won one when null.</param>
    /// <param name="currency">The currency; <see cref="DefaultCurrency"/> when null.</param>
    /// <param name="channel">The channel; <see cref="DefaultBroadcastChannel"/> when null.</param>
    /// <param name="rawValue">The amount as sent; <see cref="FormatAmount"/> of <paramref name="amount"/> when null.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jackpot"/> is null.</exception>
    /// <exception cref="ArgumentException">An id is empty or whitespace.</exception>
    public static JackpotWonByOther WonByOther(
        string jackpot,
        decimal amount,
        string? instance = null,
        string? newInstance = null,
        string? currency = null,
        ChannelName? channel = null,
        string? rawValue = null)
    {
        var jackpotId = new JackpotId(jackpot);
        var won = InstanceOrFirst(jackpotId, instance);
        return new JackpotWonByOther(
            jackpotId,
            won,
            channel ?? DefaultBroadcastChannel,
            currency ?? DefaultCurrency,
            amount,
            rawValue ?? FormatAmount(amount),
            newInstance is null ? NextInstance(won) : new JackpotInstanceId(newInstance));
    }

    /// <summary>Builds a <c>jackpot_won</c> event: the player of the channel won <paramref name="instance"/>.</summary>
    /// <param name="jackpot">The jackpot id.</param>
    /// <param name="amount">The amount won.</param>
    /// <param name="instance">The instance won; <c>&lt;jackpot&gt;_1</c> when null.</param>
    /// <param name="newInstance">The instance that starts; <see cref="NextInstance"/> of the won one when null.</param>
    /// <param name="currency">The currency; <see cref="DefaultCurrency"/> when null.</param>
    /// <param name="channel">The channel; <see cref="DefaultPlayerChannel"/> when null.</param>
    /// <param name="rawValue">The amount as sent; <see cref="FormatAmount"/> of <paramref name="amount"/> when null.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jackpot"/> is null.</exception>
    /// <exception cref="ArgumentException">An id is empty or whitespace.</exception>
    public static JackpotWon Won(
        string jackpot,
        decimal amount,
        string? instance = null,
        string? newInstance = null,
        string? currency = null,
        ChannelName? channel = null,
        string? rawValue = null)
    {
        var jackpotId = new JackpotId(jackpot);
        var won = InstanceOrFirst(jackpotId, instance);
        return new JackpotWon(
            jackpotId,
            won,
            channel ?? DefaultPlayerChannel,
            currency ?? DefaultCurrency,
            amount,
            rawValue ?? FormatAmount(amount),
            newInstance is null ? NextInstance(won) : new JackpotInstanceId(newInstance));
    }

    /// <summary>Builds an event with a reason this version does not know, as a later service version might send.</summary>
    /// <param name="reason">The reason, e.g. <c>jackpot_paused</c>.</param>
    /// <param name="jackpot">The jackpot id.</param>
    /// <param name="amount">The value.</param>
    /// <param name="instance">The instance; <c>&lt;jackpot&gt;_1</c> when null.</param>
    /// <param name="currency">The currency; <see cref="DefaultCurrency"/> when null.</param>
    /// <param name="channel">The channel; <see cref="DefaultBroadcastChannel"/> when null.</param>
    /// <returns>The event; its <see cref="UnknownJackpotEvent.Payload"/> is the JSON the service would send.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> or <paramref name="jackpot"/> is null.</exception>
    /// <exception cref="ArgumentException">The reason or an id is empty or whitespace.</exception>
    public static UnknownJackpotEvent Unknown(
        string reason,
        string jackpot,
        decimal amount = 0m,
        string? instance = null,
        string? currency = null,
        ChannelName? channel = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var fields = Value(jackpot, amount, instance, currency, channel);
        return new UnknownJackpotEvent(
            reason,
            fields.Jackpot,
            fields.Instance,
            fields.Channel,
            fields.Currency,
            fields.Amount,
            fields.RawValue,
            JackpotEventJson.SerializeFields(reason, fields));
    }

    /// <summary>Formats an amount as the service does: two decimals with thousands separators, culture-invariant.</summary>
    /// <param name="amount">The amount.</param>
    /// <returns>For example <c>1,408.20</c> for 1408.2.</returns>
    public static string FormatAmount(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>Gets the instance after <paramref name="instance"/>: the trailing ordinal plus one (<c>J1_7</c> → <c>J1_8</c>,
    /// <c>f8f21i6__12</c> → <c>f8f21i6__13</c>), or <c>_2</c> appended when the id has no trailing <c>_&lt;n&gt;</c>.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>The next instance.</returns>
    /// <exception cref="ArgumentException"><paramref name="instance"/> is <see langword="default"/>.</exception>
    public static JackpotInstanceId NextInstance(JackpotInstanceId instance)
    {
        string value = instance.Value;
        if (value.Length == 0)
        {
            throw new ArgumentException("The instance is not set (default value).", nameof(instance));
        }

        int separator = value.LastIndexOf('_');
        string ordinal = separator < 0 ? string.Empty : value[(separator + 1)..];
        return ordinal.Length > 0 && ordinal.All(char.IsAsciiDigit) && long.TryParse(ordinal, CultureInfo.InvariantCulture, out long n) && n < long.MaxValue
            ? new JackpotInstanceId(string.Concat(value.AsSpan(0, separator + 1), (n + 1).ToString(CultureInfo.InvariantCulture)))
            : new JackpotInstanceId(value + "_2");
    }

    private static JackpotInstanceId InstanceOrFirst(JackpotId jackpot, string? instance) =>
        new(instance ?? jackpot.Value + "_1");
}
