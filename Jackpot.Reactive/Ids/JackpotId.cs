namespace Jackpot.Reactive;

/// <summary>Identifies a jackpot across its instances (the service's <c>jackpot</c> field).</summary>
public readonly record struct JackpotId
{
    private readonly string? _value;

    /// <summary>Creates the id from its string form as the service sends it.</summary>
    /// <param name="value">The id; neither empty nor whitespace.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or whitespace.</exception>
    public JackpotId(string value) => _value = IdGuard.Require(value, nameof(value), "jackpot id");

    /// <summary>Gets the id as the service sends it (empty for <see langword="default"/>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Value;
}
