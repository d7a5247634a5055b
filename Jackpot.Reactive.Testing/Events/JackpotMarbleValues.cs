using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// The values of marble symbols as jackpot events, built in the order of the service's sequence: each jackpot starts at
/// instance <c>&lt;jackpot&gt;_1</c>, and after a win the following events of that jackpot belong to the new instance.
/// </summary>
/// <example>
/// <code>
/// var values = new JackpotMarbleValues()
///     .Value('a', "J1", 372.20m)       // J1_1
///     .WonByOther('w', "J1", 380.00m)  // J1_1 won, J1_2 starts
///     .Value('b', "J1", 10.00m);       // J1_2
/// </code>
/// </example>
/// <remarks>Pass it as the <c>values</c> of <see cref="MarbleTest.Hot{T}"/>, <see cref="MarbleTest.Cold{T}"/>,
/// <see cref="ObservableExpectation{T}.ToBe"/> or a virtual push channel's attempt.</remarks>
[SuppressMessage(
    "Naming",
    "CA1710:Identifiers should have correct suffix",
    Justification = "Named for what a test passes it as: the values of marble symbols; the dictionary is how it is read.")]
public sealed class JackpotMarbleValues : IReadOnlyDictionary<char, JackpotEvent>
{
    private readonly Dictionary<char, JackpotEvent> _values = [];
    private readonly Dictionary<string, string> _currentInstances = new(StringComparer.Ordinal);
    private readonly ChannelName _broadcastChannel;
    private readonly ChannelName _playerChannel;
    private readonly string _currency;

    /// <summary>Creates empty values on the default channels (<see cref="Jackpots.DefaultBroadcastChannel"/>,
    /// <see cref="Jackpots.DefaultPlayerChannel"/>) in <see cref="Jackpots.DefaultCurrency"/>.</summary>
    public JackpotMarbleValues()
        : this(null, null, null)
    {
    }

    /// <summary>Creates empty values.</summary>
    /// <param name="broadcastChannel">The channel of values and other players' wins; the default one when null.</param>
    /// <param name="playerChannel">The channel of the player's own wins; the default one when null.</param>
    /// <param name="currency">The currency; <see cref="Jackpots.DefaultCurrency"/> when null.</param>
    public JackpotMarbleValues(ChannelName? broadcastChannel, ChannelName? playerChannel = null, string? currency = null)
    {
        _broadcastChannel = broadcastChannel ?? Jackpots.DefaultBroadcastChannel;
        _playerChannel = playerChannel ?? Jackpots.DefaultPlayerChannel;
        _currency = currency ?? Jackpots.DefaultCurrency;
    }

    /// <inheritdoc/>
    public int Count => _values.Count;

    /// <inheritdoc/>
    public IEnumerable<char> Keys => _values.Keys;

    /// <inheritdoc/>
    public IEnumerable<JackpotEvent> Values => _values.Values;

    /// <inheritdoc/>
    public JackpotEvent this[char key] => _values[key];

    /// <summary>Adds a <c>jackpot_value</c> of the jackpot's current instance.</summary>
    /// <param name="symbol">The marble symbol.</param>
    /// <param name="jackpot">The jackpot id.</param>
    /// <param name="amount">The value.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <exception cref="ArgumentException">The symbol is marble syntax or already used, or the id is invalid.</exception>
    public JackpotMarbleValues Value(char symbol, string jackpot, decimal amount) =>
        Add(symbol, Jackpots.Value(jackpot, amount, CurrentInstance(jackpot), _currency, _broadcastChannel));

    /// <summary>Adds a <c>jackpot_won_other</c> of the jackpot's current instance; later events use the new instance.</summary>
    /// <param name="symbol">The marble symbol.</param>
    /// <param name="jackpot">The jackpot id.</param>
    /// <param name="amount">The amount won.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <exception cref="ArgumentException">The symbol is marble syntax or already used, or the id is invalid.</exception>
    public JackpotMarbleValues WonByOther(char symbol, string jackpot, decimal amount) =>
        Add(symbol, Jackpots.WonByOther(jackpot, amount, CurrentInstance(jackpot), currency: _currency, channel: _broadcastChannel));

    /// <summary>Adds a <c>jackpot_won</c> (this player won) of the jackpot's current instance; later events use the new
    /// instance.</summary>
    /// <param name="symbol">The marble symbol.</param>
    /// <param name="jackpot">The jackpot id.</param>
    /// <param name="amount">The amount won.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <exception cref="ArgumentException">The symbol is marble syntax or already used, or the id is invalid.</exception>
    public JackpotMarbleValues Won(char symbol, string jackpot, decimal amount) =>
        Add(symbol, Jackpots.Won(jackpot, amount, CurrentInstance(jackpot), currency: _currency, channel: _playerChannel));

    /// <summary>Adds any event; a win moves its jackpot to the new instance, a value to the value's instance.</summary>
    /// <param name="symbol">The marble symbol: not <c>- | # ^ ! ( )</c> or white space.</param>
    /// <param name="value">The event.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The symbol is marble syntax or already used.</exception>
    public JackpotMarbleValues Add(char symbol, JackpotEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (MarbleValues.IsSyntax(symbol))
        {
            throw new ArgumentException($"'{symbol}' is marble syntax and cannot stand for a value.", nameof(symbol));
        }

        if (!_values.TryAdd(symbol, value))
        {
            throw new ArgumentException($"'{symbol}' already stands for {MarbleValues.DescribeValue(_values[symbol], complete: false)}.", nameof(symbol));
        }

        var instance = JackpotEventWriter.NewInstanceOf(value) ?? (value is JackpotValueUpdated ? value.Instance : default);
        if (instance.Value.Length > 0)
        {
            _currentInstances[value.Jackpot.Value] = instance.Value;
        }

        return this;
    }

    /// <summary>Gets the instance the next event of <paramref name="jackpot"/> belongs to.</summary>
    /// <param name="jackpot">The jackpot id.</param>
    /// <returns><c>&lt;jackpot&gt;_1</c> until a win of the jackpot was added, then the last win's new instance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jackpot"/> is null.</exception>
    public string CurrentInstance(string jackpot)
    {
        ArgumentNullException.ThrowIfNull(jackpot);
        return _currentInstances.TryGetValue(jackpot, out string? instance) ? instance : jackpot + "_1";
    }

    /// <inheritdoc/>
    public bool ContainsKey(char key) => _values.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(char key, [MaybeNullWhen(false)] out JackpotEvent value) => _values.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<char, JackpotEvent>> GetEnumerator() => _values.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
