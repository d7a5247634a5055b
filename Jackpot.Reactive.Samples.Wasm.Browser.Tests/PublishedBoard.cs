using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jackpot.Reactive.Samples.Wasm.Browser.Tests;

/// <summary>
/// The board as it ships: <c>dotnet publish -c Release</c> of the host (the browser app trimmed, compressed), run as its
/// own process with its embedded simulator (<c>dotnet Jackpot.Reactive.Samples.Wasm.dll</c>), and Chromium.
/// </summary>
/// <remarks>
/// The publish builds in an artifacts folder of its own (<c>obj/published-board</c> of this project), apart from the
/// working tree's <c>bin</c> and <c>obj</c>, incrementally from one run to the next. A stale trimmed assembly beside a
/// new framework fails at run time, and trimming settings live in the project and build files: when any of them changed
/// since the folder was built, the folder is deleted and the publish starts clean. On a clean clone (CI) it always
/// does. <c>JACKPOT_WASM_PUBLISHED</c> names a published folder to use instead.
/// </remarks>
public sealed partial class PublishedBoard : IBoardApp, IAsyncLifetime
{
    /// <summary>The variable that names an existing publish folder (the host's, with <c>wwwroot</c>).</summary>
    public const string PublishedVariable = "JACKPOT_WASM_PUBLISHED";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The files whose settings decide what the trimmed output is.</summary>
    private static readonly string[] BuildFiles =
    [
        "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json",
        "Jackpot.Reactive.Samples.Wasm/Jackpot.Reactive.Samples.Wasm.csproj",
        "Jackpot.Reactive.Samples.Wasm.Client/Jackpot.Reactive.Samples.Wasm.Client.csproj",
        "Jackpot.Reactive.Blazor/Jackpot.Reactive.Blazor.csproj",
        "Jackpot.Reactive/Jackpot.Reactive.csproj",
    ];

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
            : await PublishAsync();
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
    }

    /// <inheritdoc/>
    public async Task<BoardPage> OpenBoardAsync(string locale = "en-US")
    {
        Chromium.RequireOrSkip();
        return await BoardPage.OpenAsync(Browser, Address, locale);
    }

    private static async Task<string> PublishAsync()
    {
        string root = RepositoryRoot.Find();
        string folder = Path.Combine(root, "Jackpot.Reactive.Samples.Wasm.Browser.Tests", "obj", "published-board");
        string stampFile = Path.Combine(folder, "build-files.sha256");
        string stamp = Stamp(root);
        if (Directory.Exists(folder) && (!File.Exists(stampFile) || await File.ReadAllTextAsync(stampFile) != stamp))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);

        string output = Path.Combine(folder, "publish");
        var result = await DotnetCli.RunAsync(
            root,
            ["publish", Path.Combine(root, "Jackpot.Reactive.Samples.Wasm", "Jackpot.Reactive.Samples.Wasm.csproj"),
             "-c", "Release", "-o", output, "--artifacts-path", Path.Combine(folder, "artifacts")],
            PublishTimeout,
            CancellationToken.None);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(result.ToString());
        await File.WriteAllTextAsync(stampFile, stamp);
        return output;
    }

    private static string Stamp(string root)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (string file in BuildFiles)
        {
            string path = Path.Combine(root, file);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(file));
            if (File.Exists(path))
                hash.AppendData(File.ReadAllBytes(path));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
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
