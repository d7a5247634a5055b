using System.Diagnostics;
using System.Globalization;
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
internal sealed record FailoverRunResult(TimeSpan? DeclaredDead, IReadOnlyList<ChannelFailover> Channels, int OpenUpstreams, string LoadAverage);

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

    public static async Task<FailoverRunResult> RunAsync(
        PushEventSimulator simulator, string redis, FailureDetection detection, int channelCount, TextWriter log, CancellationToken cancellationToken, string? logDirectory = null)
    {
        string secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
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
        try
        {
            while (watched.Any(w => w.Count < WarmUpEvents))
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            var infos = await Task.WhenAll(watched.Select(w => channels.GetInfoAsync(w.Channel))).ConfigureAwait(false);
            var holder = infos.GroupBy(i => i.Silo).OrderByDescending(g => g.Count()).First().Key;
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

            var declared = dead.IsCompletedSuccessfully ? dead.Result : null;
            int upstreams = simulator.OpenConnections - baseline - watched.Count;
            var results = watched.Select((w, i) => w.Result(killedAt, infos[i].Silo == holder)).ToList();
            return new FailoverRunResult(declared - killedAt, results, upstreams, load);
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
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
        var lines = new List<string> { $"declared dead {Ms(run.DeclaredDead)} after the kill; upstreams beyond one per channel: {run.OpenUpstreams - run.Channels.Count}; load average {run.LoadAverage}" };
        foreach (var c in run.Channels)
        {
            string statuses = string.Join(", ", c.Statuses.Select(s =>
                $"+{s.At.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} {s.Status.State}" +
                (s.Status.State is ChannelState.Open or ChannelState.Connecting or ChannelState.Reconnecting ? $" ({s.Status.Continuity})" : string.Empty)));
            lines.Add(
                $"  {c.Channel.Group,-28} {(c.OnKilledSilo ? "moved" : "stayed"),-6} gap {Ms(c.Gap)} (after dead {Ms(c.Gap - run.DeclaredDead)}), longest later pause {Ms(c.LongestLaterPause)}, " +
                $"lost {c.Lost}, duplicated {c.Duplicated} of {c.Compared}; statuses: {statuses}");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
