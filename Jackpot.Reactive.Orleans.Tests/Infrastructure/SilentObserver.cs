namespace Jackpot.Reactive.Orleans.Tests.Infrastructure;

/// <summary>A subscriber that drives a channel grain directly and ignores what it gets: a subscribing process that
/// subscribes once and then dies (it never renews, never unsubscribes).</summary>
internal sealed class SilentObserver : IJackpotChannelObserver
{
    public Task OnEvent(ChannelDelivery delivery) => Task.CompletedTask;

    public Task OnStatus(ChannelStatusUpdate update) => Task.CompletedTask;

    public Task OnLeaving() => Task.CompletedTask;
}
