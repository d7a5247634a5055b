using System.Globalization;
using System.Reactive.Concurrency;
using Bunit;
using Jackpot.Reactive.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Blazor.Tests.Board;

public sealed class JackpotBoardViewTests : BunitContext
{
    private readonly TestScheduler _scheduler = new();
    private readonly FakeJackpotBoardFeed _feed = new();

    public JackpotBoardViewTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        Services.AddSingleton<IJackpotBoardFeed>(_feed);
        Services.AddSingleton<IScheduler>(_scheduler);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void JackpotBoardView_Prerendered_SubscribesToNothing()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<JackpotBoardView>();

        _feed.HasObservers.Should().BeFalse("the prerendered page is thrown away and must not open a channel");
        cut.Find("[data-board]").HasAttribute("data-interactive").Should().BeFalse();
        cut.Find("[data-spin]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void JackpotBoardView_Interactive_MarksTheCircuitAndSubscribes()
    {
        var cut = Render<JackpotBoardView>();

        cut.Find("[data-board]").GetAttribute("data-interactive").Should().Be("true");
        _feed.EventSubject.HasObservers.Should().BeTrue();
        cut.Find("[data-channel=broadcast]").GetAttribute("data-state").Should().Be("open");
    }

    [Fact]
    public void JackpotBoardView_NewValue_MeterCountsThroughIntermediateAmounts()
    {
        var cut = Render<JackpotBoardView>();
        _feed.EventSubject.OnNext(Jackpots.Value("J1", 100m));
        cut.Find("[data-amount]").TextContent.Should().Contain("100.00 EUR");

        _feed.EventSubject.OnNext(Jackpots.Value("J1", 110m));
        _scheduler.AdvanceBy(JackpotBoardView.DefaultMeterDuration.Ticks / 2);

        cut.Find("[data-amount]").TextContent.Should().Contain("105.00 EUR");
        cut.Find("[data-amount]").GetAttribute("data-target").Should().Be("110");
        _scheduler.AdvanceBy(JackpotBoardView.DefaultMeterDuration.Ticks);
        cut.Find("[data-amount]").TextContent.Should().Contain("110.00 EUR");
        cut.Find("[data-instance]").TextContent.Should().Be("round J1_1");
    }

    [Fact]
    public void JackpotBoardView_PlayerWinsDuringSpin_CelebratesOnlyWhenTheSpinEnds()
    {
        var cut = Render<JackpotBoardView>();
        _feed.EventSubject.OnNext(Jackpots.Value("J1", 100m));

        cut.Find("[data-spin]").Click();
        _feed.EventSubject.OnNext(Jackpots.Won("J1", 120m));
        _feed.EventSubject.OnNext(Jackpots.Value("J1", 10m, instance: "J1_2"));
        _scheduler.AdvanceBy(JackpotBoardView.DefaultSpinDuration.Ticks - 1);

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
    public void JackpotBoardView_PlayerWinsOutsideRound_CelebratesAtOnceUntilItExpires()
    {
        var cut = Render<JackpotBoardView>();

        _feed.EventSubject.OnNext(Jackpots.Won("J1", 120m));

        cut.Find("[data-celebration]").TextContent.Should().Contain("120.00 EUR");
        _scheduler.AdvanceBy(JackpotBoardView.DefaultCelebrationDuration.Ticks);
        cut.FindAll("[data-celebration]").Should().BeEmpty();
    }

    [Fact]
    public void JackpotBoardView_OtherPlayerWins_ShowsAToastUntilItExpires()
    {
        var cut = Render<JackpotBoardView>();

        _feed.EventSubject.OnNext(Jackpots.WonByOther("J2", 75.5m));

        cut.Find("[data-toast]").TextContent.Should().Contain("Somebody won 75.50 EUR on J2");
        cut.FindAll("[data-celebration]").Should().BeEmpty();
        _scheduler.AdvanceBy(JackpotBoardView.DefaultToastDuration.Ticks);
        cut.FindAll("[data-toast]").Should().BeEmpty();
    }

    [Fact]
    public void JackpotBoardView_ChannelReconnecting_CountsDownToTheNextAttempt()
    {
        var cut = Render<JackpotBoardView>();

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
    public void JackpotBoardView_ChannelFails_ShowsWhy()
    {
        var cut = Render<JackpotBoardView>();

        _feed.PlayerStatusSubject.OnNext(new ChannelStatus(ChannelState.Failed) { Cause = new InvalidOperationException("401 Unauthorized") });

        cut.Find("[data-channel=player]").TextContent.Should().Be("player: failed: 401 Unauthorized");
    }

    [Fact]
    public void JackpotBoardView_ControlButtons_CallTheSimulator()
    {
        var cut = Render<JackpotBoardView>();

        cut.Find("[data-win]").Click();
        cut.Find("[data-drop]").Click();

        _feed.PlayerWinsMade.Should().Be(1);
        _feed.Drops.Should().Be(1);
    }

    [Fact]
    public async Task JackpotBoardView_Disposed_UnsubscribesFromTheFeed()
    {
        Render<JackpotBoardView>().Find("[data-spin]").Click();

        await DisposeComponentsAsync();

        _feed.HasObservers.Should().BeFalse();
        _scheduler.AdvanceBy(JackpotBoardView.DefaultSpinDuration.Ticks);
    }

    [Fact]
    public void JackpotBoardView_SpinDurationParameter_EndsTheRoundThen()
    {
        var spin = TimeSpan.FromSeconds(1);
        var cut = Render<JackpotBoardView>(parameters => parameters.Add(p => p.SpinDuration, spin));

        cut.Find("[data-spin]").Click();
        _scheduler.AdvanceBy(spin.Ticks - 1);
        cut.Find("[data-round]").GetAttribute("data-round").Should().Be("running");
        _scheduler.AdvanceBy(1);

        cut.Find("[data-round]").GetAttribute("data-round").Should().Be("idle");
    }

    [Fact]
    public void JackpotBoardView_OverAJackpotBoardFeed_ShowsTheChannelsValuesAndStatus()
    {
        using var context = new BunitContext();
        var service = new VirtualPushService(_scheduler, TimeSpan.FromMilliseconds(100));
        service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("-a", new Dictionary<char, JackpotEvent> { ['a'] = Jackpots.Value("J1", 250m) });
        using var client = service.CreateClient();
        context.Services.AddSingleton<IJackpotBoardFeed>(new JackpotBoardFeed(client, Jackpots.DefaultGroup, scheduler: _scheduler));
        context.Services.AddSingleton<IScheduler>(_scheduler);
        context.SetRendererInfo(new RendererInfo("WebAssembly", isInteractive: true));

        var cut = context.Render<JackpotBoardView>();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        cut.Find("[data-channel=broadcast]").GetAttribute("data-state").Should().Be("open");
        cut.FindAll("[data-channel=player]").Should().BeEmpty("the feed follows no player");
        cut.Find("[data-jackpot=J1] [data-amount]").TextContent.Should().Contain("250.00 EUR");
    }
}
