using System.Globalization;
using System.Reactive.Concurrency;
using Bunit;
using Jackpot.Reactive.Samples.Web.Board;
using Jackpot.Reactive.Samples.Web.Components.Pages;
using Jackpot.Reactive.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Samples.Web.Tests.Pages;

public sealed class BoardPageTests : BunitContext
{
    private readonly TestScheduler _scheduler = new();
    private readonly FakeJackpotFeed _feed = new();

    public BoardPageTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        Services.AddSingleton<IJackpotFeed>(_feed);
        Services.AddSingleton<IScheduler>(_scheduler);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void BoardPage_Prerendered_SubscribesToNothing()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<BoardPage>();

        _feed.HasObservers.Should().BeFalse("the prerendered page is thrown away and must not open a channel");
        cut.Find("main").HasAttribute("data-interactive").Should().BeFalse();
        cut.Find("[data-spin]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void BoardPage_Interactive_MarksTheCircuitAndSubscribes()
    {
        var cut = Render<BoardPage>();

        cut.Find("main").GetAttribute("data-interactive").Should().Be("true");
        _feed.EventSubject.HasObservers.Should().BeTrue();
        cut.Find("[data-channel=broadcast]").GetAttribute("data-state").Should().Be("open");
    }

    [Fact]
    public void BoardPage_NewValue_MeterCountsThroughIntermediateAmounts()
    {
        var cut = Render<BoardPage>();
        _feed.EventSubject.OnNext(Jackpots.Value("J1", 100m));
        cut.Find("[data-amount]").TextContent.Should().Contain("100.00 EUR");

        _feed.EventSubject.OnNext(Jackpots.Value("J1", 110m));
        _scheduler.AdvanceBy(BoardPage.MeterDuration.Ticks / 2);

        cut.Find("[data-amount]").TextContent.Should().Contain("105.00 EUR");
        cut.Find("[data-amount]").GetAttribute("data-target").Should().Be("110");
        _scheduler.AdvanceBy(BoardPage.MeterDuration.Ticks);
        cut.Find("[data-amount]").TextContent.Should().Contain("110.00 EUR");
        cut.Find("[data-instance]").TextContent.Should().Be("round J1_1");
    }

    [Fact]
    public void BoardPage_PlayerWinsDuringSpin_CelebratesOnlyWhenTheSpinEnds()
    {
        var cut = Render<BoardPage>();
        _feed.EventSubject.OnNext(Jackpots.Value("J1", 100m));

        cut.Find("[data-spin]").Click();
        _feed.EventSubject.OnNext(Jackpots.Won("J1", 120m));
        _feed.EventSubject.OnNext(Jackpots.Value("J1", 10m, instance: "J1_2"));
        _scheduler.AdvanceBy(BoardPage.SpinDuration.Ticks - 1);

        cut.Find("[data-round]").GetAttribute("data-round").Should().Be("running");
        cut.FindAll("[data-celebration]").Should().BeEmpty();
        cut.Find("[data-amount]").TextContent.Should().Contain("100.00", "the new instance's seed is held with the win");

        _scheduler.AdvanceBy(1);

        cut.Find("[data-round]").GetAttribute("data-round").Should().Be("idle");
        cut.Find("[data-celebration]").TextContent.Should().Contain("120.00 EUR");
        cut.Find("[data-amount]").TextContent.Should().Contain("10.00 EUR");
        cut.Find("[data-instance]").TextContent.Should().Be("round J1_2");
    }

    [Fact]
    public void BoardPage_PlayerWinsOutsideRound_CelebratesAtOnceUntilItExpires()
    {
        var cut = Render<BoardPage>();

        _feed.EventSubject.OnNext(Jackpots.Won("J1", 120m));

        cut.Find("[data-celebration]").TextContent.Should().Contain("120.00 EUR");
        _scheduler.AdvanceBy(BoardPage.CelebrationDuration.Ticks);
        cut.FindAll("[data-celebration]").Should().BeEmpty();
    }

    [Fact]
    public void BoardPage_OtherPlayerWins_ShowsAToastUntilItExpires()
    {
        var cut = Render<BoardPage>();

        _feed.EventSubject.OnNext(Jackpots.WonByOther("J2", 75.5m));

        cut.Find("[data-toast]").TextContent.Should().Contain("Somebody won 75.50 EUR on J2");
        cut.FindAll("[data-celebration]").Should().BeEmpty();
        _scheduler.AdvanceBy(BoardPage.ToastDuration.Ticks);
        cut.FindAll("[data-toast]").Should().BeEmpty();
    }

    [Fact]
    public void BoardPage_ChannelReconnecting_CountsDownToTheNextAttempt()
    {
        var cut = Render<BoardPage>();

        _feed.BroadcastStatusSubject.OnNext(new ChannelStatus(ChannelState.Reconnecting) { Attempt = 1, Delay = TimeSpan.FromSeconds(2) });
        var badge = () => cut.Find("[data-channel=broadcast]");
        badge().TextContent.Should().Be("broadcast: reconnecting in 2.0 s (attempt 1)");
        badge().GetAttribute("data-state").Should().Be("reconnecting");

        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(500).Ticks);
        badge().TextContent.Should().Be("broadcast: reconnecting in 1.5 s (attempt 1)");

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);
        badge().TextContent.Should().Be("broadcast: reconnecting now (attempt 1)");

        _feed.BroadcastStatusSubject.OnNext(new ChannelStatus(ChannelState.Open) { Continuity = StreamContinuity.Resumed });
        badge().TextContent.Should().Be("broadcast: open");
        cut.Find("[data-channel=player]").GetAttribute("data-state").Should().Be("open");
    }

    [Fact]
    public void BoardPage_ChannelFails_ShowsWhy()
    {
        var cut = Render<BoardPage>();

        _feed.PlayerStatusSubject.OnNext(new ChannelStatus(ChannelState.Failed) { Cause = new InvalidOperationException("401 Unauthorized") });

        cut.Find("[data-channel=player]").TextContent.Should().Be("player: failed: 401 Unauthorized");
    }

    [Fact]
    public void BoardPage_ControlButtons_CallTheSimulator()
    {
        var cut = Render<BoardPage>();

        cut.Find("[data-win]").Click();
        cut.Find("[data-drop]").Click();

        _feed.PlayerWinsMade.Should().Be(1);
        _feed.Drops.Should().Be(1);
    }

    [Fact]
    public async Task BoardPage_Disposed_UnsubscribesFromTheFeed()
    {
        Render<BoardPage>().Find("[data-spin]").Click();

        await DisposeComponentsAsync();

        _feed.HasObservers.Should().BeFalse();
        _scheduler.AdvanceBy(BoardPage.SpinDuration.Ticks);
    }
}
