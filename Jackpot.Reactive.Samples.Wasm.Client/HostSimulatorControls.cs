using Jackpot.Reactive.Blazor;

namespace Jackpot.Reactive.Samples.Wasm.Client;

/// <summary>The embedded simulator's controls, which the host offers at <c>simulator/win</c> and <c>simulator/drop</c>.</summary>
/// <param name="host">A client whose base address is the host's.</param>
internal sealed class HostSimulatorControls(HttpClient host) : IJackpotBoardControls
{
    public Task MakePlayerWinAsync() => PostAsync("simulator/win");

    public Task DropConnectionsAsync() => PostAsync("simulator/drop");

    private async Task PostAsync(string path)
    {
        using var response = await host.PostAsync(new Uri(path, UriKind.Relative), content: null);
        response.EnsureSuccessStatusCode();
    }
}
