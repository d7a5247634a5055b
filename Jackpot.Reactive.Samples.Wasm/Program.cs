using Jackpot.Reactive.Samples.Wasm;

// dotnet run --project Jackpot.Reactive.Samples.Wasm [-- --endpoint <url> --workspace <ws> --group <g> --player <p>]
WasmBoardHost board;
try
{
    board = await WasmBoardHost.StartAsync(args);
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
    Console.WriteLine($"Jackpot board (WebAssembly): {board.Address} (the browser watches {source}; Ctrl+C stops)");
    await board.WaitForShutdownAsync();
}

return 0;
