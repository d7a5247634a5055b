using System.Net;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Channels;

/// <summary>The client end to end on the virtual push service, in marbles of one second per frame.</summary>
public sealed partial class JackpotPushClientTests
{
    private static readonly JackpotGroupId Group = Jackpots.DefaultGroup;
    private static readonly ChannelName BroadcastChannel = Jackpots.DefaultBroadcastChannel;
    private static readonly PlayerId Player = new("p@x.com");

    /// <summary>Retries after exactly 3 s, then 6 s (the random source draws no jitter).</summary>
    private static readonly ReconnectPolicy Policy = new()
    {
        InitialDelay = TimeSpan.FromSeconds(3),
        MaxDelay = TimeSpan.FromSeconds(8),
        RandomSource = () => 0,
    };

    private static JackpotPushClientOptions Options(double lingerSeconds = 0) => new()
    {
        Workspace = Jackpots.DefaultWorkspace,
        Endpoint = new Uri("https://push.example/subscribe"),
        Reconnect = Policy,
        Linger = TimeSpan.FromSeconds(lingerSeconds),
    };

    /// <summary>A client with exactly these options (the library's defaults for the rest) over the virtual service.</summary>
    private static JackpotPushClient Client(VirtualPushService service, JackpotPushClientOptions options) =>
        new(options, service, service.Scheduler, loggerFactory: null);

    private static MarbleTest SecondFrames() => new(new MarbleTestOptions { FrameLength = TimeSpan.FromSeconds(1) });

    [Fact]
    public void Constructor_InvalidOptions_NameTheOption()
    {
        var transport = new VirtualPushService(new TestScheduler());

        FluentActions.Invoking(() => new JackpotPushClient(null!, transport, null, null)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new JackpotPushClient(Options(), (ISseTransport)null!, null, null)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions(), transport, null, null))
            .Should().Throw<ArgumentException>().WithMessage("*Workspace*");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Jackpots.DefaultWorkspace, Linger = TimeSpan.FromSeconds(-1) }, transport, null, null))
            .Should().Throw<ArgumentException>().WithMessage("JackpotPush:Linger must not be negative (was -00:00:01).");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Jackpots.DefaultWorkspace, IdleTimeout = TimeSpan.Zero }, transport, null, null))
            .Should().Throw<ArgumentException>().WithMessage("JackpotPush:IdleTimeout must be positive, or unset for none (was 00:00:00).");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Jackpots.DefaultWorkspace, MaxEventSize = 0 }, transport, null, null))
            .Should().Throw<ArgumentException>().WithMessage("JackpotPush:MaxEventSize must be positive (was 0).");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Jackpots.DefaultWorkspace, Endpoint = new Uri("ftp://x/") }, transport, null, null))
            .Should().Throw<ArgumentException>().WithMessage("*Endpoint*");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Jackpots.DefaultWorkspace, ExtraHeaders = [new("X-Token", "a\r\nInjected: 1")] }, transport, null, null))
            .Should().Throw<ArgumentException>().WithMessage("JackpotPush:ExtraHeaders:X-Token must have a value without CR, LF or NUL.");
    }

    [Fact]
    public void Broadcast_ManySubscribersAndCalls_ShareOneConnection()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J1", 11m);
        var broadcast = service.Channel(BroadcastChannel).Attempt("-ab", values);
        using var client = Client(service, Options());

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-ab", values);
        test.ExpectObservable(client.Broadcast(new JackpotGroupId("G1"))).ToBe("-ab", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^");
        test.Flush();

        broadcast.Attempts.Should().ContainSingle().Which.Uri.Should().Be(new Uri("https://push.example/subscribe?channel=W1_broadcast_G1"));
    }

    [Fact]
    public void Broadcast_LastSubscriberLeaves_ConnectionLingersThenCloses()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        using var client = Client(service, Options(lingerSeconds: 5));
        var stream = client.Broadcast(Group);

        test.ExpectObservable(stream, "-^!").ToBe("");
        test.ExpectObservable(stream, "----^-!").ToBe("");
        test.ExpectSubscriptions(service.Channel(BroadcastChannel).Subscriptions).ToBe("-^---------!");

        test.Flush();
    }

    [Fact]
    public void Broadcast_SubscribeAfterLinger_Reconnects()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        using var client = Client(service, Options(lingerSeconds: 2));
        var stream = client.Broadcast(Group);

        test.ExpectObservable(stream, "-(^!)").ToBe("");
        test.ExpectObservable(stream, "----------^").ToBe("");
        test.ExpectSubscriptions(service.Channel(BroadcastChannel).Subscriptions).ToBe("-^-!", "----------^");

        test.Flush();
    }

    [Fact]
    public void Broadcast_ZeroLinger_ClosesAtOnce()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        using var client = Client(service, Options(lingerSeconds: 0));

        test.ExpectObservable(client.Broadcast(Group), "-^-!").ToBe("");
        test.ExpectSubscriptions(service.Channel(BroadcastChannel).Subscriptions).ToBe("-^-!");

        test.Flush();
    }

    [Fact]
    public void Broadcast_LateSubscriber_GetsLatestValueOfEachJackpotThenLive()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J2", 20m).Value('c', "J1", 11m).Value('d', "J2", 21m);
        service.Channel(BroadcastChannel).Attempt("-abc--d", values);
        using var client = Client(service, Options());

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-abc--d", values);
        test.ExpectObservable(client.Broadcast(Group), "----^").ToBe("----(cb)-d", values);
        test.ExpectSubscriptions(service.Channel(BroadcastChannel).Subscriptions).ToBe("^");

        test.Flush();
    }

    [Fact]
    public void Broadcast_WinClearsThatJackpotsSnapshot_AndWinsAreNotReplayed()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J2", 20m).WonByOther('w', "J1", 500m);
        service.Channel(BroadcastChannel).Attempt("-abw", values);
        using var client = Client(service, Options());

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-abw", values);
        test.ExpectObservable(client.Broadcast(Group), "----^").ToBe("----b", values);

        test.Flush();
    }

    [Fact]
    public void Player_LateSubscriber_GetsNoSnapshot()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var playerChannel = ChannelName.Player(Jackpots.DefaultWorkspace, Player);
        var values = new JackpotMarbleValues(BroadcastChannel, playerChannel).Won('w', "J1", 1408.20m);
        var channel = service.Channel(playerChannel).Attempt("-w", values);
        using var client = Client(service, Options());

        test.ExpectObservable(client.Player(Player)).ToBe("-w", values);
        test.ExpectObservable(client.Player(Player), "--^").ToBe("");
        test.Flush();

        channel.Attempts.Should().ContainSingle().Which.Uri.Query.Should().Be("?channel=W1_user_p%40x.com");
    }

    [Fact]
    public void Broadcast_RetriedFailure_NeverReachesSubscribers()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 10m).Value('b', "J1", 12m);
        var broadcast = service.Channel(BroadcastChannel)
            .Attempt("-a#", values)
            .Attempt(a => a.Wait(TimeSpan.FromSeconds(1)).Respond(HttpStatusCode.ServiceUnavailable))
            .Attempt("-b", values);
        using var client = Client(service, Options());

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-a-----------b", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^-!", "-----^!", "------------^");
        test.Flush();

        broadcast.Attempts.Select(a => a.LastEventId ?? string.Empty).Should().Equal(string.Empty, "1", "1");
    }

    [Fact]
    public void Broadcast_TerminalFailure_ReachesEverySubscriber_AndLaterSubscriptionTriesAfresh()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 1m);
        var broadcast = service.Channel(BroadcastChannel)
            .Attempt(a => a.Wait(TimeSpan.FromSeconds(1)).Respond(HttpStatusCode.Unauthorized))
            .Attempt("-a", values);
        using var client = Client(service, Options());
        var unauthorized = new SseHttpException(HttpStatusCode.Unauthorized, null, new Dictionary<string, IReadOnlyList<string>>(), null);

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-#", error: unauthorized);
        test.ExpectObservable(client.Broadcast(Group)).ToBe("-#", error: unauthorized);
        test.ExpectObservable(client.Broadcast(Group), "--^").ToBe("---a", values);
        test.ExpectSubscriptions(broadcast.Subscriptions).ToBe("^!", "--^");

        test.Flush();
    }

    [Fact]
    public void Broadcast_MalformedPayload_IsReportedAndSkipped()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues { { 'u', Jackpots.Unknown("jackpot_next", "J9") } }.Value('v', "J1", 10m);
        service.Channel(BroadcastChannel).Attempt(a => a.Wait(TimeSpan.FromSeconds(1)).Text("data: {\"reason\":\"jackpot_value\"\n\n").Marbles("-uv", values));
        using var client = Client(service, Options());
        var diagnostics = new List<JackpotPushDiagnostic>();
        using var subscription = client.Diagnostics.Subscribe(diagnostics.Add);

        test.ExpectObservable(client.Broadcast(Group)).ToBe("--uv", values);
        test.Flush();

        diagnostics.Should().ContainSingle().Which.PayloadPreview.Should().StartWith("{\"reason\"");
        client.MalformedEventCount.Should().Be(1);
    }

    [Fact]
    public void Player_MalformedPayload_PreviewRedactsThePlayerId()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var secret = new PlayerId("secret-player-42");
        service.Channel(ChannelName.Player(Jackpots.DefaultWorkspace, secret))
            .Attempt(a => a.Wait(TimeSpan.FromSeconds(1)).Text("data: {\"channel\":\"W1_user_secret-player-42\", oops\n\n"));
        using var client = Client(service, Options());
        var diagnostics = new List<JackpotPushDiagnostic>();
        using var subscription = client.Diagnostics.Subscribe(diagnostics.Add);

        test.ExpectObservable(client.Player(secret)).ToBe("");
        test.Flush();

        var diagnostic = diagnostics.Should().ContainSingle().Subject;
        diagnostic.PayloadPreview.Should().NotContain("secret-player-42");
        diagnostic.Channel.ToString().Should().NotContain("secret-player-42");
    }

    [Fact]
    public void Status_ReplaysCurrentStatusToNewSubscriber()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        service.Channel(BroadcastChannel).Attempt(a => a.Wait(TimeSpan.FromSeconds(1)).Open());
        using var client = Client(service, Options());

        test.ExpectObservable(client.Broadcast(Group)).ToBe("");
        test.ExpectObservable(client.Status(BroadcastChannel).Select(s => s.State), "--^")
            .ToBe("--o", new Dictionary<char, ChannelState> { ['o'] = ChannelState.Open });

        test.Flush();
    }

    [Fact]
    public void Dispose_CompletesEveryStreamAndClosesEveryConnection()
    {
        var test = SecondFrames();
        var service = new VirtualPushService(test);
        var client = Client(service, Options(lingerSeconds: 30));
        test.Scheduler.Schedule(TimeSpan.FromSeconds(1), () =>
        {
            client.Dispose();
            client.Dispose();
        });

        test.ExpectObservable(client.Broadcast(Group)).ToBe("-|");
        test.ExpectObservable(client.Player(Player)).ToBe("-|");
        test.ExpectSubscriptions(service.Channel(BroadcastChannel).Subscriptions).ToBe("^!");
        test.ExpectSubscriptions(service.Channel(ChannelName.Player(Jackpots.DefaultWorkspace, Player)).Subscriptions).ToBe("^!");
        test.Flush();

        FluentActions.Invoking(() => client.Broadcast(Group)).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Channel_OfAnotherWorkspace_Throws()
    {
        using var client = Client(new VirtualPushService(new TestScheduler()), Options());

        FluentActions.Invoking(() => client.Channel(ChannelName.Broadcast(new WorkspaceId("other"), Group)))
            .Should().Throw<ArgumentException>().WithParameterName("channel");
        FluentActions.Invoking(() => client.Channel(default)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => client.Broadcast(Group).Subscribe(null!)).Should().Throw<ArgumentNullException>();
    }
}
