namespace Jackpot.Reactive.Testing;

/// <summary>Gives each player channel a stable pseudonym (<c>redacted-1</c>, <c>redacted-2</c>, … in the order the
/// channels are met) and replaces the channel's name, plain or URI-escaped, in any text.</summary>
/// <remarks>The whole channel name is replaced, not the bare id: a short id (<c>7</c>) would otherwise hit unrelated
/// text such as amounts. Not thread-safe: the writer calls it under its lock.</remarks>
internal sealed class PlayerPseudonyms(bool keep)
{
    public const string Prefix = "redacted-";
    private readonly Dictionary<ChannelName, ChannelName> _pseudonyms = [];
    private readonly List<(string Secret, string Replacement)> _replacements = [];

    public ChannelName Redact(ChannelName channel)
    {
        if (keep || channel.Kind != ChannelKind.Player)
        {
            return channel;
        }

        if (!_pseudonyms.TryGetValue(channel, out var pseudonym))
        {
            pseudonym = ChannelName.Player(channel.Workspace, new PlayerId(Prefix + (_pseudonyms.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            _pseudonyms.Add(channel, pseudonym);
            _replacements.Add((channel.RawValue, pseudonym.RawValue));
            string escaped = Uri.EscapeDataString(channel.RawValue);
            if (escaped != channel.RawValue)
            {
                _replacements.Add((escaped, Uri.EscapeDataString(pseudonym.RawValue)));
            }

            _replacements.Sort((a, b) => b.Secret.Length.CompareTo(a.Secret.Length));
        }

        return pseudonym;
    }

    public string? Redact(string? text)
    {
        if (text is null || keep)
        {
            return text;
        }

        foreach (var (secret, replacement) in _replacements)
        {
            text = text.Replace(secret, replacement, StringComparison.Ordinal);
        }

        return text;
    }
}
