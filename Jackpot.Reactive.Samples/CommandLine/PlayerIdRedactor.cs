namespace Jackpot.Reactive.Samples;

/// <summary>Hides a player id in text meant for logs and stderr: the id is a secret (see <see cref="PlayerId"/>).</summary>
/// <remarks>Both the plain id and its URI-escaped form (as in a subscribe URI) are replaced with <see cref="PlayerId.ToString"/>.</remarks>
internal sealed class PlayerIdRedactor
{
    private readonly (string Secret, string Redacted)[] _secrets;

    public PlayerIdRedactor(PlayerId? player)
    {
        if (player is not { RawValue.Length: > 0 } id)
        {
            _secrets = [];
            return;
        }

        string redacted = id.ToString();
        _secrets = new[] { id.RawValue, Uri.EscapeDataString(id.RawValue) }
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(secret => secret.Length)
            .Select(secret => (secret, redacted))
            .ToArray();
    }

    /// <summary>Gets a redactor that changes nothing.</summary>
    public static PlayerIdRedactor None { get; } = new(null);

    /// <summary>Returns <paramref name="text"/> with every occurrence of the player id replaced by its redacted form.</summary>
    public string Redact(string text)
    {
        foreach (var (secret, redacted) in _secrets)
        {
            text = text.Replace(secret, redacted, StringComparison.Ordinal);
        }

        return text;
    }
}
