using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

/// <summary><see cref="VirtualPushService.CreateClient(ReconnectPolicy?, TimeSpan?, WorkspaceId?)"/>, its options overloads and <see cref="VirtualPushService.DefaultClientOptions"/>.</summary>
public sealed class VirtualPushServiceClientTests
{
    [Fact]
    public void CreateClient_Defaults_DefaultWorkspaceNoLingerAndBackoffWithoutJitter()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var broadcast = service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("#").Attempt("#");
        using var client = service.CreateClient();

        test.ExpectObservable(client.Broadcast(Jackpots.DefaultGroup), "^ 4s !").ToBe("");
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("(^!)", "1s (^!)", "3s ^ 1s !");
        test.Flush();

        client.Workspace.Should().Be(Jackpots.DefaultWorkspace);
        VirtualPushService.DefaultClientReconnect.RandomSource().Should().Be(0);
        VirtualPushService.DefaultClientReconnect.Should().Be(
            ReconnectPolicy.Default with { JitterRatio = 0, RandomSource = VirtualPushService.DefaultClientReconnect.RandomSource });
    }

    [Fact]
    public void CreateClient_Arguments_SetReconnectLingerAndWorkspace()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var workspace = new WorkspaceId("W2");
        var broadcast = service.Channel(ChannelName.Broadcast(workspace, Jackpots.DefaultGroup)).Attempt("#");
        var reconnect = ReconnectPolicy.Default with { InitialDelay = TimeSpan.FromMilliseconds(3), JitterRatio = 0 };
        using var client = service.CreateClient(reconnect, linger: TimeSpan.FromMilliseconds(2), workspace: workspace);

        test.ExpectObservable(client.Broadcast(Jackpots.DefaultGroup), "^-----!").ToBe("");
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("(^!)", "---^----!");
        test.Flush();

        client.Workspace.Should().Be(workspace);
    }

    [Fact]
    public void ClientOverTheService_LibraryOptions_AreUsedAsGivenOnTheServiceScheduler()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var options = new JackpotPushClientOptions
        {
            Workspace = Jackpots.DefaultWorkspace,
            ExtraHeaders = [new("Authorization", "Bearer token")],
        };
        using var client = new JackpotPushClient(options, service, service.Scheduler, loggerFactory: null);

        test.ExpectObservable(client.Broadcast(Jackpots.DefaultGroup), "^-!").ToBe("");
        test.ExpectSubscriptions(service.Channel(Jackpots.DefaultBroadcastChannel).Subscriptions).ToBe("^- 5s !");
        test.Flush();

        service.Attempts.Should().ContainSingle().Which.Headers.Should().Contain(new KeyValuePair<string, string>("Authorization", "Bearer token"));
    }

    [Fact]
    public void CreateClient_DefaultClientOptionsWithHeadersAndIdleTimeout_KeepsNoLingerAndNoJitter()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var broadcast = service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("-#").Attempt(a => a.Open().Stall());
        using var client = service.CreateClient(VirtualPushService.DefaultClientOptions with
        {
            ExtraHeaders = [new("Authorization", "Bearer token")],
            IdleTimeout = TimeSpan.FromSeconds(30),
        });

        test.ExpectObservable(client.Broadcast(Jackpots.DefaultGroup), "^ 1s --!").ToBe("");
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^!", "- 1s ^-!");
        test.Flush();

        service.Attempts.Should().AllSatisfy(a => a.Headers.Should().Contain(new KeyValuePair<string, string>("Authorization", "Bearer token")));
    }

    [Fact]
    public void DefaultClientOptions_AreTheTestDefaultsAndTheLibrarysForTheRest()
    {
        var options = VirtualPushService.DefaultClientOptions;
        var library = new JackpotPushClientOptions();

        options.Workspace.Should().Be(Jackpots.DefaultWorkspace);
        options.Reconnect.Should().BeSameAs(VirtualPushService.DefaultClientReconnect);
        options.Linger.Should().Be(TimeSpan.Zero);
        options.IdleTimeout.Should().Be(library.IdleTimeout);
        options.MaxEventSize.Should().Be(library.MaxEventSize);
        options.ExtraHeaders.Should().BeEmpty();
        options.Endpoint.Should().Be(library.Endpoint);
        (options with { Linger = TimeSpan.FromSeconds(1) }).Reconnect.Should().BeSameAs(VirtualPushService.DefaultClientReconnect);
    }

    [Fact]
    public void CreateClient_InvalidOptions_Throw()
    {
        var service = new VirtualPushService(new TestScheduler());

        FluentActions.Invoking(() => service.CreateClient((JackpotPushClientOptions)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => service.CreateClient(VirtualPushService.DefaultClientOptions with { IdleTimeout = TimeSpan.Zero }))
            .Should().Throw<ArgumentException>().WithMessage("JackpotPush:IdleTimeout must be positive*");
    }

    [Fact]
    public void CreateClient_InvalidArguments_Throw()
    {
        var service = new VirtualPushService(new TestScheduler());

        FluentActions.Invoking(() => service.CreateClient(linger: TimeSpan.FromSeconds(-1)))
            .Should().Throw<ArgumentException>().WithMessage("JackpotPush:Linger must not be negative*");
        FluentActions.Invoking(() => service.CreateClient(workspace: default(WorkspaceId)))
            .Should().Throw<ArgumentException>().WithMessage("*Workspace*");
    }
}
