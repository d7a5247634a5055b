using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>A process of the black-box benchmark (server or consumer) whose standard output is read line by line as
/// it comes, so a chatty child never blocks on a full pipe.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _reading;
    private readonly Task<string> _errors;

    private ChildProcess(Process process)
    {
        _process = process;
        _reading = ReadLinesAsync();
        _errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Gets the process id.</summary>
    public int Id => _process.Id;

    /// <summary>Starts this benchmark's own executable with <paramref name="arguments"/>.</summary>
    public static ChildProcess StartSelf(IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Jackpot.Reactive.Benchmarks.dll");
        return Start(DotnetHost(), [dll, .. arguments], environment, workingDirectory: null);
    }

    /// <summary>Starts any program.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment, string? workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A profiler's diagnostic port (dotnet-trace launching the parent) is for the parent.
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start."));
    }

    /// <summary>Waits for a line that starts with <paramref name="prefix"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!cancel.IsCancellationRequested)
        {
            lock (_lines)
            {
                if (_lines.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal)) is { } found)
                {
                    return found;
                }
            }

            if (_reading.IsCompleted)
            {
                break;
            }

            await Task.WhenAny(_reading, Task.Delay(20, CancellationToken.None)).ConfigureAwait(false);
        }

        string errors = _errors.IsCompleted ? await _errors.ConfigureAwait(false) : "(still running)";
        throw new InvalidOperationException($"No '{prefix}' line from process {Id} within {timeout.TotalSeconds:F0} s. Its error output: {errors}");
    }

    /// <summary>Waits for the process to exit, then returns every line it wrote.</summary>
    public async Task<IReadOnlyList<string>> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It has already gone.
        }

        _process.Dispose();
    }

    private async Task ReadLinesAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>The <c>dotnet</c> host of the running runtime (<c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c>).</summary>
    private static string DotnetHost()
    {
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
