namespace Jackpot.Reactive.Samples.Web.Board;

/// <summary>The application-wide jackpot streams every board page binds to: hot, shared, connected once per channel.</summary>
internal interface IJackpotFeed
{
    /// <summary>Gets the player whose wins are celebrated, or null when only the broadcast channel is followed.</summary>
    PlayerId? Player { get; }

    /// <summary>Gets the events: the broadcast channel merged with the player's wins, value updates throttled.</summary>
    IObservable<JackpotEvent> Events { get; }

    /// <summary>Gets the broadcast channel's connection status (the current status first).</summary>
    IObservable<ChannelStatus> BroadcastStatus { get; }

    /// <summary>Gets the player channel's connection status, or null without a player.</summary>
    IObservable<ChannelStatus>? PlayerStatus { get; }

    /// <summary>Gets the simulator's controls, or null against the real service.</summary>
    ISimulatorControls? Controls { get; }
}

/// <summary>What the board's control area can make the embedded simulator do.</summary>
internal interface ISimulatorControls
{
    /// <summary>Makes the board's player win a random jackpot now.</summary>
    void MakePlayerWin();

    /// <summary>Drops every open connection to the simulator now; the client reconnects on its own.</summary>
    void DropConnections();
}
