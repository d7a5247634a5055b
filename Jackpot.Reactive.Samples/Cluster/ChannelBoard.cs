using System.Globalization;
using System.Reactive.Linq;

namespace Jackpot.Reactive.Samples;

/// <summary>What the cluster sample shows of one broadcast channel: the library's board model (<c>ToBoard</c>, as the
/// console and web boards show it) over the cluster's channels, the events received, and its status changes (printed as
/// they happen). The board itself on the cluster is the board command's <c>--cluster</c>; this is one line per channel
/// next to the silo that holds it.</summary>
internal sealed class ChannelBoard(ChannelName channel)
{
    private JackpotBoard _board = JackpotBoard.Empty;
    private long _events;

    public ChannelName Channel { get; } = channel;

    public bool Failed { get; private set; }

    /// <summary>Gets the number of events received so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    public IEnumerable<IDisposable> Subscribe(IJackpotChannels channels, TextWriter stdout)
    {
        yield return channels.Status(Channel).Subscribe(status => stdout.WriteLine(
            $"   {Channel.Group}: {status.State}{(status.State == ChannelState.Open ? $" ({status.Continuity})" : string.Empty)}" +
            $"{(status.Cause is { } cause ? $" — {cause.GetType().Name}" : string.Empty)}"));
        var events = channels.Broadcast(Channel.Group).Publish();
        yield return events.Subscribe(
            _ => Interlocked.Increment(ref _events),
            error =>
            {
                Failed = true;
                stdout.WriteLine($"   {Channel.Group}: failed for good: {error.Message}");
            });
        yield return events.ToBoard().Subscribe(board => Volatile.Write(ref _board, board), static _ => { });
        yield return events.Connect();
    }

    public override string ToString()
    {
        var entries = Volatile.Read(ref _board).Entries.Values.OrderBy(e => e.Jackpot.Value, StringComparer.Ordinal);
        var values = entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Jackpot} {e.Amount:N2} {e.Currency}"));
        return $"{Events,6} events  {string.Join(" | ", values)}";
    }
}
