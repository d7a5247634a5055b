using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// The simulator run standalone in its own process (<c>Jackpot.Reactive.Simulator.dll --urls …</c>), so that the
/// benchmark process's CPU time and managed heap hold the client alone.
/// </summary>
internal sealed class SimulatorProcess : IDisposable
{
    private const string AssemblyName = "Jackpot.Reactive.Simulator";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private SimulatorProcess(Process process, Uri subscribeUri)
        : this(process, [subscribeUri])
    {
    }

    private SimulatorProcess(Process process, IReadOnlyList<Uri> subscribeUris)
    {
        _process = process;
        SubscribeUri = subscribeUris[0];
        SubscribeUris = subscribeUris;
    }

    /// <summary>Gets the subscribe endpoint of every port the simulator listens on (see <see cref="StartOnPortsAsync"/>).</summary>
    public IReadOnlyList<Uri> SubscribeUris { get; }

    /// <summary>Gets the process id (to read its memory from <c>/proc</c>).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets the subscribe endpoint, e.g. <c>http://127.0.0.1:50123/subscribe</c>.</summary>
    public Uri SubscribeUri { get; }

    /// <summary>Gets the workspace the simulator's example channels use.</summary>
    public static WorkspaceId Workspace { get; } = new("sim-workspace");

    /// <summary>Gets the group of the simulator's example broadcast channel.</summary>
    public static JackpotGroupId Group { get; } = new("sim-group");

    /// <summary>Gets the CPU time the simulator has used so far.</summary>
    /// <summary>Gets the simulator process's resident set in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the simulator on a free loopback port and waits until it listens.</summary>
    /// <param name="arguments">Simulator options besides <c>--urls</c>, e.g. <c>--flood</c>.</param>
    public static Task<SimulatorProcess> StartAsync(params string[] arguments) => StartOnPortsAsync(1, arguments);

    /// <summary>Starts the simulator listening on several free loopback ports (every port gives the client a range of
    /// ephemeral ports of its own: one HTTP/1.1 channel per connection runs out of them at about 28,000 per port).</summary>
    /// <param name="ports">How many ports.</param>
    /// <param name="arguments">Simulator options besides <c>--urls</c>.</param>
    public static async Task<SimulatorProcess> StartOnPortsAsync(int ports, params string[] arguments)
    {
        string[] urls = [.. Enumerable.Range(0, ports).Select(_ => $"http://127.0.0.1:{FreePort()}")];
        var start = CreateStartInfo();
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(string.Join(';', urls));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The simulator did not start.");
        var simulator = new SimulatorProcess(process, [.. urls.Select(url => new Uri(url + "/subscribe"))]);
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.Contains("listening on", StringComparison.Ordinal))
                {
                    _ = DrainAsync(process.StandardOutput);
                    _ = DrainAsync(process.StandardError);
                    return simulator;
                }
            }

            string error = await process.StandardError.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
            throw new InvalidOperationException($"The simulator exited before listening: {error}");
        }
        catch
        {
            simulator.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It has already gone.
        }

        _process.Dispose();
    }

    private static ProcessStartInfo CreateStartInfo()
    {
        string directory = AppContext.BaseDirectory;
        string appHost = Path.Combine(directory, OperatingSystem.IsWindows() ? AssemblyName + ".exe" : AssemblyName);
        var start = File.Exists(appHost)
            ? new ProcessStartInfo(appHost)
            : new ProcessStartInfo(DotnetHost()) { ArgumentList = { Path.Combine(directory, AssemblyName + ".dll") } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_gcServer"] = "0";

        // A profiler's diagnostic port (dotnet-trace launching this process) is for this process, not the server.
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        return start;
    }

    private static string DotnetHost()
    {
        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (IOException)
        {
        }
    }
}
