namespace Jackpot.Reactive;

/// <summary>
/// Identifies a player (the service's <c>PlayerSecureId</c>). The id is a secret: <see cref="ToString"/> redacts it,
/// so it can be logged; <see cref="RawValue"/> is the explicit accessor for the real value.
/// </summary>
public readonly record struct PlayerId
{
    private readonly string? _value;

    /// <summary>Creates the id.</summary>
    /// <param name="value">The player's secure id; neither empty nor whitespace. E-mail addresses are allowed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or whitespace.</exception>
    public PlayerId(string value) => _value = IdGuard.Require(value, nameof(value), "player id");

    /// <summary>Gets the real, secret player id. Do not log it.</summary>
    public string RawValue => _value ?? string.Empty;

    /// <summary>
    /// Returns a redacted form that is safe to log: the first two characters, then <c>***</c>; only <c>***</c> for an id
    /// of up to four characters (and for <see langword="default"/>).
    /// </summary>
    /// <returns>The redacted id.</returns>
    public override string ToString() => Redact(RawValue);

    internal static string Redact(string secret)
    {
        if (secret.Length <= 4)
        {
            return "***";
        }

        // Never cut a surrogate pair in half: the redacted form must stay valid text.
        int shown = char.IsHighSurrogate(secret[1]) ? 1 : 2;
        return string.Concat(secret.AsSpan(0, shown), "***");
    }
}
