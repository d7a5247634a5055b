namespace Jackpot.Reactive;

/// <summary>The <c>reason</c> values the service sends today.</summary>
public static class JackpotReasons
{
    /// <summary><c>jackpot_value</c>: a periodic value update on a broadcast channel.</summary>
    public const string Value = "jackpot_value";

    /// <summary><c>jackpot_won_other</c>: somebody won; sent on the broadcast channel.</summary>
    public const string WonByOther = "jackpot_won_other";

    /// <summary><c>jackpot_won</c>: this player won; sent on the player channel.</summary>
    public const string Won = "jackpot_won";
}
