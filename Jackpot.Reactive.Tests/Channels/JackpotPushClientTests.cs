using System.Net;
using System.Reactive.Linq;
using Jackpot.Reactive.Tests.Connection;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Connection.ScriptStep;

namespace Jackpot.Reactive.Tests.Channels;

public sealed class JackpotPushClientTests
{
    private static readonly WorkspaceId Workspace = new("ws");
    private static readonly JackpotGroupId Group = new("g1");

    private static readonly ReconnectPolicy Policy = new()
    {
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        RandomSource = () => 0.5,
    };

    private static long S(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;

    private static JackpotPushClientOptions Options(double lingerSeconds = 0) => new()
    {
        Workspace = Workspace,
        Endpoint = new Uri("https://push.example/subscribe"),
        Reconnect = Policy,
        Linger = TimeSpan.FromSeconds(lingerSeconds),
    };

    private static string Value(string jackpot, string amount, int instance = 1) =>
        $$"""data: {"reason":"jackpot_value","jackpotInstance":"{{jackpot}}_{{instance}}","jackpot":"{{jackpot}}","channel":"ws_broadcast_g1","currency":"EUR","value":"{{amount}}"}""" + "\n\n";

    private static string WonByOther(string jackpot, int instance = 1) =>
        $$"""data: {"reason":"jackpot_won_other","jackpotInstance":"{{jackpot}}_{{instance}}","jackpot":"{{jackpot}}","channel":"ws_broadcast_g1","currency":"EUR","value":"500.00","jackpotNewInstance":"{{jackpot}}_{{instance + 1}}"}""" + "\n\n";

    private static IObservable<string> Describe(IObservable<JackpotEvent> events) =>
        events.Select(e => e is JackpotValueUpdated v ? $"{v.Jackpot}={v.RawValue}" : $"{e.Reason}:{e.Jackpot}");

    [Fact]
    public void Constructor_InvalidOptions_NameTheOption()
    {
        var transport = new ScriptedTransport(new TestScheduler());

        FluentActions.Invoking(() => new JackpotPushClient(null!, transport, null, null)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new JackpotPushClient(Options(), (ISseTransport)null!, null, null)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions(), transport, null, null))
            .Should().Throw<ArgumentException>().WithMessage("*Workspace*");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Workspace, Linger = TimeSpan.FromSeconds(-1) }, transport, null, null))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Linger*");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Workspace, IdleTimeout = TimeSpan.Zero }, transport, null, null))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*IdleTimeout*");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Workspace, MaxEventSize = 0 }, transport, null, null))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxEventSize*");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Workspace, Endpoint = new Uri("ftp://x/") }, transport, null, null))
            .Should().Throw<ArgumentException>().WithMessage("*Endpoint*");
        FluentActions.Invoking(() => new JackpotPushClient(new JackpotPushClientOptions { Workspace = Workspace, ExtraHeaders = [new("X-Token", "a\r\nInjected: 1")] }, transport, null, null))
            .Should().Throw<ArgumentException>().WithMessage("*ExtraHeaders*X-Token*");
    }

    [Fact]
    public void Broadcast_ManySubscribersAndCalls_ShareOneConnection()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, Value("J1", "10.00")), Send(2, Value("J1", "11.00"))]);
        using var client = new JackpotPushClient(Options(), transport, scheduler, null);

        var first = scheduler.CreateObserver<string>();
        var second = scheduler.CreateObserver<string>();
        using var a = Describe(client.Broadcast(Group)).Subscribe(first);
        using var b = Describe(client.Broadcast(new JackpotGroupId("g1"))).Subscribe(second);
        scheduler.AdvanceTo(S(5));

        transport.Requests.Should().ContainSingle();
        transport.Requests[0].Uri.Query.Should().Be("?channel=ws_broadcast_g1");
        first.Messages.Should().Equal(ReactiveTest.OnNext(S(1), "J1=10.00"), ReactiveTest.OnNext(S(2), "J1=11.00"));
        second.Messages.Should().Equal(first.Messages);
    }

    [Fact]
    public void Broadcast_LastSubscriberLeaves_ConnectionLingersThenCloses()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0)]);
        using var client = new JackpotPushClient(Options(lingerSeconds: 5), transport, scheduler, null);
        var stream = client.Broadcast(Group);

        scheduler.AdvanceTo(S(1));
        var first = stream.Subscribe(_ => { });
        scheduler.AdvanceTo(S(2));
        first.Dispose();
        scheduler.AdvanceTo(S(4));
        var comeback = stream.Subscribe(_ => { });
        scheduler.AdvanceTo(S(6));
        comeback.Dispose();
        scheduler.AdvanceTo(S(20));

        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(11)));
        transport.OpenConnections.Should().Be(0);
    }

    [Fact]
    public void Broadcast_SubscribeAfterLinger_Reconnects()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0)]);
        using var client = new JackpotPushClient(Options(lingerSeconds: 2), transport, scheduler, null);
        var stream = client.Broadcast(Group);

        scheduler.AdvanceTo(S(1));
        stream.Subscribe(_ => { }).Dispose();
        scheduler.AdvanceTo(S(10));
        using var again = stream.Subscribe(_ => { });
        scheduler.AdvanceTo(S(12));

        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(3)), ReactiveTest.Subscribe(S(10)));
    }

    [Fact]
    public void Broadcast_ZeroLinger_ClosesAtOnce()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0)]);
        using var client = new JackpotPushClient(Options(lingerSeconds: 0), transport, scheduler, null);

        scheduler.AdvanceTo(S(1));
        var subscription = client.Broadcast(Group).Subscribe(_ => { });
        scheduler.AdvanceTo(S(3));
        subscription.Dispose();

        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(S(1), S(3)));
    }

    [Fact]
    public void Broadcast_LateSubscriber_GetsLatestValueOfEachJackpotThenLive()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [
            Open(0), Send(1, Value("J1", "10.00")), Send(2, Value("J2", "20.00")), Send(3, Value("J1", "11.00")), Send(6, Value("J2", "21.00"))]);
        using var client = new JackpotPushClient(Options(), transport, scheduler, null);
        using var early = client.Broadcast(Group).Subscribe(_ => { });
        scheduler.AdvanceTo(S(4));

        var late = scheduler.CreateObserver<string>();
        using var subscription = Describe(client.Broadcast(Group)).Subscribe(late);
        scheduler.AdvanceTo(S(7));

        late.Messages.Should().Equal(
            ReactiveTest.OnNext(S(4), "J1=11.00"),
            ReactiveTest.OnNext(S(4), "J2=20.00"),
            ReactiveTest.OnNext(S(6), "J2=21.00"));
    }

    [Fact]
    public void Broadcast_WinClearsThatJackpotsSnapshot_AndWinsAreNotReplayed()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [
            Open(0), Send(1, Value("J1", "10.00")), Send(2, Value("J2", "20.00")), Send(3, WonByOther("J1"))]);
        using var client = new JackpotPushClient(Options(), transport, scheduler, null);
        using var early = client.Broadcast(Group).Subscribe(_ => { });
        scheduler.AdvanceTo(S(4));

        var late = scheduler.CreateObserver<string>();
        using var subscription = Describe(client.Broadcast(Group)).Subscribe(late);

        late.Messages.Should().Equal(ReactiveTest.OnNext(S(4), "J2=20.00"));
    }

    [Fact]
    public void Player_LateSubscriber_GetsNoSnapshot()
    {
        var scheduler = new TestScheduler();
        string won = """data: {"reason":"jackpot_won","jackpotInstance":"J1_1","jackpot":"J1","channel":"ws_user_p@x.com","currency":"EUR","value":"1,408.20","jackpotNewInstance":"J1_2"}""" + "\n\n";
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, won)]);
        using var client = new JackpotPushClient(Options(), transport, scheduler, null);
        var early = scheduler.CreateObserver<JackpotEvent>();
        using var a = client.Player(new PlayerId("p@x.com")).Subscribe(early);
        scheduler.AdvanceTo(S(2));

        var late = scheduler.CreateObserver<JackpotEvent>();
        using var b = client.Player(new PlayerId("p@x.com")).Subscribe(late);

        early.Messages.Should().ContainSingle().Which.Value.Value.Should().BeOfType<JackpotWon>().Which.Amount.Should().Be(1408.20m);
        late.Messages.Should().BeEmpty();
        transport.Requests[0].Uri.Query.Should().Be("?channel=ws_user_p%40x.com");
    }

    [Fact]
    public void Broadcast_RetriedFailure_NeverReachesSubscribers()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(
            scheduler,
            [Open(0), Send(1, "id: 1\n" + Value("J1", "10.00")), Drop(2)],
            [Reject(0.5, HttpStatusCode.ServiceUnavailable)],
            [Open(0), Send(1, Value("J1", "12.00"))]);
        using var client = new JackpotPushClient(Options(), transport, scheduler, null);
        var observer = scheduler.CreateObserver<string>();
        using var subscription = Describe(client.Broadcast(Group)).Subscribe(observer);
        scheduler.AdvanceTo(S(10));

        observer.Messages.Should().Equal(ReactiveTest.OnNext(S(1), "J1=10.00"), ReactiveTest.OnNext(S(5.75), "J1=12.00"));
        transport.Requests.Select(r => r.LastEventId).Should().Equal(string.Empty, "1", "1");
    }

    [Fact]
    public void Broadcast_TerminalFailure_ReachesEverySubscriber_AndLaterSubscriptionTriesAfresh()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Reject(1, HttpStatusCode.Unauthorized)], [Open(0), Send(1, Value("J1", "1.00"))]);
        using var client = new JackpotPushClient(Options(), transport, scheduler, null);
        var first = scheduler.CreateObserver<JackpotEvent>();
        var second = scheduler.CreateObserver<JackpotEvent>();
        client.Broadcast(Group).Subscribe(first);
        client.Broadcast(Group).Subscribe(second);
        scheduler.AdvanceTo(S(2));

        first.Messages.Should().ContainSingle().Which.Value.Exception.Should().BeOfType<SseHttpException>()
            .Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        second.Messages.Should().ContainSingle().Which.Value.Kind.Should().Be(System.Reactive.NotificationKind.OnError);

        var retry = scheduler.CreateObserver<string>();
        using var subscription = Describe(client.Broadcast(Group)).Subscribe(retry);
        scheduler.AdvanceTo(S(4));
        retry.Messages.Should().Equal(ReactiveTest.OnNext(S(3), "J1=1.00"));
        transport.Subscriptions.Should().Equal(ReactiveTest.Subscribe(0, S(1)), ReactiveTest.Subscribe(S(2)));
    }

    [Fact]
    public void Broadcast_MalformedPayload_IsReportedAndSkipped()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [
            Open(0), Send(1, "data: {\"reason\":\"jackpot_value\"\n\n"), Send(2, """data: {"reason":"jackpot_next","jackpot":"J9"}""" + "\n\n"), Send(3, Value("J1", "10.00"))]);
        using var client = new JackpotPushClient(Options(), transport, scheduler, null);
        var diagnostics = new List<JackpotPushDiagnostic>();
        using var d = client.Diagnostics.Subscribe(diagnostics.Add);
        var observer = scheduler.CreateObserver<string>();
        using var subscription = Describe(client.Broadcast(Group)).Subscribe(observer);
        scheduler.AdvanceTo(S(5));

        observer.Messages.Should().Equal(ReactiveTest.OnNext(S(2), "jackpot_next:J9"), ReactiveTest.OnNext(S(3), "J1=10.00"));
        diagnostics.Should().ContainSingle().Which.PayloadPreview.Should().StartWith("{\"reason\"");
        client.MalformedEventCount.Should().Be(1);
    }

    [Fact]
    public void Player_MalformedPayload_PreviewRedactsThePlayerId()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Send(1, "data: {\"channel\":\"ws_user_secret-player-42\", oops\n\n")]);
        using var client = new JackpotPushClient(Options(), transport, scheduler, null);
        var diagnostics = new List<JackpotPushDiagnostic>();
        using var d = client.Diagnostics.Subscribe(diagnostics.Add);
        using var subscription = client.Player(new PlayerId("secret-player-42")).Subscribe(_ => { });
        scheduler.AdvanceTo(S(2));

        var diagnostic = diagnostics.Should().ContainSingle().Subject;
        diagnostic.PayloadPreview.Should().NotContain("secret-player-42");
        diagnostic.Channel.ToString().Should().NotContain("secret-player-42");
    }

    [Fact]
    public void Status_ReplaysCurrentStatusToNewSubscriber()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(1)]);
        using var client = new JackpotPushClient(Options(), transport, scheduler, null);
        var channel = ChannelName.Broadcast(Workspace, Group);
        using var subscription = client.Broadcast(Group).Subscribe(_ => { });
        scheduler.AdvanceTo(S(2));

        var statuses = new List<ChannelStatus>();
        using var s = client.Status(channel).Subscribe(statuses.Add);

        statuses.Should().ContainSingle().Which.State.Should().Be(ChannelState.Open);
    }

    [Fact]
    public void Dispose_CompletesEveryStreamAndClosesEveryConnection()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0)]);
        var client = new JackpotPushClient(Options(lingerSeconds: 30), transport, scheduler, null);
        var broadcast = scheduler.CreateObserver<JackpotEvent>();
        var player = scheduler.CreateObserver<JackpotEvent>();
        client.Broadcast(Group).Subscribe(broadcast);
        client.Player(new PlayerId("p1")).Subscribe(player);
        scheduler.AdvanceTo(S(1));

        client.Dispose();
        client.Dispose();

        broadcast.Messages.Should().Equal(ReactiveTest.OnCompleted<JackpotEvent>(S(1)));
        player.Messages.Should().Equal(ReactiveTest.OnCompleted<JackpotEvent>(S(1)));
        transport.OpenConnections.Should().Be(0);
        FluentActions.Invoking(() => client.Broadcast(Group)).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Channel_OfAnotherWorkspace_Throws()
    {
        using var client = new JackpotPushClient(Options(), new ScriptedTransport(new TestScheduler()), null, null);

        FluentActions.Invoking(() => client.Channel(ChannelName.Broadcast(new WorkspaceId("other"), Group)))
            .Should().Throw<ArgumentException>().WithParameterName("channel");
        FluentActions.Invoking(() => client.Channel(default)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => client.Broadcast(Group).Subscribe(null!)).Should().Throw<ArgumentNullException>();
    }
}
