namespace Jackpot.Reactive.Samples;

/// <summary>
/// What shows the board. Every method is called on the board's single event loop (see <see cref="BoardSession"/>), so an
/// implementation keeps its state without locks.
/// </summary>
internal interface IBoardView
{
    /// <summary>Gets the time between two frames of an animated view, or null for a view that only prints changes.</summary>
    TimeSpan? FrameInterval { get; }

    /// <summary>Called once before any event, with a description of where the data comes from.</summary>
    void OnStarted(string source, DateTimeOffset now);

    /// <summary>Called with each new snapshot of the board.</summary>
    void OnBoard(JackpotBoard board, DateTimeOffset now);

    /// <summary>Called with each meter reading of the <c>Tween</c>ed amounts (animated views only).</summary>
    void OnMeter(JackpotMeterReading reading);

    /// <summary>Called with each win: <see cref="JackpotWon"/> (the player's own) or <see cref="JackpotWonByOther"/>.</summary>
    void OnWin(JackpotEvent win, DateTimeOffset now);

    /// <summary>Called when a channel's connection status changes.</summary>
    void OnStatus(string channelLabel, ChannelStatus status, DateTimeOffset now);

    /// <summary>Called at every frame of an animated view.</summary>
    void OnFrame(DateTimeOffset now);

    /// <summary>Called last; nothing is shown after it.</summary>
    void OnStopped(DateTimeOffset now);
}
