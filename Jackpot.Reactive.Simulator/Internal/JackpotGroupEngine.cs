namespace Jackpot.Reactive.Simulator;

/// <summary>
/// The simulated state of one jackpot group, shared by every connection of its broadcast channel. Each value interval
/// it plays the spins of every jackpot (a simulated player may win one), then publishes every jackpot's value.
/// </summary>
/// <remarks>One lock serialises ticks and named wins, so the random sequence, and with it every event, depends only on
/// the seed and the channel name.</remarks>
internal sealed class JackpotGroupEngine : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ChannelName _broadcast;
    private readonly PushEventSimulatorOptions _options;
    private readonly ChannelDirectory _directory;
    private readonly ChannelFeed _feed;
    private readonly Random _random;
    private readonly JackpotState[] _jackpots;
    private ITimer? _timer;
    private bool _disposed;

    public JackpotGroupEngine(ChannelName broadcast, PushEventSimulatorOptions options, ChannelDirectory directory)
    {
        _broadcast = broadcast;
        _options = options;
        _directory = directory;
        _feed = directory.GetFeed(broadcast);
        _random = new Random(JackpotCatalog.RandomSeedFor(broadcast.RawValue, options.RandomSeed));
        var definitions = JackpotCatalog.Create(broadcast, options);
        _jackpots = new JackpotState[definitions.Length];
        for (int i = 0; i < definitions.Length; i++)
        {
            var definition = definitions[i];
            _jackpots[i] = new JackpotState(definition)
            {
                InstanceNumber = _random.Next(1, 50),
                Amount = definition.SeedAmount + (definition.ContributionPerSpin * _random.Next(0, 5000)),
            };
        }
    }

    /// <summary>Starts the value interval, with a first tick at once; does nothing when started or disposed.</summary>
    public void EnsureStarted()
    {
        lock (_gate)
        {
            if (_timer is null && !_disposed)
            {
                _timer = _options.TimeProvider.CreateTimer(
                    static state => ((JackpotGroupEngine)state!).Tick(), this, TimeSpan.Zero, _options.ValueInterval);
            }
        }
    }

    public IReadOnlyList<SimulatedJackpot> Snapshot()
    {
        lock (_gate)
        {
            return [.. _jackpots.Select(j => new SimulatedJackpot(
                j.Definition.Id, new JackpotInstanceId(j.Instance), j.Definition.Currency, j.Amount))];
        }
    }

    /// <summary>Makes <paramref name="player"/> win a jackpot of this group now.</summary>
    /// <exception cref="ArgumentException"><paramref name="jackpot"/> is not a jackpot of this group.</exception>
    public SimulatedWin MakeWin(PlayerId player, JackpotId? jackpot)
    {
        lock (_gate)
        {
            var state = jackpot is { } id
                ? _jackpots.FirstOrDefault(j => j.Definition.Id == id)
                    ?? throw new ArgumentException($"Jackpot '{id}' is not in group '{_broadcast}'.", nameof(jackpot))
                : _jackpots[0];
            return Win(state, player);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var jackpot in _jackpots)
            {
                PlaySpins(jackpot);
            }

            foreach (var jackpot in _jackpots)
            {
                var payload = new JackpotPayload(
                    JackpotReasons.Value, jackpot.Instance, jackpot.Definition.Id.Value, _broadcast.RawValue,
                    jackpot.Definition.Currency, jackpot.Amount, NewInstance: null);
                if (_options.SequenceAmounts)
                {
                    _feed.Publish(static (id, value) => value with { Amount = id }, payload);
                }
                else if (_options.StampAmounts)
                {
                    _feed.Publish(payload with { Amount = System.Diagnostics.Stopwatch.GetTimestamp() / (System.Diagnostics.Stopwatch.Frequency / 1_000_000) });
                }
                else
                {
                    _feed.Publish(payload);
                }
            }
        }
    }

    private void PlaySpins(JackpotState jackpot)
    {
        int spins = _random.Next(0, (2 * _options.SpinsPerInterval) + 1);
        for (int spin = 0; spin < spins; spin++)
        {
            jackpot.Amount += jackpot.Definition.ContributionPerSpin;
            if (_options.WinProbabilityPerSpin > 0 && _random.NextDouble() < _options.WinProbabilityPerSpin)
            {
                string winner = PushEventSimulatorOptions.SimulatedPlayerIdPrefix + _random.Next(1, _options.SimulatedPlayers + 1);
                Win(jackpot, new PlayerId(winner));
            }
        }
    }

    private SimulatedWin Win(JackpotState jackpot, PlayerId player)
    {
        string wonInstance = jackpot.Instance;
        decimal amount = jackpot.Amount;
        jackpot.InstanceNumber++;
        jackpot.Amount = jackpot.Definition.SeedAmount;
        string newInstance = jackpot.Instance;

        var playerChannel = ChannelName.Player(_broadcast.Workspace, player);
        var won = new JackpotPayload(
            JackpotReasons.Won, wonInstance, jackpot.Definition.Id.Value, playerChannel.RawValue,
            jackpot.Definition.Currency, amount, newInstance);
        long playerEventId = _directory.GetFeed(playerChannel).Publish(won);
        long broadcastEventId = _feed.Publish(won with { Reason = JackpotReasons.WonByOther, Channel = _broadcast.RawValue });

        return new SimulatedWin(
            jackpot.Definition.Id, new JackpotInstanceId(wonInstance), new JackpotInstanceId(newInstance),
            jackpot.Definition.Currency, amount, JackpotPayloadFormatter.FormatAmount(amount),
            playerChannel, playerEventId, _broadcast, broadcastEventId);
    }

    private sealed class JackpotState(JackpotDefinition definition)
    {
        public JackpotDefinition Definition { get; } = definition;

        public long InstanceNumber { get; set; }

        public decimal Amount { get; set; }

        public string Instance => Definition.Id.Value + "_" + InstanceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
