using System.Diagnostics.CodeAnalysis;

namespace Jackpot.Reactive;

/// <summary>
/// The name of a push channel: <c>&lt;WorkspaceId&gt;_broadcast_&lt;JackpotGroupId&gt;</c> or
/// <c>&lt;WorkspaceId&gt;_user_&lt;PlayerId&gt;</c>.
/// </summary>
/// <remarks>
/// Player channel names contain the player's secret id: <see cref="ToString"/> redacts it, <see cref="RawValue"/>
/// gives the real name. Parsing splits at the first <c>_broadcast_</c> or <c>_user_</c>, whichever comes first,
/// so group and player ids may themselves contain <c>_</c>, <c>_user_</c> or <c>_broadcast_</c>.
/// </remarks>
public readonly record struct ChannelName
{
    internal const string BroadcastMarker = "_broadcast_";
    internal const string PlayerMarker = "_user_";

    private readonly string? _rawValue;

    private ChannelName(ChannelKind kind, WorkspaceId workspace, JackpotGroupId group, PlayerId player, string rawValue)
    {
        Kind = kind;
        Workspace = workspace;
        Group = group;
        Player = player;
        _rawValue = rawValue;
    }

    /// <summary>Gets the kind of channel.</summary>
    public ChannelKind Kind { get; }

    /// <summary>Gets the workspace the channel belongs to.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>Gets the jackpot group of a broadcast channel (<see langword="default"/> for a player channel).</summary>
    public JackpotGroupId Group { get; }

    /// <summary>Gets the player of a player channel (<see langword="default"/> for a broadcast channel).</summary>
    public PlayerId Player { get; }

    /// <summary>Gets the full channel name as sent to the service. For a player channel it contains the secret player id.</summary>
    public string RawValue => _rawValue ?? string.Empty;

    /// <summary>Creates the broadcast channel of a jackpot group.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="group">The jackpot group.</param>
    /// <returns>The channel <c>&lt;workspace&gt;_broadcast_&lt;group&gt;</c>.</returns>
    /// <exception cref="ArgumentException">An id is <see langword="default"/>.</exception>
    public static ChannelName Broadcast(WorkspaceId workspace, JackpotGroupId group)
    {
        RequireSet(workspace.Value, nameof(workspace));
        RequireSet(group.Value, nameof(group));
        return new ChannelName(ChannelKind.Broadcast, workspace, group, default, workspace.Value + BroadcastMarker + group.Value);
    }

    /// <summary>Creates the private channel of a player.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="player">The player.</param>
    /// <returns>The channel <c>&lt;workspace&gt;_user_&lt;player&gt;</c>.</returns>
    /// <exception cref="ArgumentException">An id is <see langword="default"/>.</exception>
    public static ChannelName ForPlayer(WorkspaceId workspace, PlayerId player)
    {
        RequireSet(workspace.Value, nameof(workspace));
        RequireSet(player.RawValue, nameof(player));
        return new ChannelName(ChannelKind.Player, workspace, default, player, workspace.Value + PlayerMarker + player.RawValue);
    }

    /// <summary>Parses a channel name as the service sends it in the <c>channel</c> field.</summary>
    /// <param name="value">The channel name.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException">The name has no <c>_broadcast_</c> or <c>_user_</c> part, or an empty id.</exception>
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
    /// <param name="channel">The channel, when the name is valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid channel name.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out ChannelName channel)
    {
        channel = default;
        if (value is null)
        {
            return false;
        }

        int broadcast = value.IndexOf(BroadcastMarker, StringComparison.Ordinal);
        int player = value.IndexOf(PlayerMarker, StringComparison.Ordinal);
        bool isBroadcast = broadcast >= 0 && (player < 0 || broadcast < player);
        int at = isBroadcast ? broadcast : player;
        if (at < 0)
        {
            return false;
        }

        string workspace = value[..at];
        string rest = value[(at + (isBroadcast ? BroadcastMarker.Length : PlayerMarker.Length))..];
        if (string.IsNullOrWhiteSpace(workspace) || string.IsNullOrWhiteSpace(rest))
        {
            return false;
        }

        channel = isBroadcast
            ? new ChannelName(ChannelKind.Broadcast, new WorkspaceId(workspace), new JackpotGroupId(rest), default, value)
            : new ChannelName(ChannelKind.Player, new WorkspaceId(workspace), default, new PlayerId(rest), value);
        return true;
    }

    /// <summary>Returns the name with a player id redacted, safe to log.</summary>
    /// <returns>The name for logs.</returns>
    public override string ToString() => Kind == ChannelKind.Player
        ? Workspace.Value + PlayerMarker + Player.ToString()
        : RawValue;

    private static void RequireSet(string value, string paramName)
    {
        if (value.Length == 0)
        {
            throw new ArgumentException("The id is not set (default value).", paramName);
        }
    }
}
