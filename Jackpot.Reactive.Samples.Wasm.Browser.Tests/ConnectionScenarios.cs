using System.Diagnostics;
using Microsoft.Playwright;

namespace Jackpot.Reactive.Samples.Wasm.Browser.Tests;

/// <summary>
/// What the board in the browser does with its connections, the same whichever way it reaches the service: shown by
/// each fixture's tests. Waits on the page and on the simulator with generous timeouts, never sleeps.
/// </summary>
internal static class ConnectionScenarios
{
    /// <summary>
    /// Console errors a browser reports for a request that failed while the service was down (connection refused, a 502
    /// from the host's forwarder): expected while the simulator restarts, and only then. A CORS refusal is not one of them.
    /// </summary>
    private const string FailedRequest = "Failed to load resource";

    /// <summary>The console error a browser reports for a request whose CORS preflight was refused.</summary>
    private const string CorsRefusal = "blocked by CORS policy";

    /// <summary>The board opens both channels and shows three meters that move, with no console error.</summary>
    public static async Task ShowsLiveValuesAsync(IBoardApp app)
    {
        await using var board = await app.OpenBoardAsync();

        await Assertions.Expect(board.Page.Locator("[data-amount]")).ToHaveCountAsync(3);
        await Assertions.Expect(board.Page.Locator("[data-channel=broadcast]")).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(board.Page.Locator("[data-channel=player]")).ToHaveAttributeAsync("data-state", "open");
        await WaitForMetersToMoveAsync(board, from: 0);

        board.Errors.Should().BeEmpty();
    }

    /// <summary>The simulator stops listening (its streams end, connections are refused) and listens again on the same
    /// port: the board shows it reconnecting, then both channels open and the meters move again.</summary>
    public static async Task RecoversAfterTheServiceRestartsAsync(WasmBoardFixture app)
    {
        await using var board = await app.OpenBoardAsync();
        var broadcast = board.Page.Locator("[data-channel=broadcast]");
        var player = board.Page.Locator("[data-channel=player]");
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(player).ToHaveAttributeAsync("data-state", "open");

        await app.Simulator.StopListenerAsync(TestContext.Current.CancellationToken);
        try
        {
            await board.WaitForSnapshotsAsync("s.some(x => x.states.includes('broadcast:reconnecting'))");
        }
        finally
        {
            await app.Simulator.StartListenerAsync(TestContext.Current.CancellationToken);
        }

        int restarted = await board.EvaluateSnapshotsAsync<int>("s.length");
        await board.WaitForSnapshotsAsync(
            $"s.slice({restarted}).some(x => x.states.includes('broadcast:open') && x.states.includes('player:open'))");
        int recovered = await board.EvaluateSnapshotsAsync<int>("s.length");
        await WaitForMetersToMoveAsync(board, recovered);

        var unexpected = board.Errors.Where(error => !error.Contains(FailedRequest, StringComparison.Ordinal)).ToList();
        if (app.RefusesPreflights)
        {
            // A reconnect offers Last-Event-ID, whose preflight the service refuses: the browser logs that refusal (a
            // script cannot keep it out of the console), and the client goes on without the header.
            unexpected = [.. unexpected.Where(error => !error.Contains(CorsRefusal, StringComparison.Ordinal))];
        }

        unexpected.Should().BeEmpty();
    }

    /// <summary>Leaving the board disposes its component: the client closes both requests when their linger ends, not
    /// before; coming back opens them again.</summary>
    public static async Task LeavingClosesTheRequestsAfterTheLingerAsync(WasmBoardFixture app)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(BoardPage.Timeout);
        await using var board = await app.OpenBoardAsync();
        await Assertions.Expect(board.Page.Locator("[data-channel=player]")).ToHaveAttributeAsync("data-state", "open");
        await app.Simulator.WaitForOpenConnectionsAsync(2, timeout.Token);

        var left = Stopwatch.StartNew();
        await board.Page.Locator("[data-toggle-board]").ClickAsync();
        await Assertions.Expect(board.Page.Locator("[data-left]")).ToBeVisibleAsync();
        await app.Simulator.WaitForOpenConnectionsAsync(0, timeout.Token);
        var closedAfter = left.Elapsed;

        await board.Page.Locator("[data-toggle-board]").ClickAsync();
        await board.Page.Locator(BoardPage.InteractiveSelector).WaitForAsync();
        await app.Simulator.WaitForOpenConnectionsAsync(2, timeout.Token);
        await Assertions.Expect(board.Page.Locator("[data-channel=broadcast]")).ToHaveAttributeAsync("data-state", "open");

        closedAfter.Should().BeGreaterThanOrEqualTo(
            JackpotPushClientOptions.DefaultLinger - TimeSpan.FromMilliseconds(250),
            "the channels stay open for their linger after the board leaves (timers may fire a little early)");
        board.Errors.Should().BeEmpty();
    }

    /// <summary>Waits until some meter shows a new server value (a new target) among the snapshots from <paramref name="from"/>.</summary>
    private static Task WaitForMetersToMoveAsync(BoardPage board, int from) =>
        board.WaitForSnapshotsAsync($$"""
            (() => {
              const targets = {};
              for (const snapshot of s.slice({{from}}))
                for (const [jackpot, target] of snapshot.meters)
                  (targets[jackpot] ??= new Set()).add(target);
              return Object.values(targets).some(t => t.size >= 2);
            })()
            """);
}
