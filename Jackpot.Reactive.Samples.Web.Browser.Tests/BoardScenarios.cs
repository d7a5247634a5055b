using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jackpot.Reactive.Samples.Web.Browser.Tests;

/// <summary>
/// What a player sees of a jackpot board in Chromium, against the embedded simulator, whatever renders it (the web
/// board's circuit, or the WebAssembly board in the browser). Every test waits for the interactive board before it reads
/// values, waits on the page with generous timeouts (never sleeps), and ends with no console errors.
/// </summary>
/// <param name="app">The running board.</param>
public abstract partial class BoardScenarios(IBoardApp app)
{
    [Fact]
    public async Task Board_Opened_ShowsThreeJackpotsWithAmountsInTheBrowsersCulture()
    {
        await using var board = await app.OpenBoardAsync(locale: "de-DE");
        var amounts = board.Page.Locator("[data-amount]");

        await Assertions.Expect(amounts).ToHaveCountAsync(3);
        foreach (var amount in await amounts.AllAsync())
            await Assertions.Expect(amount).ToHaveTextAsync(GermanAmount());
        await Assertions.Expect(board.Page.Locator("[data-instance]").First).ToHaveTextAsync(new Regex(@"^round \S+_\d+$"));
        await Assertions.Expect(board.Page.Locator("[data-channel=broadcast]")).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(board.Page.Locator("[data-channel=player]")).ToHaveAttributeAsync("data-state", "open");

        await OnOpenedAsync(board.Page);
        board.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Meter_BetweenTwoServerUpdates_ShowsSeveralIntermediateAmounts()
    {
        await using var board = await app.OpenBoardAsync();

        // One server value (one target) shown as at least four different amounts: three on the way and the target itself.
        await board.WaitForSnapshotsAsync("""
            (() => {
              const seen = {};
              for (const snapshot of s)
                for (const [jackpot, target, text] of snapshot.meters)
                  (seen[jackpot + '|' + target] ??= new Set()).add(text);
              return Object.values(seen).some(texts => texts.size >= 4);
            })()
            """);

        board.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task PlayerWin_DuringSpin_AppearsOnlyAfterTheSpinEnds()
    {
        await using var board = await app.OpenBoardAsync();
        await Assertions.Expect(board.Page.Locator("[data-channel=player]")).ToHaveAttributeAsync("data-state", "open");
        var round = board.Page.Locator("[data-round]");

        await board.Page.Locator("[data-spin]").ClickAsync();
        await Assertions.Expect(round).ToHaveAttributeAsync("data-round", "running");
        await board.Page.Locator("[data-win]").ClickAsync();
        string roundAfterWin = await round.GetAttributeAsync("data-round") ?? "";
        await Assertions.Expect(board.Page.Locator("[data-celebration]")).ToBeVisibleAsync();

        roundAfterWin.Should().Be("running", "the win must be made while the round runs for this test to mean anything");
        (await board.EvaluateSnapshotsAsync<int>("s.filter(x => x.celebration && x.round === 'running').length"))
            .Should().Be(0, "the celebration must never show while the spin runs");
        (await board.EvaluateSnapshotsAsync<bool>("s.findIndex(x => x.celebration) > s.findIndex(x => x.round === 'running')"))
            .Should().BeTrue();
        board.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task PlayerWin_OutsideRound_AppearsAtOnce()
    {
        await using var board = await app.OpenBoardAsync();
        await Assertions.Expect(board.Page.Locator("[data-channel=player]")).ToHaveAttributeAsync("data-state", "open");

        await board.Page.Locator("[data-win]").ClickAsync();
        await Assertions.Expect(board.Page.Locator("[data-celebration]")).ToBeVisibleAsync();

        (await board.EvaluateSnapshotsAsync<int>("s.filter(x => x.round === 'running').length")).Should().Be(0);
        board.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task DroppedConnection_ShowsReconnectingAndRecoversWithMetersStillMoving()
    {
        await using var board = await app.OpenBoardAsync();
        var broadcast = board.Page.Locator("[data-channel=broadcast]");
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-state", "open");

        await board.Page.Locator("[data-drop]").ClickAsync();
        await board.WaitForSnapshotsAsync("s.some(x => x.states.includes('broadcast:reconnecting'))");
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-state", "open");
        int recovered = await board.EvaluateSnapshotsAsync<int>("s.length");
        await board.WaitForSnapshotsAsync($"s.length > {recovered} && s.slice({recovered}).some(x => JSON.stringify(x.meters) !== JSON.stringify(s[{recovered} - 1].meters))");

        (await board.EvaluateSnapshotsAsync<bool>("s.some(x => x.states.some(state => state.startsWith('broadcast:reconnecting')))"))
            .Should().BeTrue();
        (await board.Page.Locator("[data-channel=broadcast]").TextContentAsync()).Should().Contain("open");
        board.Errors.Should().BeEmpty();
    }

    /// <summary>Runs once the board has shown its values, in <see cref="Board_Opened_ShowsThreeJackpotsWithAmountsInTheBrowsersCulture"/>.</summary>
    /// <param name="page">The page.</param>
    /// <returns>A task that completes when done.</returns>
    protected virtual Task OnOpenedAsync(IPage page) => Task.CompletedTask;

    /// <summary>Chromium's de-DE formatting: 1.234,56 EUR (the thousands group only from four digits on).</summary>
    [GeneratedRegex(@"^\d{1,3}(\.\d{3})*,\d{2}\s+EUR$")]
    private static partial Regex GermanAmount();
}
