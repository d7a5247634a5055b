namespace Jackpot.Reactive.Simulator;

/// <summary>Settings of a <see cref="PushEventSimulator"/>. Every property is validated when it is set.</summary>
/// <remarks>
/// Broadcast channels (<c>&lt;workspace&gt;_broadcast_&lt;group&gt;</c>) of any workspace and group are served, each by
/// its own simulated jackpot group; <see cref="Workspace"/> and <see cref="Group"/> only name the channel that samples and
/// examples use. Restrict workspaces with <see cref="AllowedWorkspaces"/>.
/// </remarks>
public sealed partial class PushEventSimulatorOptions
{
    /// <summary>The default URL: the IPv4 loopback address with a free port.</summary>
    public const string DefaultUrl = "http://127.0.0.1:0";

    /// <summary>The default <see cref="Workspace"/>.</summary>
    public const string DefaultWorkspace = "sim-workspace";

    /// <summary>The default <see cref="Group"/>.</summary>
    public const string DefaultGroup = "sim-group";

    /// <summary>The default <see cref="JackpotsPerGroup"/>.</summary>
    public const int DefaultJackpotsPerGroup = 3;

    /// <summary>The default currency (<see cref="Currencies"/>).</summary>
    public const string DefaultCurrency = "EUR";

    /// <summary>The default <see cref="SpinsPerInterval"/>.</summary>
    public const int DefaultSpinsPerInterval = 20;

    /// <summary>The default <see cref="SimulatedPlayers"/>.</summary>
    public const int DefaultSimulatedPlayers = 5;

    /// <summary>The prefix of the ids of simulated winners: <c>sim-player-1</c> … <c>sim-player-N</c>.</summary>
    public const string SimulatedPlayerIdPrefix = "sim-player-";

    /// <summary>The default <see cref="HistorySize"/>.</summary>
    public const int DefaultHistorySize = 1000;

    /// <summary>The default <see cref="MaxQueuedEventsPerConnection"/>.</summary>
    public const int DefaultMaxQueuedEventsPerConnection = 10_000;

    /// <summary>The default <see cref="RandomSeed"/>.</summary>
    public const int DefaultRandomSeed = 1;

    /// <summary>The default <see cref="WinProbabilityPerSpin"/>.</summary>
    public const double DefaultWinProbabilityPerSpin = 0.0005;

    /// <summary>The largest <see cref="JackpotsPerGroup"/>.</summary>
    public const int MaxJackpotsPerGroup = 100;

    /// <summary>The default <see cref="ValueInterval"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultValueInterval = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="HeartbeatInterval"/>: 15 seconds.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>The default <see cref="ContributionPerSpin"/>: 0.10.</summary>
    public const decimal DefaultContributionPerSpin = 0.10m;

    /// <summary>The default <see cref="SeedAmount"/>: 100.00.</summary>
    public const decimal DefaultSeedAmount = 100.00m;

    private IReadOnlyList<string> _urls = [DefaultUrl];
    private WorkspaceId _workspace = new(DefaultWorkspace);
    private JackpotGroupId _group = new(DefaultGroup);
    private IReadOnlyCollection<WorkspaceId>? _allowedWorkspaces;
    private int _jackpotsPerGroup = DefaultJackpotsPerGroup;
    private IReadOnlyList<string> _currencies = [DefaultCurrency];
    private TimeSpan _valueInterval = DefaultValueInterval;
    private int _spinsPerInterval = DefaultSpinsPerInterval;
    private decimal _contributionPerSpin = DefaultContributionPerSpin;
    private decimal _seedAmount = DefaultSeedAmount;
    private double _winProbabilityPerSpin = DefaultWinProbabilityPerSpin;
    private int _simulatedPlayers = DefaultSimulatedPlayers;
    private TimeSpan _heartbeatInterval = DefaultHeartbeatInterval;
    private int _historySize = DefaultHistorySize;
    private int _maxQueuedEventsPerConnection = DefaultMaxQueuedEventsPerConnection;
    private TimeProvider _timeProvider = TimeProvider.System;
    private SimulatorFaultOptions _faults = new();

    /// <summary>Gets the URLs Kestrel listens on (port 0 picks a free port); <c>https://</c> URLs are served over TLS with
    /// a certificate the simulator makes itself (<see cref="PushEventSimulator.ServerCertificate"/>).</summary>
    /// <value>The default value is <see cref="DefaultUrl"/>.</value>
    /// <exception cref="ArgumentException">The list is empty or holds a URL that is not absolute http or https.</exception>
    public IReadOnlyList<string> Urls
    {
        get => _urls;
        init => _urls = OptionGuard.HttpUrls(value, nameof(Urls));
    }

    /// <summary>Gets the workspace of the example channels (<see cref="PushEventSimulator.BroadcastChannel"/>).</summary>
    /// <value>The default value is <see cref="DefaultWorkspace"/>.</value>
    /// <exception cref="ArgumentException">The id is <see langword="default"/>.</exception>
    public WorkspaceId Workspace
    {
        get => _workspace;
        init => _workspace = OptionGuard.Set(value, value.Value, nameof(Workspace));
    }

    /// <summary>Gets the jackpot group of the example broadcast channel.</summary>
    /// <value>The default value is <see cref="DefaultGroup"/>.</value>
    /// <exception cref="ArgumentException">The id is <see langword="default"/>.</exception>
    public JackpotGroupId Group
    {
        get => _group;
        init => _group = OptionGuard.Set(value, value.Value, nameof(Group));
    }

    /// <summary>Gets the workspaces whose channels are served; requests for other workspaces get 404.</summary>
    /// <value>The default value is <see langword="null"/>: every workspace is served.</value>
    /// <exception cref="ArgumentException">The collection holds a <see langword="default"/> id.</exception>
    public IReadOnlyCollection<WorkspaceId>? AllowedWorkspaces
    {
        get => _allowedWorkspaces;
        init => _allowedWorkspaces = value is null ? null : OptionGuard.AllSet(value, nameof(AllowedWorkspaces));
    }

    /// <summary>Gets the number of jackpots in each group (1 to <see cref="MaxJackpotsPerGroup"/>).</summary>
    /// <value>The default value is <see cref="DefaultJackpotsPerGroup"/>.</value>
    /// <remarks>Jackpot <c>i</c> seeds and grows at <c>10^(i mod 3)</c> times the base amounts (mini, major, grand).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to <see cref="MaxJackpotsPerGroup"/>.</exception>
    public int JackpotsPerGroup
    {
        get => _jackpotsPerGroup;
        init => _jackpotsPerGroup = OptionGuard.InRange(value, 1, MaxJackpotsPerGroup, nameof(JackpotsPerGroup));
    }

    /// <summary>Gets the currencies; jackpot <c>i</c> uses <c>Currencies[i % Count]</c>.</summary>
    /// <value>The default value is <c>["EUR"]</c>.</value>
    /// <exception cref="ArgumentException">The list is empty or holds an empty currency.</exception>
    public IReadOnlyList<string> Currencies
    {
        get => _currencies;
        init => _currencies = OptionGuard.NonEmptyStrings(value, nameof(Currencies));
    }

    /// <summary>Gets how often every jackpot of a group publishes its value.</summary>
    /// <value>The default value is 1 second.</value>
    /// <exception cref="ArgumentOutOfRangeException">The span is zero or negative.</exception>
    public TimeSpan ValueInterval
    {
        get => _valueInterval;
        init => _valueInterval = OptionGuard.Positive(value, nameof(ValueInterval));
    }

    /// <summary>Gets the average number of simulated spins per jackpot and interval (each interval draws 0 to twice this).</summary>
    /// <value>The default value is <see cref="DefaultSpinsPerInterval"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 1,000,000.</exception>
    public int SpinsPerInterval
    {
        get => _spinsPerInterval;
        init => _spinsPerInterval = OptionGuard.InRange(value, 0, 1_000_000, nameof(SpinsPerInterval));
    }

    /// <summary>Gets what one spin adds to the smallest jackpot of a group.</summary>
    /// <value>The default value is 0.10.</value>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public decimal ContributionPerSpin
    {
        get => _contributionPerSpin;
        init => _contributionPerSpin = OptionGuard.NotNegative(value, nameof(ContributionPerSpin));
    }

    /// <summary>Gets the amount the smallest jackpot of a group starts at, and restarts at after a win.</summary>
    /// <value>The default value is 100.00.</value>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public decimal SeedAmount
    {
        get => _seedAmount;
        init => _seedAmount = OptionGuard.NotNegative(value, nameof(SeedAmount));
    }

    /// <summary>Gets the probability that a spin wins its jackpot for a simulated player.</summary>
    /// <value>The default value is <see cref="DefaultWinProbabilityPerSpin"/>.</value>
    /// <remarks>A win publishes <c>jackpot_won</c> on the winner's channel, then <c>jackpot_won_other</c> on the broadcast channel.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1.</exception>
    public double WinProbabilityPerSpin
    {
        get => _winProbabilityPerSpin;
        init => _winProbabilityPerSpin = OptionGuard.Probability(value, nameof(WinProbabilityPerSpin));
    }

    /// <summary>Gets the number of simulated winners, <c>sim-player-1</c> to <c>sim-player-N</c>.</summary>
    /// <value>The default value is <see cref="DefaultSimulatedPlayers"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 1,000.</exception>
    public int SimulatedPlayers
    {
        get => _simulatedPlayers;
        init => _simulatedPlayers = OptionGuard.InRange(value, 1, 1000, nameof(SimulatedPlayers));
    }

    /// <summary>Gets how often every open stream receives a <c>: heartbeat</c> comment.</summary>
    /// <value>The default value is 15 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The span is zero or negative.</exception>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        init => _heartbeatInterval = OptionGuard.Positive(value, nameof(HeartbeatInterval));
    }

    /// <summary>Gets how many recent events each channel keeps for <c>Last-Event-ID</c> replay (0 disables replay).</summary>
    /// <value>The default value is <see cref="DefaultHistorySize"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 1,000,000.</exception>
    public int HistorySize
    {
        get => _historySize;
        init => _historySize = OptionGuard.InRange(value, 0, 1_000_000, nameof(HistorySize));
    }

    /// <summary>Gets how many events may wait for a slow connection before the simulator aborts it.</summary>
    /// <value>The default value is <see cref="DefaultMaxQueuedEventsPerConnection"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 10,000,000.</exception>
    public int MaxQueuedEventsPerConnection
    {
        get => _maxQueuedEventsPerConnection;
        init => _maxQueuedEventsPerConnection = OptionGuard.InRange(value, 1, 10_000_000, nameof(MaxQueuedEventsPerConnection));
    }

    /// <summary>Gets the seed of the simulation: the same seed gives every channel the same sequence of events.</summary>
    /// <value>The default value is <see cref="DefaultRandomSeed"/>.</value>
    public int RandomSeed { get; init; } = DefaultRandomSeed;

    /// <summary>Gets the time source of value intervals, heartbeats, stalls and periodic drops.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        init => _timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }

    /// <summary>Gets a value indicating whether broadcast streams send value events as fast as the connection takes them.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>
    /// In flood mode each broadcast connection writes pre-formatted <c>jackpot_value</c> frames in a tight loop with ids
    /// counting up from its <c>Last-Event-ID</c> (or 1); it does not use the group's shared state, history or heartbeats.
    /// Player channels behave as usual. Stalls and drops still apply.
    /// </remarks>
    public bool FloodMode { get; init; }

    /// <summary>Gets a value indicating whether every <c>jackpot_value</c> event carries its own event id as its amount.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>
    /// With it, the value of the event with <c>id: 1234</c> is <c>"1,234.00"</c>: a client can tell from the decoded events
    /// alone that each subscriber received every event once and in order (the fault matrix and the soak rely on it).
    /// Ids count up per channel, so an event id missing from what a subscriber saw is a lost event, unless it was one the
    /// simulator made malformed or oversized on purpose. The simulated amounts still grow (and wins still happen) behind it.
    /// </remarks>
    public bool SequenceAmounts { get; init; }

    /// <summary>Gets how apps of other origins are served (Cross-Origin Resource Sharing), or null for none.</summary>
    /// <value>The default value is <see langword="null"/>: no CORS header, every preflight refused.</value>
    public SimulatorCorsOptions? Cors { get; init; }

    /// <summary>Gets the faults active when the simulator starts; change them later through <see cref="PushEventSimulator.Faults"/>.</summary>
    /// <value>The default value is no faults.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public SimulatorFaultOptions Faults
    {
        get => _faults;
        init => _faults = value ?? throw new ArgumentNullException(nameof(Faults));
    }
}
