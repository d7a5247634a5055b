using System.Globalization;
using Jackpot.Reactive.Orleans;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// What the cluster sample prints and does while it runs: the board with the silo of each channel, and silo kills with
/// the failover they cause (which channels move where, and when their events come again).
/// </summary>
internal sealed class ClusterConsole(ISampleCluster cluster, JackpotClusterChannels channels, IReadOnlyList<ChannelBoard> boards, TextWriter stdout)
{
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<FailoverWatch> _failovers = [];

    public ISampleCluster Cluster => cluster;

    public TextWriter Stdout => stdout;

    /// <summary>Prints each channel's silo, leases, last id and board, then any failover that has completed since.</summary>
    public async Task ReportAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var silos = await WhereAsync().ConfigureAwait(false);
            await stdout.WriteLineAsync($"-- {DateTimeOffset.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}").ConfigureAwait(false);
            foreach (var board in boards)
            {
                var (silo, info) = silos[board];
                string where = info is null
                    ? "silo ? (moving)"
                    : $"silo {silo}, {info.Subscribers} lease(s), last id {(info.LastEventId.Length > 0 ? info.LastEventId : "-")}";
                await stdout.WriteLineAsync($"{board.Channel.Group,-14} {where,-36} {board}").ConfigureAwait(false);
            }

            foreach (var failover in _failovers)
            {
                foreach (var board in boards)
                {
                    if (failover.Check(board, silos[board].Silo) is { } line)
                    {
                        await stdout.WriteLineAsync(line).ConfigureAwait(false);
                    }
                }
            }

            _failovers.RemoveAll(f => f.IsDone);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the silo that holds the most channels.</summary>
    public async Task KillBusiestSiloAsync()
    {
        var silos = await WhereAsync().ConfigureAwait(false);
        var busiest = silos.Values.Where(s => s.Info is not null && cluster.CanKill(s.Silo))
            .GroupBy(s => s.Silo)
            .OrderByDescending(g => g.Count())
            .FirstOrDefault();
        if (busiest is null)
        {
            await stdout.WriteLineAsync("** no silo to kill: each channel is moving, or a single silo is left to hold them").ConfigureAwait(false);
            return;
        }

        await KillAsync(busiest.Key).ConfigureAwait(false);
    }

    /// <summary>Kills a silo at once (no graceful hand-over) and starts following the failover of its channels.</summary>
    public async Task KillAsync(int index)
    {
        if (!cluster.CanKill(index))
        {
            await stdout.WriteLineAsync($"** silo {index} cannot be killed: it is not running, or it is the last one that can hold channels (in-process: silo 0 is the seed)")
                .ConfigureAwait(false);
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var silos = await WhereAsync().ConfigureAwait(false);
            var held = boards.Where(b => silos[b].Silo == index).ToDictionary(b => b, b => b.Events);
            string names = held.Count == 0 ? "no channel" : string.Join(", ", held.Keys.Select(b => b.Channel.Group));
            await stdout.WriteLineAsync($"** killing silo {index}, which holds {names}").ConfigureAwait(false);
            await cluster.KillAsync(index).ConfigureAwait(false);
            if (held.Count > 0)
            {
                _failovers.Add(new FailoverWatch(index, held));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<ChannelBoard, (int Silo, JackpotChannelInfo? Info)>> WhereAsync()
    {
        var infos = await Task.WhenAll(boards.Select(async board =>
        {
            try
            {
                var info = await channels.GetInfoAsync(board.Channel).WaitAsync(InfoTimeout).ConfigureAwait(false);
                return (Board: board, Silo: cluster.IndexOf(info.Silo), Info: (JackpotChannelInfo?)info);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                return (Board: board, Silo: -1, Info: null);
            }
        })).ConfigureAwait(false);
        return infos.ToDictionary(i => i.Board, i => (i.Silo, i.Info));
    }
}
