using Jackpot.Reactive.Samples.Web;

// dotnet run --project Jackpot.Reactive.Samples.Web [-- --endpoint <url> --workspace <ws> --group <g> --player <p>]
WebBoardHost board;
try
{
    board = await WebBoardHost.StartAsync(args);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 1;
}

await using (board)
{
    string source = board.Simulator is { } simulator
        ? $"the embedded simulator at {simulator.BaseAddress}"
        : board.Settings.Endpoint!.ToString();
    Console.WriteLine($"Jackpot board: {board.Address} (watching {source}; Ctrl+C stops)");
    await board.WaitForShutdownAsync();
}

return 0;

/// <summary>The web board's entry point (named for the component router and for tests that host the app).</summary>
public partial class Program;
