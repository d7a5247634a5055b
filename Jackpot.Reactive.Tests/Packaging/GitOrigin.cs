namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>What git says about a repository: its HEAD commit and the web URL of its origin remote, if it has one.</summary>
/// <param name="Commit">The commit HEAD names, or null outside a git repository.</param>
/// <param name="WebUrl">The origin remote as a web URL (https, no <c>.git</c>), or null when there is no origin or it
/// is not a web URL (a local path, as on CI).</param>
internal sealed record GitOrigin(string? Commit, string? WebUrl)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static async Task<GitOrigin> ReadAsync(string repository, CancellationToken cancellationToken)
    {
        var head = await RunAsync(repository, ["rev-parse", "HEAD"], cancellationToken);
        var origin = await RunAsync(repository, ["remote", "get-url", "origin"], cancellationToken);
        return new GitOrigin(
            head.ExitCode == 0 ? head.StandardOutput.Trim() : null,
            origin.ExitCode == 0 ? ToWebUrl(origin.StandardOutput.Trim()) : null);
    }

    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        DotnetCli.RunAsync("git", "git", workingDirectory, arguments, Timeout, cancellationToken);

    /// <summary>Turns a remote URL into the web URL SourceLink derives from it, or null when it has none.</summary>
    public static string? ToWebUrl(string remote)
    {
        if (remote.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || remote.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return TrimGit(remote);
        }

        // scp-like ssh syntax: git@github.com:owner/repo.git
        int at = remote.IndexOf('@', StringComparison.Ordinal);
        int colon = remote.IndexOf(':', StringComparison.Ordinal);
        return at > 0 && colon > at && !remote.Contains("://", StringComparison.Ordinal)
            ? TrimGit($"https://{remote[(at + 1)..colon]}/{remote[(colon + 1)..]}")
            : null;
    }

    private static string TrimGit(string url) =>
        url.TrimEnd('/').EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? url.TrimEnd('/')[..^4] : url.TrimEnd('/');
}
