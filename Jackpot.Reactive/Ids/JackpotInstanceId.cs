namespace Jackpot.Reactive;

/// <summary>Identifies one round of a jackpot (the service's <c>jackpotInstance</c>); a win starts a new instance.</summary>
public readonly record struct JackpotInstanceId
{
    private readonly string? _value;

    /// <summary>Creates the id from its string form as the service sends it.</summary>
    /// <param name="value">The id; neither empty nor whitespace.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or whitespace.</exception>
    public JackpotInstanceId(string value) => _value = IdGuard.Require(value, nameof(value), "jackpot instance id");

    /// <summary>Gets the id as the service sends it (empty for <see langword="default"/>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Value;
}
