using Microsoft.Playwright;

namespace Jackpot.Reactive.Samples.Web.Browser.Tests;

/// <summary>Finds the system's Chromium (Debian's <c>chromium</c> package); Playwright's own browser download is not used.</summary>
internal static class Chromium
{
    /// <summary>The variable that points at another Chromium binary.</summary>
    public const string PathVariable = "CHROMIUM_PATH";

    /// <summary>
    /// The real binary first: <c>/usr/bin/chromium</c> is a launcher script that Playwright can run, but it prints a
    /// warning about flags it does not know.
    /// </summary>
    private static readonly string[] Candidates = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"];

    /// <summary>Gets the path of the Chromium binary, or null when there is none.</summary>
    public static string? ExecutablePath { get; } = Find();

    /// <summary>Gets a value indicating whether the tests run in CI (<c>CI=true</c>), where a missing browser fails them.</summary>
    public static bool RequiredByCi { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The message for a missing browser.</summary>
    public const string MissingMessage =
        "Chromium is not installed: the browser tests need Debian's chromium package (apt-get install -y chromium) " +
        "or CHROMIUM_PATH pointing at a Chromium binary. .ci/run installs it.";

    /// <summary>Fails the test under CI, skips it otherwise, when Chromium is missing.</summary>
    public static void RequireOrSkip()
    {
        if (ExecutablePath is not null)
            return;
        if (RequiredByCi)
            Assert.Fail(MissingMessage + " (CI=true: a missing browser fails the run)");
        Assert.Skip(MissingMessage);
    }

    /// <summary>Launches the system's Chromium, headless, with the flags this machine needs.</summary>
    /// <param name="playwright">Playwright.</param>
    /// <returns>The browser.</returns>
    /// <exception cref="InvalidOperationException">Chromium is missing.</exception>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath ?? throw new InvalidOperationException(MissingMessage),
            Args = ["--disable-gpu", "--disable-quic"],
        });

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        return Candidates.FirstOrDefault(File.Exists);
    }
}
