using System.Diagnostics;
using System.Globalization;
using System.Reactive.Linq;
using Jackpot.Reactive.Orleans;
using Jackpot.Reactive.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Samples;

/// <summary>What one channel saw in a crash run.</summary>
/// <param name="Channel">The channel (a broadcast channel: its name holds no secret).</param>
/// <param name="OnKilledSilo">Whether the killed silo held the channel's grain.</param>
/// <param name="Gap">From the kill to the first event after it (null: none came).</param>
/// <param name="LongestLaterPause">The longest pause between two events after that first one.</param>
/// <param name="Lost">Events of the service the subscriber never got (over the compared window).</param>
/// <param name="Duplicated">Events the subscriber got twice.</param>
/// <param name="Compared">The events compared.</param>
/// <param name="Statuses">The statuses since the kill, with their time since the kill.</param>
internal sealed record ChannelFailover(
    ChannelName Channel, bool OnKilledSilo, TimeSpan? Gap, TimeSpan LongestLaterPause, int Lost, int Duplicated, int Compared, IReadOnlyList<(TimeSpan At, ChannelStatus Status)> Statuses);

/// <summary>The outcome of one crash run.</summary>
/// <param name="DeclaredDead">From the kill to Orleans declaring the silo dead (null: not seen).</param>
/// <param name="Channels">Each channel's view.</param>
/// <param name="OpenUpstreams">The service's connections at the end, beside the reference ones (one per channel expected).</param>
/// <param name="LoadAverage">The machine's 1-minute load average at the kill.</param>
/// <param name="Players">Each player channel's view (none unless players were given).</param>
internal sealed record FailoverRunResult(TimeSpan? DeclaredDead, IReadOnlyList<ChannelFailover> Channels, int OpenUpstreams, string LoadAverage, IReadOnlyList<PlayerFailover> Players)
{
    /// <summary>Gets the channels of the run, broadcast and player: one upstream each is expected.</summary>
    public int ChannelCount => Channels.Count + Players.Count;
}

/// <summary>What one player channel saw in a crash run: wins made on it before and after the kill, and wins delivered.</summary>
/// <param name="Channel">The player channel (its name holds the player id: print it nowhere).</param>
/// <param name="OnKilledSilo">Whether the killed silo held the channel's grain.</param>
/// <param name="WinsMade">The wins the service made for the player (one before the kill, one after the resume).</param>
/// <param name="WinsReceived">The <c>jackpot_won</c> events the cluster subscriber got.</param>
internal sealed record PlayerFailover(ChannelName Channel, bool OnKilledSilo, int WinsMade, int WinsReceived);

/// <summary>
/// One real crash: three silo processes on Redis membership and storage, a cluster client in this process subscribing
/// to broadcast channels (and the same channels read straight from the service, for reference), SIGKILL of the silo
/// holding the most channels, then per channel the gap, the pauses, lost and duplicated events and the statuses.
/// </summary>
internal static class FailoverRun
{
    /// <summary>The simulator's value interval for crash runs: frequent events, so a pause shows to a tenth of a second.</summary>
    public static readonly TimeSpan ValueInterval = TimeSpan.FromMilliseconds(100);

    private const int WarmUpEvents = 40;
    private static readonly TimeSpan ObserveAfterResume = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan GiveUpAfterKill = TimeSpan.FromSeconds(60);

    /// <summary>Runs one crash.</summary>
    /// <param name="simulator">The push service.</param>
    /// <param name="redis">The Redis connection string (membership and grain storage).</param>
    /// <param name="detection">The failure-detection settings.</param>
    /// <param name="channelCount">The broadcast channels to watch.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <param name="logDirectory">A folder for each silo's Debug log, or null for none.</param>
    /// <param name="players">Players whose channels are subscribed too, each sent a win before the kill and one after
    /// the broadcast channels resumed (for scans of the cluster's logs and storage for player ids), or null for none.</param>
    /// <param name="grainKeySecret">The cluster's grain-key secret, or null for a fresh one.</param>
    public static async Task<FailoverRunResult> RunAsync(
        PushEventSimulator simulator, string redis, FailureDetection detection, int channelCount, TextWriter log, CancellationToken cancellationToken,
        string? logDirectory = null, IReadOnlyList<PlayerId>? players = null, string? grainKeySecret = null)
    {
        players ??= [];
        string secret = grainKeySecret ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var workspace = simulator.Options.Workspace;
        using var silos = await SiloProcesses.StartAsync(3, redis, simulator.SubscribeUri, workspace, secret, detection, logDirectory, cancellationToken).ConfigureAwait(false);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<global::Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = silos.ClusterId;
                o.ServiceId = "jackpot-sample";
            })
            .UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis))
            .AddJackpotChannels(o =>
            {
                o.RenewInterval = FailureDetectionSettings.RenewInterval(detection);
                o.GrainKeySecret = secret;
            }));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var clusterClient = host.Services.GetRequiredService<IClusterClient>();
        var channels = clusterClient.JackpotChannels(workspace);
        using var direct = new JackpotPushClient(new JackpotPushClientOptions { Workspace = workspace, Endpoint = simulator.SubscribeUri });
        var clock = Stopwatch.StartNew();
        int baseline = simulator.OpenConnections;
        var watched = Enumerable.Range(1, channelCount)
            .Select(i => new WatchedChannel(ChannelName.Broadcast(workspace, new JackpotGroupId($"{simulator.Options.Group}-{silos.ClusterId[^6..]}-{i}")), clock))
            .ToList();
        var subscriptions = watched.SelectMany(w => w.Subscribe(channels, direct)).ToList();
        var wins = new int[players.Count];
        for (int p = 0; p < players.Count; p++)
        {
            int index = p;
            subscriptions.Add(channels.Player(players[p]).OfType<JackpotWon>().Subscribe(_ => Interlocked.Increment(ref wins[index])));
        }

        try
        {
            while (watched.Any(w => w.Count < WarmUpEvents))
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            // A win for each player, so each player channel's grain has events and a checkpoint when its silo may die.
            var winGroup = watched[0].Channel.Group;
            foreach (var player in players)
            {
                simulator.MakePlayerWin(workspace, winGroup, player);
            }

            await WaitForWinsAsync(wins, 1, cancellationToken).ConfigureAwait(false);
            var infos = await Task.WhenAll(watched.Select(w => channels.GetInfoAsync(w.Channel))).ConfigureAwait(false);
            var playerInfos = await Task.WhenAll(players.Select(p => channels.GetInfoAsync(ChannelName.Player(workspace, p)))).ConfigureAwait(false);
            // The silo holding the most broadcast channels; with player channels, one that holds a player channel too if
            // there is one, so a player channel's grain moves and resumes from its stored checkpoint.
            var holder = infos.GroupBy(i => i.Silo)
                .OrderByDescending(g => playerInfos.Any(p => p.Silo == g.Key))
                .ThenByDescending(g => g.Count())
                .First().Key;
            int victim = silos.IndexOf(holder);
            string load = LoadAverage();
            await log.WriteLineAsync($"killing silo {victim} ({holder}), holding {infos.Count(i => i.Silo == holder)} of {watched.Count} channels (load average {load})").ConfigureAwait(false);
            var killedAt = clock.Elapsed;
            silos.Kill(victim);
            var dead = WatchForDeathAsync(clusterClient, holder, clock, cancellationToken);
            while (clock.Elapsed - killedAt < GiveUpAfterKill
                && (watched.Any(w => w.FirstAfter(killedAt) is null) || clock.Elapsed - watched.Max(w => w.FirstAfter(killedAt) ?? TimeSpan.Zero) < ObserveAfterResume))
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            // A second win for each player, after the failover (the moved player channels have resumed by now).
            foreach (var player in players)
            {
                simulator.MakePlayerWin(workspace, winGroup, player);
            }

            await WaitForWinsAsync(wins, 2, cancellationToken).ConfigureAwait(false);
            var declared = dead.IsCompletedSuccessfully ? dead.Result : null;
            int upstreams = simulator.OpenConnections - baseline - watched.Count;
            var results = watched.Select((w, i) => w.Result(killedAt, infos[i].Silo == holder)).ToList();
            var playerResults = players.Select((p, i) => new PlayerFailover(
                ChannelName.Player(workspace, p), playerInfos[i].Silo == holder, 2, Volatile.Read(ref wins[i]))).ToList();
            return new FailoverRunResult(declared - killedAt, results, upstreams, load, playerResults);
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Waits (at most 20 s: a channel that never gets them shows in the result) until each player got <paramref name="count"/> wins.</summary>
    private static async Task WaitForWinsAsync(int[] wins, int count, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(20) && Enumerable.Range(0, wins.Length).Any(i => Volatile.Read(ref wins[i]) < count))
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls the cluster's membership (through any live silo) until the silo shows as dead.</summary>
    private static async Task<TimeSpan?> WatchForDeathAsync(IClusterClient client, string silo, Stopwatch clock, CancellationToken cancellationToken)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        while (!cancellationToken.IsCancellationRequested && clock.Elapsed < GiveUpAfterKill * 2)
        {
            try
            {
                var hosts = await management.GetHosts(onlyActive: false, cancellationToken).WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                if (hosts.Any(h => h.Key.ToString() == silo && h.Value == SiloStatus.Dead))
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                // The call went to the dead silo: try again.
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static string Format(FailoverRunResult run)
    {
        static string Ms(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s" : "-";
        var lines = new List<string> { $"declared dead {Ms(run.DeclaredDead)} after the kill; upstreams beyond one per channel: {run.OpenUpstreams - run.ChannelCount}; load average {run.LoadAverage}" };
        foreach (var c in run.Channels)
        {
            string statuses = string.Join(", ", c.Statuses.Select(s =>
                $"+{s.At.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} {s.Status.State}" +
                (s.Status.State is ChannelState.Open or ChannelState.Connecting or ChannelState.Reconnecting ? $" ({s.Status.Continuity})" : string.Empty)));
            lines.Add(
                $"  {c.Channel.Group,-28} {(c.OnKilledSilo ? "moved" : "stayed"),-6} gap {Ms(c.Gap)} (after dead {Ms(c.Gap - run.DeclaredDead)}), longest later pause {Ms(c.LongestLaterPause)}, " +
                $"lost {c.Lost}, duplicated {c.Duplicated} of {c.Compared}; statuses: {statuses}");
        }

        // Player channels by number only: their names hold player ids.
        lines.AddRange(run.Players.Select((p, i) =>
            $"  player channel {i + 1,-19} {(p.OnKilledSilo ? "moved" : "stayed"),-6} wins received {p.WinsReceived} of {p.WinsMade}"));
        return string.Join(Environment.NewLine, lines);
    }
}
