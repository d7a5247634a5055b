using System.Reactive.Subjects;
using Jackpot.Reactive.Samples.Web.Board;

namespace Jackpot.Reactive.Samples.Web.Tests.Pages;

/// <summary>A feed the tests drive: events and statuses come from subjects; subscriptions are counted.</summary>
internal sealed class FakeJackpotFeed : IJackpotFeed, ISimulatorControls
{
    public Subject<JackpotEvent> EventSubject { get; } = new();

    public BehaviorSubject<ChannelStatus> BroadcastStatusSubject { get; } = new(new ChannelStatus(ChannelState.Open));

    public BehaviorSubject<ChannelStatus> PlayerStatusSubject { get; } = new(new ChannelStatus(ChannelState.Open));

    public int PlayerWinsMade { get; private set; }

    public int Drops { get; private set; }

    public PlayerId? Player { get; } = new PlayerId("newcomer@example.com");

    public IObservable<JackpotEvent> Events => EventSubject;

    public IObservable<ChannelStatus> BroadcastStatus => BroadcastStatusSubject;

    public IObservable<ChannelStatus>? PlayerStatus => PlayerStatusSubject;

    public ISimulatorControls? Controls => this;

    /// <summary>Gets a value indicating whether anything is subscribed to any of the feed's streams.</summary>
    public bool HasObservers =>
        EventSubject.HasObservers || BroadcastStatusSubject.HasObservers || PlayerStatusSubject.HasObservers;

    public void MakePlayerWin() => PlayerWinsMade++;

    public void DropConnections() => Drops++;
}
