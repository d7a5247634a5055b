using System.Globalization;
using System.Text.RegularExpressions;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>
/// Node's npm <c>eventsource</c> 4.1.1 as a consumer: <c>node/consumer.mjs</c>, copied next to the benchmark and its
/// package installed there (<c>npm ci</c>, once). Bytes allocated come from V8's GC trace (<c>--trace-gc-nvp</c>): the
/// <c>allocated=</c> of every collection inside the measured window, so the figure is approximate (to about one
/// collection's worth of allocation, and the window's edges are matched by V8's clock against Node's).
/// </summary>
internal static partial class NodeConsumer
{
    private const string Folder = "blackbox-node";

    /// <summary>Finds node and installs the package; returns the folder, or null with a note when it cannot.</summary>
    public static async Task<string?> PrepareAsync(List<string> notes)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, Folder);
        try
        {
            using (var version = ChildProcess.Start("node", ["--version"], [], directory))
            {
                var lines = await version.WaitForExitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                notes.Add($"Node {(lines.Count > 0 ? lines[0] : "?")}, npm eventsource 4.1.1 (package-lock.json in Jackpot.Reactive.Benchmarks/BlackBox/node).");
            }

            if (!File.Exists(Path.Combine(directory, "node_modules", "eventsource", "package.json")))
            {
                using var install = ChildProcess.Start("npm", ["ci", "--no-audit", "--no-fund"], [], directory);
                await install.WaitForExitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            }

            if (!File.Exists(Path.Combine(directory, "node_modules", "eventsource", "package.json")))
            {
                notes.Add("Node consumer skipped: `npm ci` did not install eventsource.");
                return null;
            }

            return directory;
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException or OperationCanceledException)
        {
            notes.Add($"Node consumer skipped: node or npm is not available here ({error.Message}).");
            return null;
        }
    }

    public static ChildProcess Start(string directory, string url, string[] window)
    {
        var channel = JackpotPushEndpoint.BuildSubscribeUri(
            ChannelName.Broadcast(new WorkspaceId(BlackBoxConsumers.Workspace), new JackpotGroupId(BlackBoxConsumers.Group)), new Uri(url));
        return ChildProcess.Start("node", ["--trace-gc-nvp", "consumer.mjs", channel.AbsoluteUri, .. window], [], directory);
    }

    /// <summary>Sums the bytes V8 reports allocated before each collection inside the window.</summary>
    public static double AllocatedInWindow(IReadOnlyList<string> lines, string window)
    {
        string[] edges = window.Split(',');
        double start = double.Parse(edges[0], CultureInfo.InvariantCulture);
        double end = double.Parse(edges[1], CultureInfo.InvariantCulture);
        double allocated = 0;
        foreach (string line in lines)
        {
            var match = GcLine().Match(line);
            if (match.Success)
            {
                double at = double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture);
                if (at > start && at <= end)
                {
                    allocated += double.Parse(match.Groups["allocated"].Value, CultureInfo.InvariantCulture);
                }
            }
        }

        return allocated;
    }

    [GeneratedRegex(@"^\[[^\]]*\]\s+(?<ms>\d+) ms: .* allocated=(?<allocated>\d+)")]
    private static partial Regex GcLine();
}
