namespace Jackpot.Reactive.Blazor;

/// <summary>
/// The jackpot streams a <see cref="JackpotBoardView"/> binds to: hot, shared, connected once per channel. Register one
/// per application (a singleton) so that every board, tab and prerender shares its connections.
/// </summary>
/// <remarks>
/// <see cref="JackpotBoardFeed"/> is the implementation over a <see cref="JackpotPushClient"/>; tests implement it with
/// subjects. The board resolves it from dependency injection rather than taking it as a parameter, so that it works in
/// every render mode: a parameter crossing into an interactive WebAssembly component must be serializable, a feed is not.
/// </remarks>
public interface IJackpotBoardFeed
{
    /// <summary>Gets the player whose wins are celebrated, or null when only the broadcast channel is followed.</summary>
    PlayerId? Player { get; }

    /// <summary>Gets the events: the broadcast channel merged with the player's wins, value updates throttled.</summary>
    IObservable<JackpotEvent> Events { get; }

    /// <summary>Gets the broadcast channel's connection status (the current status first).</summary>
    IObservable<ChannelStatus> BroadcastStatus { get; }

    /// <summary>Gets the player channel's connection status, or null without a player.</summary>
    IObservable<ChannelStatus>? PlayerStatus { get; }

    /// <summary>Gets the controls of a simulated service the board shows buttons for, or null (the real service).</summary>
    IJackpotBoardControls? Controls { get; }
}
