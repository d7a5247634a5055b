namespace Jackpot.Reactive.Orleans;

/// <summary>
/// Settings of the channel grains (silo) and of the subscriber side (silo and client), bound from the
/// <c>JackpotPush:Channels</c> configuration section. Validated when the host starts; each failure names its setting.
/// </summary>
/// <remarks>The channel's linger is <c>JackpotPush:Linger</c>, as for <see cref="JackpotPushClient"/>; the grain applies
/// it once the last subscriber anywhere in the cluster has left.</remarks>
public sealed class JackpotChannelOptions
{
    /// <summary>The configuration section, under <c>JackpotPush</c>: <c>Channels</c>.</summary>
    public const string ConfigurationSectionName = "Channels";

    /// <summary>The name of the grain storage the channel grains persist their checkpoint in: <c>JackpotChannels</c>.
    /// Register a storage provider under this name (a durable one in production: see <c>docs/scale-out.md</c>).</summary>
    public const string StorageName = "JackpotChannels";

    /// <summary>The default <see cref="LeaseDuration"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="RenewInterval"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultRenewInterval = TimeSpan.FromSeconds(5);

    /// <summary>The default <see cref="CheckpointInterval"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="CatchUpCapacity"/>: 1,024 events.</summary>
    public const int DefaultCatchUpCapacity = 1024;

    /// <summary>Gets or sets how long a subscription lives without a renewal (grain side). A subscriber process that dies
    /// without unsubscribing holds the channel open at most this long (plus the linger). On the subscriber side, half of
    /// it bounds the wait for one subscribe or renew call (a call to a silo that has just died may otherwise hang until
    /// Orleans' response timeout); set the same value on silos and clients.</summary>
    /// <value>The default value is 30 seconds (<see cref="DefaultLeaseDuration"/>).</value>
    public TimeSpan LeaseDuration { get; set; } = DefaultLeaseDuration;

    /// <summary>Gets or sets how often a subscribing process renews its lease (subscriber side); at most half the grain's
    /// lease is used. A renewal is also how a subscriber finds a channel re-activated after its silo died, so this
    /// bounds the time events pause on failover (after the cluster has noticed the dead silo).</summary>
    /// <value>The default value is 5 seconds (<see cref="DefaultRenewInterval"/>).</value>
    public TimeSpan RenewInterval { get; set; } = DefaultRenewInterval;

    /// <summary>Gets or sets how often a channel grain writes its checkpoint (last event id, position, latest values) while
    /// events arrive (grain side). Each write stores the position of one interval before, so events still on their way
    /// to subscribers when a silo dies are replayed: after a failover the service replays about two intervals of the
    /// stream, and subscribers drop what they already have. A life's first event id is written a quarter of this after
    /// it arrives, so a life that fails over early resumes too.</summary>
    /// <value>The default value is 1 second (<see cref="DefaultCheckpointInterval"/>).</value>
    public TimeSpan CheckpointInterval { get; set; } = DefaultCheckpointInterval;

    /// <summary>Gets or sets how many recent events a channel grain keeps to catch up a subscriber that re-subscribes (after
    /// a failover or a late renewal) without a gap (grain side).</summary>
    /// <value>The default value is 1,024 (<see cref="DefaultCatchUpCapacity"/>).</value>
    public int CatchUpCapacity { get; set; } = DefaultCatchUpCapacity;

    /// <summary>The shortest <see cref="GrainKeySecret"/> accepted: 32 characters.</summary>
    public const int MinimumGrainKeySecretLength = 32;

    /// <summary>Gets or sets the cluster's secret for channel grain keys: a grain is keyed by a keyed hash (HMAC-SHA256) of
    /// its channel name with this secret, so no player id appears in grain ids, Orleans' logs or storage keys. Every
    /// silo and client of the cluster must have the same one; keep it out of source control (a secret store or an
    /// environment variable, <c>JackpotPush__Channels__GrainKeySecret</c>). Changing it names every channel's grain anew:
    /// live channels start new lives (their checkpoints stay behind under the old keys).</summary>
    /// <value>There is no default: a host without one fails to start with an error that names the setting (a built-in
    /// default would be known to anyone who reads the package, which makes the hash reversible by trying player ids).
    /// At least <see cref="MinimumGrainKeySecretLength"/> characters; for example 32 random bytes in base64.</value>
    public string? GrainKeySecret { get; set; }

    /// <summary>Checks every setting and throws an exception that names the first invalid one.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it by its configuration path.</exception>
    public void Validate()
    {
        const string prefix = "JackpotPush:" + ConfigurationSectionName + ":";
        if (LeaseDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, prefix + nameof(LeaseDuration) + " must be positive.");
        }

        if (RenewInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RenewInterval), RenewInterval, prefix + nameof(RenewInterval) + " must be positive.");
        }

        if (RenewInterval >= LeaseDuration)
        {
            throw new ArgumentException(
                $"{prefix}{nameof(RenewInterval)} ({RenewInterval}) must be shorter than {nameof(LeaseDuration)} ({LeaseDuration}).",
                nameof(RenewInterval));
        }

        if (CheckpointInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckpointInterval), CheckpointInterval, prefix + nameof(CheckpointInterval) + " must be positive.");
        }

        if (CatchUpCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CatchUpCapacity), CatchUpCapacity, prefix + nameof(CatchUpCapacity) + " must be at least 1.");
        }

        if (string.IsNullOrEmpty(GrainKeySecret))
        {
            throw new ArgumentException(
                prefix + nameof(GrainKeySecret) + " is not set. Every silo and client of the cluster needs the same secret for channel grain keys " +
                "(at least " + MinimumGrainKeySecretLength + " characters, e.g. 32 random bytes in base64): see docs/scale-out.md, \"Production checklist\".",
                nameof(GrainKeySecret));
        }

        if (GrainKeySecret.Length < MinimumGrainKeySecretLength)
        {
            throw new ArgumentException(
                $"{prefix}{nameof(GrainKeySecret)} is {GrainKeySecret.Length} characters long; at least {MinimumGrainKeySecretLength} are required.",
                nameof(GrainKeySecret));
        }
    }
}
