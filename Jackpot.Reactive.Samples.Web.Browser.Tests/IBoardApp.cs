namespace Jackpot.Reactive.Samples.Web.Browser.Tests;

/// <summary>A running jackpot board that the browser tests open (with the embedded simulator's controls).</summary>
public interface IBoardApp
{
    /// <summary>Opens the board in a new browser context and waits until it is interactive; skips the test (fails it
    /// under CI=true) when Chromium is missing.</summary>
    /// <param name="locale">The browser's language, e.g. <c>de-DE</c>.</param>
    /// <returns>The tab.</returns>
    Task<BoardPage> OpenBoardAsync(string locale = "en-US");
}
