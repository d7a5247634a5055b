using System.Diagnostics;
using Jackpot.Reactive.Orleans;

namespace Jackpot.Reactive.Samples;

/// <summary>One channel in a crash run: what the cluster delivers and what the service sends (read directly), each
/// event with its time, and the statuses.</summary>
internal sealed class WatchedChannel(ChannelName channel, Stopwatch clock)
{
    private readonly Lock _gate = new();
    private readonly List<(TimeSpan At, JackpotEvent Event)> _received = [];
    private readonly List<JackpotEvent> _sent = [];
    private readonly List<(TimeSpan At, ChannelStatus Status)> _statuses = [];

    public ChannelName Channel => channel;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _received.Count;
            }
        }
    }

    public IEnumerable<IDisposable> Subscribe(JackpotClusterChannels channels, JackpotPushClient direct)
    {
        yield return direct.CreateConnection(channel, null).Subscribe(e =>
        {
            var parsed = JackpotEvent.Parse(e.Data.Span);
            lock (_gate)
            {
                _sent.Add(parsed);
            }
        });
        yield return channels.Status(channel).Subscribe(s =>
        {
            lock (_gate)
            {
                _statuses.Add((clock.Elapsed, s));
            }
        });
        yield return channels.Channel(channel).Subscribe(e =>
        {
            lock (_gate)
            {
                _received.Add((clock.Elapsed, e));
            }
        });
    }

    public TimeSpan? FirstAfter(TimeSpan at)
    {
        lock (_gate)
        {
            return _received.FirstOrDefault(r => r.At > at) is { Event: not null } first ? first.At : null;
        }
    }

    public ChannelFailover Result(TimeSpan killedAt, bool onKilledSilo)
    {
        lock (_gate)
        {
            var first = FirstAfter(killedAt);
            var after = _received.Where(r => first is { } f && r.At >= f).Select(r => r.At).ToList();
            var longest = after.Zip(after.Skip(1), (a, b) => b - a).DefaultIfEmpty().Max();
            var (lost, duplicated, compared) = Compare(_sent, [.. _received.Select(r => r.Event)]);
            return new ChannelFailover(
                channel, onKilledSilo, first - killedAt, longest, lost, duplicated, compared,
                [.. _statuses.Where(s => s.At >= killedAt).Select(s => (s.At - killedAt, s.Status))]);
        }
    }

    /// <summary>Walks the subscriber's events along the service's (after the first few, which may predate the reference
    /// connection): an event the subscriber skipped is lost, one it got again is duplicated.</summary>
    internal static (int Lost, int Duplicated, int Compared) Compare(IReadOnlyList<JackpotEvent> sent, IReadOnlyList<JackpotEvent> received)
    {
        const int Skip = 10;
        const int Anchor = 5;
        if (received.Count < Skip + Anchor)
        {
            return (0, 0, 0);
        }

        int start = -1;
        for (int p = 0; p + Anchor <= sent.Count && start < 0; p++)
        {
            if (Enumerable.Range(0, Anchor).All(k => sent[p + k].Equals(received[Skip + k])))
            {
                start = p;
            }
        }

        if (start < 0)
        {
            return (0, 0, -1);
        }

        int i = start, j = Skip, lost = 0, duplicated = 0;
        while (j < received.Count && i < sent.Count)
        {
            if (sent[i].Equals(received[j]))
            {
                i++;
                j++;
            }
            else if (Enumerable.Range(Math.Max(start, i - 50), Math.Min(50, i - start)).Any(k => sent[k].Equals(received[j])))
            {
                duplicated++;
                j++;
            }
            else
            {
                lost++;
                i++;
            }
        }

        return (lost, duplicated, j - Skip);
    }
}
