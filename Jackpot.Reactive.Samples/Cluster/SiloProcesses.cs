using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// Silos of a sample cluster, each in its own OS process (<see cref="SiloProcessHost"/>), on Redis membership and
/// storage. <see cref="Kill"/> is a real crash: SIGKILL, no hand-over, sockets closed by the kernel.
/// </summary>
internal sealed class SiloProcesses : IDisposable
{
    /// <summary>The environment variable that hands the grain-key secret to the silo processes.</summary>
    public const string SecretVariable = "JackpotPush__Channels__GrainKeySecret";

    private readonly List<(Process Process, int SiloPort)> _silos = [];

    private SiloProcesses(string clusterId) => ClusterId = clusterId;

    public string ClusterId { get; }

    public int Count => _silos.Count;

    /// <summary>Starts <paramref name="count"/> silo processes and waits until each has joined the cluster.</summary>
    /// <param name="count">The number of silos.</param>
    /// <param name="redis">The Redis connection string.</param>
    /// <param name="endpoint">The push service's subscribe endpoint.</param>
    /// <param name="workspace">The workspace.</param>
    /// <param name="secret">The cluster's grain-key secret.</param>
    /// <param name="detection">The failure-detection settings.</param>
    /// <param name="logDirectory">A folder for each silo's Debug log, or null for none.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SiloProcesses> StartAsync(
        int count, string redis, Uri endpoint, WorkspaceId workspace, string secret, FailureDetection detection, string? logDirectory, CancellationToken cancellationToken)
    {
        var silos = new SiloProcesses($"jackpot-{Guid.NewGuid():N}");
        try
        {
            var ready = new List<Task>();
            for (int i = 0; i < count; i++)
            {
                int siloPort = RedisServer.FreePort();
                var start = new ProcessStartInfo
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                SelfCommand(start);
                foreach (var argument in new[]
                {
                    SiloProcessHost.Command, "--redis", redis, "--cluster-id", silos.ClusterId,
                    "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture),
                    "--gateway-port", RedisServer.FreePort().ToString(CultureInfo.InvariantCulture),
                    "--endpoint", endpoint.ToString(), "--workspace", workspace.Value, "--detection", FailureDetectionSettings.Name(detection),
                })
                {
                    start.ArgumentList.Add(argument);
                }

                if (logDirectory is not null)
                {
                    start.ArgumentList.Add("--log-file");
                    start.ArgumentList.Add(Path.Combine(logDirectory, $"silo-{i}.log"));
                }

                start.Environment[SecretVariable] = secret;
                var process = Process.Start(start) ?? throw new InvalidOperationException("A silo process did not start.");
                silos._silos.Add((process, siloPort));
                var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                process.OutputDataReceived += (_, e) =>
                {
                    if (e.Data == "ready")
                    {
                        joined.TrySetResult();
                    }
                };
                process.ErrorDataReceived += (_, _) => { };
                process.Exited += (_, _) => joined.TrySetException(new InvalidOperationException($"Silo {i} exited with code {process.ExitCode} before joining."));
                process.EnableRaisingEvents = true;
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                ready.Add(joined.Task);
            }

            await Task.WhenAll(ready).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
            return silos;
        }
        catch
        {
            silos.Dispose();
            throw;
        }
    }

    /// <summary>Returns the number of the silo with the given address (as Orleans prints it), or -1.</summary>
    public int IndexOf(string siloAddress)
    {
        var parts = siloAddress.Split(':');
        return parts.Length >= 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int port)
            ? _silos.FindIndex(s => s.SiloPort == port)
            : -1;
    }

    /// <summary>Gets whether silo <paramref name="index"/> is running.</summary>
    public bool IsRunning(int index) => index >= 0 && index < _silos.Count && !_silos[index].Process.HasExited;

    /// <summary>Kills silo <paramref name="index"/> with SIGKILL: a crash.</summary>
    public void Kill(int index)
    {
        if (IsRunning(index))
        {
            _silos[index].Process.Kill(entireProcessTree: false);
        }
    }

    /// <summary>Stops every silo still running (SIGKILL: the cluster of this run is thrown away with its Redis keys).</summary>
    public void Dispose()
    {
        foreach (var (process, _) in _silos)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }
    }

    /// <summary>Sets the command that runs this program again: its apphost, or <c>dotnet</c> with its assembly.</summary>
    private static void SelfCommand(ProcessStartInfo start)
    {
        string assembly = Assembly.GetExecutingAssembly().Location;
        string apphost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost))
        {
            start.FileName = apphost;
        }
        else
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(assembly);
        }
    }
}
