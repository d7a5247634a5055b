namespace Jackpot.Reactive.Samples.Wasm.Browser.Tests;

/// <summary>The published board — the browser app trimmed and compressed, the host run as its own process — in Chromium.</summary>
public sealed class PublishedBoardTests(PublishedBoard app) : IClassFixture<PublishedBoard>
{
    [Fact]
    public async Task PublishedBoard_Opened_ShowsLiveValuesFromTheTrimmedApp()
    {
        await ConnectionScenarios.ShowsLiveValuesAsync(app);

        Directory.EnumerateFiles(Path.Combine(app.PublishFolder, "wwwroot", "_framework"), "*.wasm.br")
            .Should().NotBeEmpty("the published app is compressed with brotli for the browser");
    }
}
