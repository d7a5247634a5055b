using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Jackpot.Reactive.Samples.Web.Browser.Tests;

/// <summary>
/// The web board on 127.0.0.1 (a free port) with its embedded simulator, and Chromium driven by Playwright; shared by
/// the tests of one class, each of which opens its own page (its own circuit).
/// </summary>
public sealed class BoardAppFixture : IBoardApp, IAsyncLifetime
{
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "jackpot-web-tests-" + Guid.NewGuid().ToString("N"));
    private WebBoardHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Gets the running board, or null when the tests are skipped.</summary>
    internal WebBoardHost? Host => _host;

    /// <summary>Gets the browser, or null when Chromium is missing (the tests then skip, or fail under CI=true).</summary>
    public IBrowser? Browser => _browser;

    public async ValueTask InitializeAsync()
    {
        if (Chromium.ExecutablePath is null)
            return;

        _host = await WebBoardHost.StartAsync(["--urls", "http://127.0.0.1:0"], builder =>
        {
            // Not under the home folder: a clean, throw-away key ring per run.
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(_keys));
            builder.Logging.ClearProviders();
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
        if (Directory.Exists(_keys))
            Directory.Delete(_keys, recursive: true);
    }

    /// <inheritdoc/>
    public async Task<BoardPage> OpenBoardAsync(string locale = "en-US")
    {
        Chromium.RequireOrSkip();
        return await BoardPage.OpenAsync(_browser!, _host!.Address, locale);
    }
}
