namespace Jackpot.Reactive;

/// <summary>The two kinds of push channel.</summary>
public enum ChannelKind
{
    /// <summary><c>&lt;WorkspaceId&gt;_broadcast_&lt;JackpotGroupId&gt;</c>: value updates and other players' wins.</summary>
    Broadcast,

    /// <summary><c>&lt;WorkspaceId&gt;_user_&lt;PlayerId&gt;</c>: this player's wins.</summary>
    Player,
}
