using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Jackpot.Reactive.Blazor;

/// <summary>What the board shows for one channel's connection.</summary>
/// <param name="State">connecting, open, reconnecting, failed or closed: the page's <c>data-state</c>.</param>
/// <param name="Attempt">While reconnecting: the attempt that comes next.</param>
/// <param name="Remaining">While reconnecting: the time until the next attempt.</param>
/// <param name="Detail">Why a channel failed, or that events may have been missed across a reconnect.</param>
public sealed record ChannelStatusLine(string State, int Attempt = 0, TimeSpan Remaining = default, string? Detail = null)
{
    /// <summary>How often the reconnect countdown is updated.</summary>
    public static readonly TimeSpan CountdownStep = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the line shown before the first status.</summary>
    public static ChannelStatusLine Connecting { get; } = new("connecting");

    /// <summary>Gets the text, in the current culture, e.g. <c>reconnecting in 0.8 s (attempt 1)</c>.</summary>
    public string Text => State switch
    {
        "reconnecting" when Remaining > TimeSpan.Zero => string.Create(
            CultureInfo.CurrentCulture, $"reconnecting in {Math.Ceiling(Remaining.TotalSeconds * 10) / 10:0.0} s (attempt {Attempt})"),
        "reconnecting" => string.Create(CultureInfo.CurrentCulture, $"reconnecting now (attempt {Attempt})"),
        _ when Detail is not null => $"{State}: {Detail}",
        _ => State,
    };

    /// <summary>Turns a channel's statuses into lines; while reconnecting, the next attempt's countdown ticks down.</summary>
    /// <param name="statuses">The channel's statuses.</param>
    /// <param name="scheduler">Times the countdown.</param>
    /// <returns>The lines.</returns>
    public static IObservable<ChannelStatusLine> Describe(IObservable<ChannelStatus> statuses, IScheduler scheduler) =>
        statuses.Select(status => status.State == ChannelState.Reconnecting
                ? Countdown(status, scheduler)
                : Observable.Return(Describe(status)))
            .Switch()
            .DistinctUntilChanged();

    private static IObservable<ChannelStatusLine> Countdown(ChannelStatus status, IScheduler scheduler) =>
        Observable.Defer(() =>
        {
            var start = scheduler.Now;
            return Observable.Interval(CountdownStep, scheduler)
                .Select(_ => status.Delay - (scheduler.Now - start))
                .StartWith(status.Delay)
                .TakeWhile(remaining => remaining > TimeSpan.Zero)
                .Concat(Observable.Return(TimeSpan.Zero))
                .Select(remaining => new ChannelStatusLine("reconnecting", status.Attempt, remaining));
        });

    private static ChannelStatusLine Describe(ChannelStatus status) => status.State switch
    {
        ChannelState.Connecting => Connecting,
        ChannelState.Open => new("open", Detail: status.Continuity == StreamContinuity.GapPossible ? "events may have been missed" : null),
        ChannelState.Failed => new("failed", Detail: status.Cause?.Message ?? "gave up"),
        _ => new("closed"),
    };
}
