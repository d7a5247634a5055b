using System.Collections.Concurrent;

namespace Jackpot.Reactive.Simulator;

/// <summary>The simulator's channels: one feed per channel name and one engine per broadcast channel, made on first use.</summary>
internal sealed class ChannelDirectory : IDisposable
{
    private readonly ConcurrentDictionary<string, ChannelFeed> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<JackpotGroupEngine>> _engines = new(StringComparer.Ordinal);
    private readonly PushEventSimulatorOptions _options;
    private readonly SimulatorFaults _faults;
    private volatile bool _disposed;

    public ChannelDirectory(PushEventSimulatorOptions options, SimulatorFaults faults)
    {
        _options = options;
        _faults = faults;
    }

    public ChannelFeed GetFeed(ChannelName channel) =>
        _feeds.GetOrAdd(channel.RawValue, static (_, state) => new ChannelFeed(state.channel, state.self._options.HistorySize, state.self._faults), (channel, self: this));

    /// <summary>Gets the engine of a broadcast channel (without starting it).</summary>
    public JackpotGroupEngine GetEngine(ChannelName broadcast)
    {
        if (broadcast.Kind != ChannelKind.Broadcast)
        {
            throw new ArgumentException("Only broadcast channels have a jackpot group.", nameof(broadcast));
        }

        var engine = _engines.GetOrAdd(
            broadcast.RawValue,
            static (_, state) => new Lazy<JackpotGroupEngine>(() => new JackpotGroupEngine(state.broadcast, state.self._options, state.self)),
            (broadcast, self: this)).Value;
        if (_disposed)
        {
            engine.Dispose();
        }

        return engine;
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var engine in _engines.Values)
        {
            if (engine.IsValueCreated)
            {
                engine.Value.Dispose();
            }
        }
    }
}
