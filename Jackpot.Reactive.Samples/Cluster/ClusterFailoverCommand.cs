using System.Globalization;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The <c>cluster-failover</c> command: measures real crashes. Each run starts three silo processes on Redis, subscribes
/// a cluster client in this process to broadcast channels, SIGKILLs the silo holding the most channels and reports, per
/// channel, the gap after the kill and the longest later pause against the time Orleans declared the silo dead, lost and
/// duplicated events and the statuses (<see cref="FailoverRun"/>).
/// </summary>
internal static class ClusterFailoverCommand
{
    public const string Usage = """
        usage: dotnet run -c Release --project Jackpot.Reactive.Samples -- cluster-failover [options]

        Real crashes: per run, three silo processes on Redis membership and Redis grain storage, a cluster client here
        subscribed to broadcast channels of the embedded simulator, and SIGKILL of the silo holding the most channels.
        Prints per channel the gap after the kill and the longest later pause, against when Orleans declared the silo
        dead, lost and duplicated events, the statuses, and the machine's load average. Exit code 1 when an event was
        lost or duplicated, a channel never came back, or a channel had more than one upstream.
        options:
          --runs <n>                   crash runs, 1 to 100 (default 5)
          --detection defaults|tuned   Orleans' failure-detection defaults, or ProbeTimeout 1 s, NumMissedProbesLimit 2,
                                       RangeLeaseDuration 0 and channel renewals every second (default: defaults)
          --channels <n>               broadcast channels, 1 to 20 (default 3)
          --players <n>                player channels subscribed too, 0 to 20 (default 0): each gets a win before the
                                       kill and one after; their ids are printed, for scans of silo logs and Redis
          --redis <connection string>  an existing Redis (default: start redis-server on a free port)
        environment: JACKPOT_SILO_LOGS=<folder> writes each silo's log (Orleans and the library at Debug) there
          -h, --help                   show this help
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (ClusterOptions.IsHelp(args))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return BoardCommand.ExitOk;
        }

        int runs, channels, players;
        FailureDetection detection;
        string? redis;
        try
        {
            var parsed = CommandLineArguments.Parse(args, ["--runs", "--detection", "--channels", "--players", "--redis"], [], ["--help"]);
            runs = parsed.Integer("--runs", 1, 100) ?? 5;
            channels = parsed.Integer("--channels", 1, 20) ?? 3;
            players = parsed.Integer("--players", 0, 20) ?? 0;
            detection = FailureDetectionSettings.Parse(parsed.Value("--detection"));
            redis = parsed.Value("--redis");
        }
        catch (CommandLineException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}\n{Usage}").ConfigureAwait(false);
            return BoardCommand.ExitBadArguments;
        }

        using var localRedis = redis is null ? await RedisServer.StartAsync(cancellationToken).ConfigureAwait(false) : null;
        redis ??= localRedis!.ConnectionString;
        await using var simulator = await PushEventSimulator.StartAsync(new PushEventSimulatorOptions { ValueInterval = FailoverRun.ValueInterval }, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"cluster-failover: {runs} run(s), detection {FailureDetectionSettings.Name(detection)}, {channels} channel(s), Redis {redis}, {DateTimeOffset.UtcNow:u}").ConfigureAwait(false);
        var playerIds = Enumerable.Range(0, players).Select(_ => new PlayerId($"player-{Guid.NewGuid():N}"[..15])).ToList();
        if (playerIds.Count > 0)
        {
            await stdout.WriteLineAsync($"player ids (none may appear in the silo logs or Redis): {string.Join(" ", playerIds.Select(p => p.RawValue))}").ConfigureAwait(false);
        }

        var results = new List<FailoverRunResult>();
        for (int run = 1; run <= runs; run++)
        {
            await stdout.WriteLineAsync($"-- run {run}").ConfigureAwait(false);
            var result = await FailoverRun.RunAsync(simulator, redis, detection, channels, stdout, cancellationToken, Environment.GetEnvironmentVariable("JACKPOT_SILO_LOGS"), playerIds).ConfigureAwait(false);
            results.Add(result);
            await stdout.WriteLineAsync(FailoverRun.Format(result)).ConfigureAwait(false);
        }

        var moved = results.SelectMany(r => r.Channels.Where(c => c.OnKilledSilo).Select(c => (Run: r, Channel: c))).ToList();
        static string S(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
        var gaps = moved.Where(m => m.Channel.Gap is not null).Select(m => m.Channel.Gap!.Value.TotalSeconds).DefaultIfEmpty().ToList();
        var afterDead = moved.Where(m => m.Channel.Gap is not null && m.Run.DeclaredDead is not null)
            .Select(m => (m.Channel.Gap!.Value - m.Run.DeclaredDead!.Value).TotalSeconds).DefaultIfEmpty().ToList();
        var pauses = results.SelectMany(r => r.Channels).Select(c => c.LongestLaterPause.TotalSeconds).DefaultIfEmpty().ToList();
        int lost = results.Sum(r => r.Channels.Sum(c => c.Lost));
        int duplicated = results.Sum(r => r.Channels.Sum(c => c.Duplicated));
        bool allBack = results.All(r => r.Channels.All(c => c.Gap is not null && c.Compared > 0) && r.Players.All(p => p.WinsReceived == p.WinsMade));
        bool oneUpstream = results.All(r => r.OpenUpstreams == r.ChannelCount);
        await stdout.WriteLineAsync(
            $"summary ({FailureDetectionSettings.Name(detection)}, {runs} runs): declared dead {S(results.Where(r => r.DeclaredDead is not null).Select(r => r.DeclaredDead!.Value.TotalSeconds).DefaultIfEmpty().Min())}–" +
            $"{S(results.Where(r => r.DeclaredDead is not null).Select(r => r.DeclaredDead!.Value.TotalSeconds).DefaultIfEmpty().Max())} s; " +
            $"moved channels' gap {S(gaps.Min())}–{S(gaps.Max())} s after the kill, at most {S(afterDead.Max())} s after declared dead; " +
            $"longest later pause {S(pauses.Max())} s; lost {lost}, duplicated {duplicated}; every channel back: {allBack}; one upstream per channel: {oneUpstream}")
            .ConfigureAwait(false);
        return lost == 0 && duplicated == 0 && allBack && oneUpstream ? BoardCommand.ExitOk : BoardCommand.ExitFailed;
    }
}
