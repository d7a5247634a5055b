using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jackpot.Reactive.Samples.Wasm.Browser.Tests;

/// <summary>
/// The board as it ships: <c>dotnet publish -c Release</c> of the host (the browser app trimmed, compressed), run as its
/// own process with its embedded simulator (<c>dotnet Jackpot.Reactive.Samples.Wasm.dll</c>), and Chromium.
/// </summary>
/// <remarks>
/// The publish builds in a fresh artifacts folder of its own, so its trimmed output is never a leftover of a build with
/// other trimming settings (a stale trimmed assembly beside a new framework fails at run time), and the working tree's
/// <c>bin</c> and <c>obj</c> are not touched. <c>JACKPOT_WASM_PUBLISHED</c> names a published folder to use instead.
/// </remarks>
public sealed partial class PublishedBoard : IBoardApp, IAsyncLifetime
{
    /// <summary>The variable that names an existing publish folder (the host's, with <c>wwwroot</c>).</summary>
    public const string PublishedVariable = "JACKPOT_WASM_PUBLISHED";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "jackpot-wasm-published-" + Guid.NewGuid().ToString("N"));
    private Process? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri? _address;

    /// <summary>Gets the publish folder (after the fixture started).</summary>
    public string PublishFolder { get; private set; } = "";

    /// <summary>Gets the browser (after the fixture started).</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The board is not running.");

    /// <summary>Gets the board's address (after the fixture started).</summary>
    public Uri Address => _address ?? throw new InvalidOperationException("The board is not running.");

    public async ValueTask InitializeAsync()
    {
        if (Chromium.ExecutablePath is null)
            return;

        PublishFolder = Environment.GetEnvironmentVariable(PublishedVariable) is { Length: > 0 } published
            ? published
            : await PublishAsync(Path.Combine(_scratch, "publish"));
        _host = StartHost(PublishFolder);
        _address = await ReadAddressAsync(_host);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null)
        {
            if (!_host.HasExited)
                _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync(CancellationToken.None);
            _host.Dispose();
        }

        if (Directory.Exists(_scratch))
            Directory.Delete(_scratch, recursive: true);
    }

    /// <inheritdoc/>
    public async Task<BoardPage> OpenBoardAsync(string locale = "en-US")
    {
        Chromium.RequireOrSkip();
        return await BoardPage.OpenAsync(Browser, Address, locale);
    }

    private async Task<string> PublishAsync(string output)
    {
        string root = RepositoryRoot.Find();
        var result = await DotnetCli.RunAsync(
            root,
            ["publish", Path.Combine(root, "Jackpot.Reactive.Samples.Wasm", "Jackpot.Reactive.Samples.Wasm.csproj"),
             "-c", "Release", "-o", output, "--artifacts-path", Path.Combine(_scratch, "artifacts")],
            PublishTimeout,
            CancellationToken.None);
        return result.ExitCode == 0 ? output : throw new InvalidOperationException(result.ToString());
    }

    private static Process StartHost(string folder)
    {
        var startInfo = new ProcessStartInfo(DotnetCli.Executable)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { Path.Combine(folder, "Jackpot.Reactive.Samples.Wasm.dll"), "--urls", "http://127.0.0.1:0" })
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the published board.");
    }

    /// <summary>Reads the host's output until it prints the board's address.</summary>
    private static async Task<Uri> ReadAddressAsync(Process host)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var seen = new List<string>();
        _ = host.StandardError.ReadToEndAsync(CancellationToken.None);
        while (await host.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (AddressLine().Match(line) is { Success: true } match)
            {
                // Keep reading, so the host never blocks on a full pipe.
                _ = host.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new Uri(match.Groups["address"].Value);
            }
        }

        throw new InvalidOperationException("The published board stopped before it printed its address:\n" + string.Join('\n', seen));
    }

    [GeneratedRegex(@"^Jackpot board \(WebAssembly\): (?<address>http://\S+) ")]
    private static partial Regex AddressLine();
}
