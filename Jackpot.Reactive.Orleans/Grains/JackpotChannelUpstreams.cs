using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// A silo's side of the channel grains: its one <see cref="JackpotPushClient"/> (each grain opens its channel's
/// connection through it), the grain settings, and the upstream connections open now, all closed when the silo stops.
/// </summary>
internal sealed class JackpotChannelUpstreams : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<IDisposable> _open = [];
    private bool _disposed;

    public JackpotChannelUpstreams(
        JackpotPushClient client,
        IOptions<JackpotChannelOptions> options,
        IOptions<JackpotPushSettings> pushSettings,
        JackpotClusterMeter meter,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider timeProvider)
    {
        Client = client;
        Options = options.Value;
        Linger = pushSettings.Value.Linger;
        Meter = meter;
        TimeProvider = timeProvider;
    }

    public JackpotPushClient Client { get; }

    public JackpotChannelOptions Options { get; }

    /// <summary>Gets how long a channel's upstream stays open after the last subscriber in the cluster leaves.</summary>
    public TimeSpan Linger { get; }

    public JackpotClusterMeter Meter { get; }

    /// <summary>Gets Orleans' grain clock (<see cref="TimeProviderNames.Grains"/>, the silo's default
    /// <see cref="System.TimeProvider"/> unless configured otherwise): the clock of the grains' timers, so leases, linger and
    /// checkpoints all follow it, and a test can drive them with a virtual clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the number of upstream connections the silo's grains hold (for tests and diagnostics).</summary>
    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Tracks an upstream; returns false (and the caller closes it) when the silo is stopping.</summary>
    public bool Track(IDisposable upstream)
    {
        lock (_gate)
        {
            return !_disposed && _open.Add(upstream);
        }
    }

    public void Untrack(IDisposable upstream)
    {
        lock (_gate)
        {
            _open.Remove(upstream);
        }
    }

    public void Dispose()
    {
        IDisposable[] open;
        lock (_gate)
        {
            _disposed = true;
            open = [.. _open];
            _open.Clear();
        }

        foreach (var upstream in open)
        {
            upstream.Dispose();
        }
    }
}
