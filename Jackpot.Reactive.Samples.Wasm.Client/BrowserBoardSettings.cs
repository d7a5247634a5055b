namespace Jackpot.Reactive.Samples.Wasm.Client;

/// <summary>How the browser builds its <see cref="JackpotPushClient"/>: both ways use the library's defaults.</summary>
internal enum ClientConstruction
{
    /// <summary><c>services.AddJackpotPushClient(configuration)</c>: the <c>JackpotPush</c> section, validated.</summary>
    Services,

    /// <summary><c>new JackpotPushClient(options)</c> with the <c>JackpotPush</c> section's endpoint and workspace.</summary>
    Constructor,
}

/// <summary>
/// What the board in the browser shows, read from the <c>Board</c> section of the configuration (the appsettings.json the
/// host serves): <c>Group</c>, <c>Player</c>, <c>Controls</c> (whether the host offers the simulator's buttons) and
/// <c>Client</c> (<c>services</c> or <c>constructor</c>). The client's own settings are the <c>JackpotPush</c> section.
/// </summary>
/// <param name="Group">The jackpot group whose broadcast channel is shown.</param>
/// <param name="Player">The player whose wins are celebrated, or null.</param>
/// <param name="Controls">Whether the host offers the simulator's controls at <c>simulator/win</c> and <c>simulator/drop</c>.</param>
/// <param name="Client">How the client is built.</param>
internal sealed record BrowserBoardSettings(JackpotGroupId Group, PlayerId? Player, bool Controls, ClientConstruction Client)
{
    /// <summary>The section of the board's settings.</summary>
    public const string SectionName = "Board";

    /// <summary>Reads and checks the settings.</summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid; the message names it.</exception>
    public static BrowserBoardSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        string group = section["Group"] is { Length: > 0 } g ? g : throw new InvalidOperationException("Board:Group is required.");
        var client = section["Client"] switch
        {
            null or "" or "services" => ClientConstruction.Services,
            "constructor" => ClientConstruction.Constructor,
            var other => throw new InvalidOperationException($"Board:Client must be services or constructor, not '{other}'."),
        };
        try
        {
            return new BrowserBoardSettings(
                new JackpotGroupId(group),
                section["Player"] is { Length: > 0 } player ? new PlayerId(player) : null,
                string.Equals(section["Controls"], "true", StringComparison.OrdinalIgnoreCase),
                client);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }
}
