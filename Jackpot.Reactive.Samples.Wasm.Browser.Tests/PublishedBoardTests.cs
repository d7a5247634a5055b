namespace Jackpot.Reactive.Samples.Wasm.Browser.Tests;

/// <summary>The classes that use the published board: one publish, one process, shared (two publishes into one folder
/// at once would break each other).</summary>
[CollectionDefinition(Name)]
public sealed class PublishedBoardGroup : ICollectionFixture<PublishedBoard>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Published board";
}

/// <summary>The published board — the browser app trimmed and compressed, the host run as its own process — in Chromium.</summary>
[Collection(PublishedBoardGroup.Name)]
public sealed class PublishedBoardTests(PublishedBoard app)
{
    [Fact]
    public async Task PublishedBoard_Opened_ShowsLiveValuesFromTheTrimmedApp()
    {
        await ConnectionScenarios.ShowsLiveValuesAsync(app);

        Directory.EnumerateFiles(Path.Combine(app.PublishFolder, "wwwroot", "_framework"), "*.wasm.br")
            .Should().NotBeEmpty("the published app is compressed with brotli for the browser");
    }
}
