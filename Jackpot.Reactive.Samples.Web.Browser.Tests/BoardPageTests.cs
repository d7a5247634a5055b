using Microsoft.Playwright;

namespace Jackpot.Reactive.Samples.Web.Browser.Tests;

/// <summary>The web board (interactive server rendering) in Chromium: the board's scenarios, and its screenshot.</summary>
public sealed class BoardPageTests(BoardAppFixture app) : BoardScenarios(app), IClassFixture<BoardAppFixture>
{
    /// <summary>Set to a folder to save the board's screenshot there too (the README's docs/images).</summary>
    private const string ScreenshotFolderVariable = "JACKPOT_SCREENSHOT_DIR";

    protected override async Task OnOpenedAsync(IPage page)
    {
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "board.png"), png, TestContext.Current.CancellationToken);
        if (Environment.GetEnvironmentVariable(ScreenshotFolderVariable) is { Length: > 0 } folder)
            await File.WriteAllBytesAsync(Path.Combine(folder, "board.png"), png, TestContext.Current.CancellationToken);
    }
}
