using Orleans.Configuration;

namespace Jackpot.Reactive.Samples;

/// <summary>The failure-detection settings a sample cluster runs with: Orleans' defaults, or tuned for a fast failover.</summary>
internal enum FailureDetection
{
    /// <summary>Orleans' defaults (ProbeTimeout 5 s, NumMissedProbesLimit 3, NumVotesForDeathDeclaration 2).</summary>
    Defaults,

    /// <summary>ProbeTimeout 1 s, NumMissedProbesLimit 2, the grain directory's range lease 0, channel renewals every second.</summary>
    Tuned,
}

/// <summary>Applies <see cref="FailureDetection"/> to a silo or a client.</summary>
internal static class FailureDetectionSettings
{
    public static FailureDetection Parse(string? value) => value switch
    {
        null or "defaults" => FailureDetection.Defaults,
        "tuned" => FailureDetection.Tuned,
        _ => throw new CommandLineException($"--detection must be 'defaults' or 'tuned', not '{value}'."),
    };

    public static string Name(FailureDetection detection) => detection == FailureDetection.Tuned ? "tuned" : "defaults";

    /// <summary>The silo side: membership probes and the grain directory.</summary>
    public static ISiloBuilder Apply(ISiloBuilder silo, FailureDetection detection)
    {
        if (detection == FailureDetection.Tuned)
        {
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
            });

            // The directory's safety lease would block re-activating the dead silo's grains for up to 30 s
            // (docs/scale-out.md, "Production checklist").
            silo.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = TimeSpan.Zero);
        }

        return silo;
    }

    /// <summary>The channels' renew interval: the default (5 s), or 1 s tuned.</summary>
    public static TimeSpan RenewInterval(FailureDetection detection) =>
        detection == FailureDetection.Tuned ? TimeSpan.FromSeconds(1) : Jackpot.Reactive.Orleans.JackpotChannelOptions.DefaultRenewInterval;
}
