using System.Globalization;
using Jackpot.Reactive.Orleans;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The <c>cluster</c> command (see <see cref="ClusterOptions.Usage"/>): the board fed through channel grains on a local
/// cluster, which silo holds which channel, and a silo kill to watch the failover.
/// </summary>
internal static class ClusterCommand
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, CancellationToken cancellationToken)
    {
        if (ClusterOptions.IsHelp(args))
        {
            await stdout.WriteLineAsync(ClusterOptions.Usage).ConfigureAwait(false);
            return BoardCommand.ExitOk;
        }

        ClusterOptions options;
        try
        {
            options = ClusterOptions.Parse(args);
        }
        catch (CommandLineException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}\n{ClusterOptions.Usage}").ConfigureAwait(false);
            return BoardCommand.ExitBadArguments;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        await using var simulator = await PushEventSimulator.StartAsync(cancellationToken: stop.Token).ConfigureAwait(false);
        await stdout.WriteLineAsync(
            $"simulator on {simulator.BaseAddress}; starting {options.Silos} silos {(options.InProcess ? "in this process (localhost clustering, file storage)" : $"as processes on Redis ({options.Redis ?? "a local redis-server"}), detection {FailureDetectionSettings.Name(options.Detection)}")}…")
            .ConfigureAwait(false);
        await using ISampleCluster cluster = options.InProcess
            ? await LocalCluster.StartAsync(options.Silos, simulator, stop.Token).ConfigureAwait(false)
            : await ProcessCluster.StartAsync(options.Silos, options.Redis, options.Detection, simulator, stop.Token).ConfigureAwait(false);
        var channels = cluster.Client.JackpotChannels(simulator.Options.Workspace);
        var boards = Enumerable.Range(1, options.Groups)
            .Select(i => new ChannelBoard(ChannelName.Broadcast(simulator.Options.Workspace, new JackpotGroupId($"{simulator.Options.Group}-{i}"))))
            .ToList();
        var subscriptions = boards.SelectMany(b => b.Subscribe(channels, stdout)).ToList();
        var console = new ClusterConsole(cluster, channels, boards, stdout);
        var commands = ReadCommandsAsync(stdin, console, stop);
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            bool killed = false;
            using var timer = new PeriodicTimer(ReportInterval);
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                if (!killed && options.KillAfter is { } killAfter && TimeProvider.System.GetElapsedTime(started) >= killAfter)
                {
                    killed = true;
                    await console.KillBusiestSiloAsync().ConfigureAwait(false);
                }

                await console.ReportAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Duration over, quit or Ctrl+C.
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
        }

        await stdout.WriteLineAsync("stopping…").ConfigureAwait(false);
        _ = commands;
        return boards.Any(b => b.Failed) ? BoardCommand.ExitFailed : BoardCommand.ExitOk;
    }

    private static async Task ReadCommandsAsync(TextReader stdin, ClusterConsole console, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested && await stdin.ReadLineAsync(stop.Token).ConfigureAwait(false) is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words)
            {
                case ["quit" or "exit"]:
                    await stop.CancelAsync().ConfigureAwait(false);
                    return;
                case ["kill", var n] when int.TryParse(n, CultureInfo.InvariantCulture, out int index):
                    await console.KillAsync(index).ConfigureAwait(false);
                    break;
                case ["kill"]:
                    await console.KillBusiestSiloAsync().ConfigureAwait(false);
                    break;
                case ["where"]:
                    await console.ReportAsync().ConfigureAwait(false);
                    break;
                default:
                    await console.Stdout.WriteLineAsync($"commands: kill [0..{console.Cluster.SiloCount - 1}], where, quit").ConfigureAwait(false);
                    break;
            }
        }
    }
}
