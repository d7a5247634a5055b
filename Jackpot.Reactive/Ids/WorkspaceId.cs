namespace Jackpot.Reactive;

/// <summary>Identifies a workspace (a tenant of the push service); usually a base64url string.</summary>
public readonly record struct WorkspaceId
{
    private readonly string? _value;

    /// <summary>Creates the id from its string form as the service sends it.</summary>
    /// <param name="value">The id; neither empty nor whitespace.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or whitespace.</exception>
    public WorkspaceId(string value) => _value = IdGuard.Require(value, nameof(value), "workspace id");

    /// <summary>Gets the id as the service sends it (empty for <see langword="default"/>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Value;
}
