namespace Jackpot.Reactive;

/// <summary>One jackpot on a <see cref="JackpotBoard"/>: what a UI shows for it.</summary>
/// <param name="Jackpot">The jackpot.</param>
/// <param name="Instance">
/// The current instance: the instance of the latest value update, or after a win the instance the win started
/// (<see cref="JackpotWon.NewInstance"/> or <see cref="JackpotWonByOther.NewInstance"/>).
/// </param>
/// <param name="Currency">The currency code of the latest value update or win.</param>
/// <param name="Amount">
/// The last known value: that of the latest value update. A win does not change it (the won amount is in
/// <paramref name="LastWin"/>); until the first value update of the new instance arrives, <paramref name="LastUpdate"/>
/// is the win and the amount is still the previous instance's. When a jackpot is first seen through a win, the amount is
/// the won amount.
/// </param>
/// <param name="LastUpdate">The latest event that changed this entry: a <see cref="JackpotValueUpdated"/> or a win.</param>
/// <param name="LastWin">The latest win: a <see cref="JackpotWon"/> or a <see cref="JackpotWonByOther"/>, or null before any.</param>
/// <param name="LastWinWasPlayer">Whether <paramref name="LastWin"/> was this player's own win (<see cref="JackpotWon"/>).</param>
public sealed record JackpotBoardEntry(
    JackpotId Jackpot,
    JackpotInstanceId Instance,
    string Currency,
    decimal Amount,
    JackpotEvent LastUpdate,
    JackpotEvent? LastWin,
    bool LastWinWasPlayer);
