using System.Diagnostics;
using System.Text;

namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>What a finished child process printed and returned.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"`{CommandLine}` exited with {ExitCode}.{Environment.NewLine}--- stdout ---{Environment.NewLine}{StandardOutput}" +
        $"{Environment.NewLine}--- stderr ---{Environment.NewLine}{StandardError}";
}

/// <summary>
/// Runs the .NET CLI as a child process with its output captured, a time limit, and an environment cleaned of the
/// variables the test host inherited from the build that started it.
/// </summary>
internal static class DotnetCli
{
    /// <summary>Gets the dotnet executable: the one the CLI that started the tests named, else the one on the PATH.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<ProcessResult> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(Executable, "dotnet", workingDirectory, arguments, timeout, cancellationToken);

    /// <summary>Runs another program (e.g. git) the same way.</summary>
    public static async Task<ProcessResult> RunAsync(
        string executable, string name, string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        PrepareEnvironment(startInfo.Environment);
        var commandLine = $"{name} {string.Join(' ', arguments)}";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start `{commandLine}`.");
        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException(
                $"`{commandLine}` did not finish within {timeout}.{Environment.NewLine}{await standardOutput}{await standardError}",
                exception);
        }

        return new ProcessResult(commandLine, process.ExitCode, await standardOutput, await standardError);
    }

    private static void PrepareEnvironment(IDictionary<string, string?> environment)
    {
        // The test host may run under variables set by the MSBuild that launched it; a nested build must start afresh.
        foreach (var name in environment.Keys.Where(IsInheritedBuildVariable).ToList())
        {
            environment.Remove(name);
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        // No build server or reusable node may outlive the command: it would hold the output pipes open.
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["UseSharedCompilation"] = "false";
    }

    private static bool IsInheritedBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && !name.Equals("MSBUILDDISABLENODEREUSE", StringComparison.OrdinalIgnoreCase)
        || name.Equals("VSTEST_HOST_DEBUG", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("TESTINGPLATFORM_", StringComparison.OrdinalIgnoreCase);
}
