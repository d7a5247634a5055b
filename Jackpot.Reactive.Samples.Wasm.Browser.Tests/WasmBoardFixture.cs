using Jackpot.Reactive.Simulator;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Jackpot.Reactive.Samples.Wasm.Browser.Tests;

/// <summary>
/// The board in the browser, served on 127.0.0.1 (a free port) by its host with the embedded simulator, and Chromium
/// driven by Playwright; shared by the tests of one class, each of which opens its own page. Each subclass is one way of
/// reaching the service: across origins or through the host's own origin, preflights answered or refused, the client
/// built by dependency injection or by its constructor.
/// </summary>
/// <param name="args">The host's command line after <c>--urls</c>.</param>
/// <param name="simulator">The embedded simulator's options.</param>
public abstract class WasmBoardFixture(string[] args, PushEventSimulatorOptions simulator) : IBoardApp, IAsyncLifetime
{
    private WasmBoardHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Gets the embedded simulator (after the fixture started).</summary>
    public PushEventSimulator Simulator => _host?.Simulator ?? throw new InvalidOperationException("The board is not running.");

    /// <summary>Gets whether the simulator refuses every CORS preflight, as a service set up for <c>EventSource</c> only.</summary>
    public bool RefusesPreflights => simulator.Cors is { AnswerPreflights: false };

    /// <summary>Gets the board's address (after the fixture started).</summary>
    public Uri Address => _host?.Address ?? throw new InvalidOperationException("The board is not running.");

    public async ValueTask InitializeAsync()
    {
        if (Chromium.ExecutablePath is null)
            return;

        _host = await WasmBoardHost.StartAsync(
            ["--urls", "http://127.0.0.1:0", .. args],
            builder => builder.Logging.ClearProviders(),
            simulator);
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
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public async Task<BoardPage> OpenBoardAsync(string locale = "en-US")
    {
        Chromium.RequireOrSkip();
        return await BoardPage.OpenAsync(_browser!, _host!.Address, locale);
    }
}

/// <summary>The board as a newcomer runs it: across origins to the simulator, which answers preflights; the client from
/// <c>AddJackpotPushClient(configuration)</c>.</summary>
public sealed class CrossOriginBoard() : WasmBoardFixture([], new PushEventSimulatorOptions { Cors = new SimulatorCorsOptions() });

/// <summary>Across origins to a simulator set up for the browser's <c>EventSource</c> only: GET with
/// <c>Access-Control-Allow-Origin: *</c>, every preflight refused; the client from <c>AddJackpotPushClient</c>.</summary>
public sealed class NoPreflightBoard() : WasmBoardFixture(
    [], new PushEventSimulatorOptions { Cors = new SimulatorCorsOptions { AnswerPreflights = false } });

/// <summary>As <see cref="NoPreflightBoard"/>, the client from <c>new JackpotPushClient(options)</c>.</summary>
public sealed class ConstructorClientNoPreflightBoard() : WasmBoardFixture(
    ["--client", "constructor"], new PushEventSimulatorOptions { Cors = new SimulatorCorsOptions { AnswerPreflights = false } });

/// <summary>Same-origin: the browser reaches the simulator (no CORS at all) through the host's <c>/subscribe</c>; the
/// client from <c>new JackpotPushClient(options)</c>.</summary>
public sealed class SameOriginBoard() : WasmBoardFixture(
    ["--client", "constructor", "--same-origin", "true"], new PushEventSimulatorOptions());
