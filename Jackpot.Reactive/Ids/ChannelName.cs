using System.Diagnostics.CodeAnalysis;

namespace Jackpot.Reactive;

/// <summary>
/// The name of a push channel: <c>&lt;WorkspaceId&gt;_broadcast_&lt;JackpotGroupId&gt;</c> or
/// <c>&lt;WorkspaceId&gt;_user_&lt;PlayerId&gt;</c>.
/// </summary>
/// <remarks>
/// <para>
/// Player channel names contain the player's secret id: <see cref="ToString"/> redacts it, <see cref="RawValue"/>
/// gives the real name. Parsing splits at the first <c>_broadcast_</c> or <c>_user_</c>, whichever comes first,
/// so group and player ids may themselves contain <c>_</c>, <c>_user_</c> or <c>_broadcast_</c>; a workspace id
/// therefore cannot, and <see cref="Broadcast"/> and <see cref="Player"/> reject the ones that would make the
/// name read back as a different channel.
/// </para>
/// <para>
/// Two channel names are equal when their <see cref="RawValue"/>s are equal (ordinal). The value is one reference
/// wide, so events that carry it stay small.
/// </para>
/// </remarks>
public readonly record struct ChannelName
{
    internal const string BroadcastMarker = "_broadcast_";
    internal const string PlayerMarker = "_user_";

    private readonly Components? _components;

    private ChannelName(Components components) => _components = components;

    /// <summary>Gets the kind of channel (<see cref="ChannelKind.Broadcast"/> for <see langword="default"/>).</summary>
    public ChannelKind Kind => _components?.Kind ?? default;

    /// <summary>Gets the workspace the channel belongs to.</summary>
    public WorkspaceId Workspace => _components?.Workspace ?? default;

    /// <summary>Gets the jackpot group of a broadcast channel (<see langword="default"/> for a player channel).</summary>
    public JackpotGroupId Group => _components?.Group ?? default;

    /// <summary>Gets the player of a player channel (<see langword="default"/> for a broadcast channel).</summary>
    public PlayerId PlayerId => _components?.Player ?? default;

    /// <summary>Gets the full channel name as sent to the service. For a player channel it contains the secret player id.</summary>
    public string RawValue => _components?.RawValue ?? string.Empty;

    /// <summary>Creates the broadcast channel of a jackpot group.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="group">The jackpot group.</param>
    /// <returns>The channel <c>&lt;workspace&gt;_broadcast_&lt;group&gt;</c>.</returns>
    /// <exception cref="ArgumentException">An id is <see langword="default"/>, or the workspace id contains
    /// <c>_broadcast_</c> or <c>_user_</c> (or ends so that the name would), so the name would read back as another channel.</exception>
    public static ChannelName Broadcast(WorkspaceId workspace, JackpotGroupId group)
    {
        RequireSet(workspace.Value, nameof(workspace));
        RequireSet(group.Value, nameof(group));
        return FromParts(ChannelKind.Broadcast, workspace, group, default, workspace.Value + BroadcastMarker + group.Value);
    }

    /// <summary>Creates the private channel of a player.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="player">The player.</param>
    /// <returns>The channel <c>&lt;workspace&gt;_user_&lt;player&gt;</c>.</returns>
    /// <exception cref="ArgumentException">An id is <see langword="default"/>, or the workspace id contains
    /// <c>_broadcast_</c> or <c>_user_</c> (or ends so that the name would), so the name would read back as another channel.</exception>
    public static ChannelName Player(WorkspaceId workspace, PlayerId player)
    {
        RequireSet(workspace.Value, nameof(workspace));
        RequireSet(player.RawValue, nameof(player));
        return FromParts(ChannelKind.Player, workspace, default, player, workspace.Value + PlayerMarker + player.RawValue);
    }

    /// <summary>Parses a channel name as the service sends it in the <c>channel</c> field.</summary>
    /// <param name="value">The channel name.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException">The name has no <c>_broadcast_</c> or <c>_user_</c> part, or an empty or
    /// whitespace id. The message does not repeat the name, which may contain a player id.</exception>
    public static ChannelName Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var channel)
            ? channel
            : throw new FormatException(
                "A channel name must be '<WorkspaceId>_broadcast_<JackpotGroupId>' or '<WorkspaceId>_user_<PlayerId>' with non-empty ids.");
    }

    /// <summary>Tries to parse a channel name.</summary>
    /// <param name="value">The channel name.</param>
    /// <param name="channel">The channel, when the name is valid; otherwise <see langword="default"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid channel name.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out ChannelName channel)
    {
        channel = default;
        if (value is null || !TrySplit(value, out var kind, out int workspaceLength, out int idStart))
        {
            return false;
        }

        var workspace = new WorkspaceId(value[..workspaceLength]);
        string id = value[idStart..];
        channel = kind == ChannelKind.Broadcast
            ? new ChannelName(new Components(kind, workspace, new JackpotGroupId(id), default, value))
            : new ChannelName(new Components(kind, workspace, default, new PlayerId(id), value));
        return true;
    }

    /// <summary>Replaces the player id of a player channel wherever it occurs in <paramref name="text"/> with its
    /// redacted form; returns other text unchanged.</summary>
    internal string RedactPlayerIn(string text) =>
        Kind == ChannelKind.Player && PlayerId.RawValue.Length > 0
            ? text.Replace(PlayerId.RawValue, PlayerId.ToString(), StringComparison.Ordinal)
            : text;

    /// <summary>Returns the name with a player id redacted, safe to log.</summary>
    /// <returns>The name for logs; empty for <see langword="default"/>.</returns>
    public override string ToString() => Kind == ChannelKind.Player
        ? Workspace.Value + PlayerMarker + PlayerId.ToString()
        : RawValue;

    /// <summary>Compares the raw channel names (ordinal).</summary>
    /// <param name="other">The other channel.</param>
    /// <returns><see langword="true"/> when both name the same channel.</returns>
    public bool Equals(ChannelName other) => string.Equals(RawValue, other.RawValue, StringComparison.Ordinal);

    /// <summary>Hashes the raw channel name (ordinal).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(RawValue);

    private static bool TrySplit(string value, out ChannelKind kind, out int workspaceLength, out int idStart)
    {
        int broadcast = value.IndexOf(BroadcastMarker, StringComparison.Ordinal);
        int player = value.IndexOf(PlayerMarker, StringComparison.Ordinal);
        bool isBroadcast = broadcast >= 0 && (player < 0 || broadcast < player);
        kind = isBroadcast ? ChannelKind.Broadcast : ChannelKind.Player;
        workspaceLength = isBroadcast ? broadcast : player;
        idStart = workspaceLength + (isBroadcast ? BroadcastMarker.Length : PlayerMarker.Length);
        return workspaceLength >= 0
            && !value.AsSpan(0, workspaceLength).IsWhiteSpace()
            && !value.AsSpan(idStart).IsWhiteSpace();
    }

    private static ChannelName FromParts(ChannelKind kind, WorkspaceId workspace, JackpotGroupId group, PlayerId player, string rawValue)
    {
        // The service splits the name the way TryParse does; a name that splits elsewhere would address another channel.
        if (!TrySplit(rawValue, out var parsedKind, out int workspaceLength, out _)
            || parsedKind != kind
            || workspaceLength != workspace.Value.Length)
        {
            throw new ArgumentException(
                "The workspace id must not contain '_broadcast_' or '_user_' (nor end so that the channel name would): " +
                "the name would read back as a different channel.",
                nameof(workspace));
        }

        return new ChannelName(new Components(kind, workspace, group, player, rawValue));
    }

    private static void RequireSet(string value, string paramName)
    {
        if (value.Length == 0)
        {
            throw new ArgumentException("The id is not set (default value).", paramName);
        }
    }

    private sealed class Components(ChannelKind kind, WorkspaceId workspace, JackpotGroupId group, PlayerId player, string rawValue)
    {
        public ChannelKind Kind { get; } = kind;

        public WorkspaceId Workspace { get; } = workspace;

        public JackpotGroupId Group { get; } = group;

        public PlayerId Player { get; } = player;

        public string RawValue { get; } = rawValue;
    }
}
