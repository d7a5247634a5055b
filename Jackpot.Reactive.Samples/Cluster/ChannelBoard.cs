using System.Globalization;
using Jackpot.Reactive.Orleans;

namespace Jackpot.Reactive.Samples;

/// <summary>What the cluster sample shows of one broadcast channel: its jackpots' latest values, the events received and
/// its status changes (printed as they happen).</summary>
internal sealed class ChannelBoard(ChannelName channel)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, JackpotEvent> _jackpots = new(StringComparer.Ordinal);
    private long _events;

    public ChannelName Channel { get; } = channel;

    public bool Failed { get; private set; }

    /// <summary>Gets the number of events received so far.</summary>
    public long Events
    {
        get
        {
            lock (_gate)
            {
                return _events;
            }
        }
    }

    public IEnumerable<IDisposable> Subscribe(JackpotClusterChannels channels, TextWriter stdout)
    {
        yield return channels.Status(Channel).Subscribe(status => stdout.WriteLine(
            $"   {Channel.Group}: {status.State}{(status.State == ChannelState.Open ? $" ({status.Continuity})" : string.Empty)}" +
            $"{(status.Cause is { } cause ? $" — {cause.GetType().Name}" : string.Empty)}"));
        yield return channels.Broadcast(Channel.Group).Subscribe(
            e =>
            {
                lock (_gate)
                {
                    _events++;
                    _jackpots[e.Jackpot.Value] = e;
                }
            },
            error =>
            {
                Failed = true;
                stdout.WriteLine($"   {Channel.Group}: failed for good: {error.Message}");
            });
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var values = _jackpots.Values.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Jackpot} {e.Amount:N2} {e.Currency}"));
            return $"{_events,6} events  {string.Join(" | ", values)}";
        }
    }
}
