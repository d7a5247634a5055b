using System.Collections.Immutable;
using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// The pipeline as a good developer would compose it from Rx.NET over System.Text.Json DTOs: values sampled per jackpot
/// with <c>GroupBy</c>/<c>Sample</c> (wins passed straight through), instance changes with a <c>Scan</c> over an immutable
/// map, player wins merged with <c>Merge</c>, and the board folded with a <c>Scan</c> into an immutable dictionary.
/// </summary>
internal static class StraightforwardPipeline
{
    public static IObservable<JackpotEventDto> Throttle(IObservable<JackpotEventDto> source, TimeSpan interval, IScheduler scheduler) =>
        source.Publish(events => events
            .Where(static e => e.Reason == JackpotReasons.Value)
            .GroupBy(static e => e.Jackpot)
            .SelectMany(jackpot => jackpot.Sample(interval, scheduler))
            .Merge(events.Where(static e => e.Reason != JackpotReasons.Value)));

    public static IObservable<(string Jackpot, string? Previous, string Current)> InstanceChanges(IObservable<JackpotEventDto> source) =>
        source
            .Scan(
                (Instances: ImmutableDictionary<string, string>.Empty, Change: ((string, string?, string)?)null),
                static (state, e) =>
                {
                    string? current = e.JackpotNewInstance ?? e.JackpotInstance;
                    if (e.Jackpot is not { } jackpot || current is null)
                    {
                        return (state.Instances, null);
                    }

                    bool known = state.Instances.TryGetValue(jackpot, out var previous);
                    return known && previous == current
                        ? (state.Instances, null)
                        : (state.Instances.SetItem(jackpot, current), (jackpot, previous, current));
                })
            .Where(static state => state.Change is not null)
            .Select(static state => state.Change!.Value);

    public static IObservable<ImmutableDictionary<string, BoardRow>> Board(IObservable<JackpotEventDto> source) =>
        source.Scan(ImmutableDictionary<string, BoardRow>.Empty, static (board, e) =>
        {
            if (e.Jackpot is not { } jackpot)
            {
                return board;
            }

            board.TryGetValue(jackpot, out var row);
            return e.Reason == JackpotReasons.Value
                ? board.SetItem(jackpot, new BoardRow(e.JackpotInstance ?? "", e.Currency ?? "", decimal.Parse(e.Value ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture), row?.LastWin))
                : board.SetItem(jackpot, new BoardRow(e.JackpotNewInstance ?? "", e.Currency ?? "", row?.Amount ?? 0m, e));
        });

    internal sealed record BoardRow(string Instance, string Currency, decimal Amount, JackpotEventDto? LastWin);
}
