using Microsoft.Playwright;

namespace Jackpot.Reactive.Samples.Web.Browser.Tests;

/// <summary>One browser tab on the board: the page, the console errors it reported, and what the page recorder saw.</summary>
public sealed class BoardPage : IAsyncDisposable
{
    /// <summary>How long a wait may take: generous, the machine may be busy.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs in the page before Blazor starts: after every DOM change it appends a snapshot of what the board shows (the
    /// round, whether a celebration is up, both channels' states, each meter's target and text) when it differs from the
    /// last one. The tests read this history, so a state that lasts only a few frames is not missed.
    /// </summary>
    public const string RecorderScript = """
        (() => {
          const snapshots = [];
          window.__board = { snapshots };
          let last = '';
          const take = () => {
            const main = document.querySelector('[data-board][data-interactive]');
            if (!main) return;
            const snapshot = {
              t: performance.now(),
              round: main.querySelector('[data-round]')?.getAttribute('data-round') ?? '',
              celebration: main.querySelector('[data-celebration]') !== null,
              toasts: main.querySelectorAll('[data-toast]').length,
              states: [...main.querySelectorAll('[data-channel]')].map(e => e.dataset.channel + ':' + e.dataset.state),
              meters: [...main.querySelectorAll('[data-jackpot]')].map(e => {
                const amount = e.querySelector('[data-amount]');
                return [e.dataset.jackpot, amount?.dataset.target ?? '', amount?.textContent.trim() ?? ''];
              }),
            };
            const key = JSON.stringify({ ...snapshot, t: 0 });
            if (key !== last) { last = key; snapshots.push(snapshot); }
          };
          new MutationObserver(take).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        })();
        """;

    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public BoardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                Record($"console error: {message.Text}");
        };
        page.PageError += (_, error) => Record($"page error: {error}");
    }

    public IPage Page { get; }

    /// <summary>Gets the console and page errors reported so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
                return [.. _errors];
        }
    }

    /// <summary>Waits until a JavaScript predicate over <c>window.__board.snapshots</c> (named <c>s</c>) is true.</summary>
    /// <param name="predicate">A JavaScript expression over <c>s</c>.</param>
    public Task WaitForSnapshotsAsync(string predicate) =>
        Page.WaitForFunctionAsync(
            $"() => {{ const s = window.__board.snapshots; return {predicate}; }}",
            null,
            new PageWaitForFunctionOptions { Timeout = (float)Timeout.TotalMilliseconds, PollingInterval = 100 });

    /// <summary>Evaluates a JavaScript expression over <c>window.__board.snapshots</c> (named <c>s</c>).</summary>
    public Task<T> EvaluateSnapshotsAsync<T>(string expression) =>
        Page.EvaluateAsync<T>($"() => {{ const s = window.__board.snapshots; return {expression}; }}");

    /// <summary>Gets the page's clock (<c>performance.now()</c>), the clock of the snapshots.</summary>
    public Task<double> NowAsync() => Page.EvaluateAsync<double>("() => performance.now()");

    /// <summary>Opens a board in a new browser context and waits until it is interactive.</summary>
    /// <param name="browser">The browser.</param>
    /// <param name="address">The board's address.</param>
    /// <param name="locale">The browser's language, e.g. <c>de-DE</c>.</param>
    /// <returns>The tab, recording console errors and the board's snapshots from the start.</returns>
    public static async Task<BoardPage> OpenAsync(IBrowser browser, Uri address, string locale = "en-US")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1100, Height = 620 },
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        await context.AddInitScriptAsync(RecorderScript);
        var page = await context.NewPageAsync();
        var board = new BoardPage(context, page);
        await page.GotoAsync(address.ToString());
        await page.Locator(InteractiveSelector).WaitForAsync();
        return board;
    }

    /// <summary>The board's root once it is interactive.</summary>
    public const string InteractiveSelector = "[data-board][data-interactive]";

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private void Record(string error)
    {
        lock (_errors)
            _errors.Add(error);
    }
}
