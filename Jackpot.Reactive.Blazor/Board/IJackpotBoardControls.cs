namespace Jackpot.Reactive.Blazor;

/// <summary>
/// What a board's control area can make a simulated push service do (for demonstrations and end-to-end tests); a board
/// against the real service has none.
/// </summary>
public interface IJackpotBoardControls
{
    /// <summary>Makes the board's player win a jackpot now.</summary>
    /// <returns>A task that completes when the service has been asked (the win arrives on the player's channel).</returns>
    Task MakePlayerWinAsync();

    /// <summary>Drops every open connection to the service now; the client reconnects on its own.</summary>
    /// <returns>A task that completes when the service has been asked.</returns>
    Task DropConnectionsAsync();
}
