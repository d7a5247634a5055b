using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using Bunit;
using Jackpot.Reactive.Blazor;
using Jackpot.Reactive.Samples.Web.Components.Pages;
using Jackpot.Reactive.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Samples.Web.Tests.Pages;

/// <summary>The web board's page: the package's board (tested in Jackpot.Reactive.Blazor.Tests) on the app's feed.</summary>
public sealed class BoardPageTests : BunitContext
{
    private readonly TestScheduler _scheduler = new();
    private readonly Subject<JackpotEvent> _events = new();
    private readonly BehaviorSubject<ChannelStatus> _status = new(new ChannelStatus(ChannelState.Open));
    private readonly Controls _controls = new();

    public BoardPageTests()
    {
        Services.AddSingleton<IJackpotBoardFeed>(new Feed(_events, _status, _controls));
        Services.AddSingleton<IScheduler>(_scheduler);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void BoardPage_Prerendered_SubscribesToNothing()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<BoardPage>();

        _events.HasObservers.Should().BeFalse("the prerendered page is thrown away and must not open a channel");
        _status.HasObservers.Should().BeFalse();
        cut.Find("main [data-board]").HasAttribute("data-interactive").Should().BeFalse();
        cut.Find("[data-spin]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void BoardPage_Interactive_ShowsTheFeedsValues()
    {
        var cut = Render<BoardPage>();
        _events.OnNext(Jackpots.Value("J1", 100m));

        cut.Find("main [data-board]").GetAttribute("data-interactive").Should().Be("true");
        cut.Find("[data-jackpot]").GetAttribute("data-jackpot").Should().Be("J1");
        cut.Find("[data-channel=broadcast]").GetAttribute("data-state").Should().Be("open");
    }

    [Fact]
    public void BoardPage_ControlButtons_CallTheControls()
    {
        var cut = Render<BoardPage>();

        cut.Find("[data-win]").Click();
        cut.Find("[data-drop]").Click();

        _controls.Calls.Should().Equal("win", "drop");
    }

    [Fact]
    public async Task BoardPage_Disposed_UnsubscribesFromTheFeed()
    {
        Render<BoardPage>();

        await DisposeComponentsAsync();

        _events.HasObservers.Should().BeFalse();
        _status.HasObservers.Should().BeFalse();
    }

    private sealed class Feed(Subject<JackpotEvent> events, BehaviorSubject<ChannelStatus> status, Controls controls) : IJackpotBoardFeed
    {
        public PlayerId? Player => null;

        public IObservable<JackpotEvent> Events => events;

        public IObservable<ChannelStatus> BroadcastStatus => status;

        public IObservable<ChannelStatus>? PlayerStatus => null;

        public IJackpotBoardControls? Controls => controls;
    }

    private sealed class Controls : IJackpotBoardControls
    {
        public List<string> Calls { get; } = [];

        public Task MakePlayerWinAsync()
        {
            Calls.Add("win");
            return Task.CompletedTask;
        }

        public Task DropConnectionsAsync()
        {
            Calls.Add("drop");
            return Task.CompletedTask;
        }
    }
}
