using System.Collections.Concurrent;
using System.Globalization;

namespace Jackpot.Reactive.Samples.Wasm.Browser.Tests;

/// <summary>
/// The figures of docs/ui.md's WebAssembly section, measured on the published board: what a first visit downloads
/// (each file the page loaded, counted at its brotli size from the publish folder, as a server that serves the
/// precompressed files sends it) and the time from navigation to the first jackpot value on the page, in Chromium on
/// loopback. Explicit: it runs only when asked, on a quiet machine:
/// <c>dotnet test --project Jackpot.Reactive.Samples.Wasm.Browser.Tests -- --filter-class "*WasmFiguresHarness" --explicit only</c>;
/// the figures are written to <c>wasm-figures.txt</c> beside the test binaries.
/// </summary>
public sealed class WasmFiguresHarness(PublishedBoard app) : IClassFixture<PublishedBoard>
{
    /// <summary>Visits measured (each in a fresh browser context: nothing cached); the median is reported.</summary>
    private const int Visits = 7;

    [Fact(Explicit = true)]
    public async Task PublishedBoard_FirstVisit_DownloadSizeAndTimeToFirstEvent()
    {
        Chromium.RequireOrSkip();
        string wwwroot = Path.Combine(app.PublishFolder, "wwwroot");
        var firstEvent = new List<double>();
        var interactive = new List<double>();
        long brotliBytes = 0;
        int files = 0;
        for (int visit = 0; visit < Visits; visit++)
        {
            await using var context = await app.Browser.NewContextAsync();
            await context.AddInitScriptAsync(BoardPage.RecorderScript + "\nnew MutationObserver(() => { if (!window.__interactive && document.querySelector('[data-board][data-interactive]')) window.__interactive = performance.now(); }).observe(document, { subtree: true, childList: true, attributes: true });");
            var page = await context.NewPageAsync();
            var paths = new ConcurrentBag<string>();
            page.Response += (_, response) =>
            {
                var uri = new Uri(response.Url);
                if (uri.Authority == app.Address.Authority)
                    paths.Add(uri.AbsolutePath);
            };
            await page.GotoAsync(app.Address.ToString());
            await page.WaitForFunctionAsync("() => window.__board.snapshots.some(x => x.meters.length > 0)");
            firstEvent.Add(await page.EvaluateAsync<double>("() => window.__board.snapshots.find(x => x.meters.length > 0).t"));
            interactive.Add(await page.EvaluateAsync<double>("() => window.__interactive"));
            if (visit == 0)
            {
                foreach (string path in paths.Distinct())
                {
                    string local = Path.Combine(wwwroot, path == "/" ? "index.html" : Uri.UnescapeDataString(path.TrimStart('/')));
                    string compressed = local + ".br";
                    long size = File.Exists(compressed) ? new FileInfo(compressed).Length : File.Exists(local) ? new FileInfo(local).Length : 0;
                    brotliBytes += size;
                    files++;
                }
            }
        }

        string report = string.Create(CultureInfo.InvariantCulture, $"""
            published board, first visit: {files} files, {brotliBytes / 1024.0 / 1024.0:0.00} MB brotli ({brotliBytes} bytes)
            time to interactive (median of {Visits}): {Median(interactive):0} ms
            time to first event (median of {Visits}): {Median(firstEvent):0} ms (all: {string.Join(", ", firstEvent.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))})
            """);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "wasm-figures.txt"), report + "\n", TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        brotliBytes.Should().BePositive();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
