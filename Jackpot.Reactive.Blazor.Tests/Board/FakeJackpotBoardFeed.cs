using System.Reactive.Subjects;

namespace Jackpot.Reactive.Blazor.Tests.Board;

/// <summary>A feed the tests drive: events and statuses come from subjects; subscriptions are counted.</summary>
internal sealed class FakeJackpotBoardFeed : IJackpotBoardFeed, IJackpotBoardControls
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

    public IJackpotBoardControls? Controls => this;

    /// <summary>Gets a value indicating whether anything is subscribed to any of the feed's streams.</summary>
    public bool HasObservers =>
        EventSubject.HasObservers || BroadcastStatusSubject.HasObservers || PlayerStatusSubject.HasObservers;

    public Task MakePlayerWinAsync()
    {
        PlayerWinsMade++;
        return Task.CompletedTask;
    }

    public Task DropConnectionsAsync()
    {
        Drops++;
        return Task.CompletedTask;
    }
}
