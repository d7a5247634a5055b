using System.Net;
using System.Reactive.Linq;
using System.Text;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

public sealed partial class VirtualPushServiceTests
{
    private const string ValueA = """{"reason":"jackpot_value","jackpotInstance":"J1_1","jackpot":"J1","channel":"W1_broadcast_G1","currency":"EUR","value":"372.20"}""";
    private const string ValueB = """{"reason":"jackpot_value","jackpotInstance":"J1_1","jackpot":"J1","channel":"W1_broadcast_G1","currency":"EUR","value":"380.00"}""";

    private static readonly ChannelName Broadcast = Jackpots.DefaultBroadcastChannel;
    private static readonly SseRequest BroadcastRequest = new(JackpotPushEndpoint.BuildSubscribeUri(Broadcast), null);

    [Fact]
    public void Attempt_Marbles_OpenAtOnceThenSendEventsWithIdsAndDrop()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 372.20m).Value('b', "J1", 380.00m);
        service.Channel(Broadcast).Attempt("-a-b-#", values);

        var chunks = service.Connect(BroadcastRequest).Select(Describe);

        test.ExpectObservable(chunks).ToBe(
            "oa-b-#",
            new Dictionary<char, string> { ['o'] = "opened", ['a'] = $"id: 1\ndata: {ValueA}\n\n", ['b'] = $"id: 2\ndata: {ValueB}\n\n" },
            new IOException("The virtual push service dropped the connection."));
        test.ExpectSubscriptions(service.Channel(Broadcast).Subscriptions).ToBe("^----!");
        test.Flush();
    }

    [Fact]
    public void Attempt_Script_SendsEveryKindOfStepAtItsTime()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        service.Channel(Broadcast).Attempt(a => a
            .Wait(TimeSpan.FromMilliseconds(2)).Open()
            .Wait(TimeSpan.FromMilliseconds(1)).Comment("keep-alive").Retry(TimeSpan.FromSeconds(3))
            .Wait(TimeSpan.FromMilliseconds(1)).Event(Jackpots.Value("J1", 372.20m), "x7", "jackpot")
            .Text("data: {\"rea").Bytes(Encoding.UTF8.GetBytes("son\":1}\n\n"))
            .Wait(TimeSpan.FromMilliseconds(2)).End());

        var chunks = service.Connect(BroadcastRequest).Select(Describe);

        test.ExpectObservable(chunks).ToBe("--o(cr)(etb)-|", new Dictionary<char, string>
        {
            ['o'] = "opened",
            ['c'] = ": keep-alive\n",
            ['r'] = "retry: 3000\n",
            ['e'] = $"id: x7\nevent: jackpot\ndata: {ValueA}\n\n",
            ['t'] = "data: {\"rea",
            ['b'] = "son\":1}\n\n",
        });
        test.Flush();
    }

    [Fact]
    public void Attempts_EachUsesTheNextScript_AndIdsCountAcrossAttempts()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('c', "J1", 3m);
        service.Channel(Broadcast).Attempt("a|", values).Attempt("b-c|", values);
        var ids = service.Connect(BroadcastRequest).Where(c => !c.IsOpened).Select(c => Describe(c)[4]);

        test.ExpectObservable(ids.Concat(ids).Concat(ids)).ToBe("12-3");
        test.ExpectSubscriptions(service.Channel(Broadcast).Subscriptions).ToBe("^!", "-^--!", "----^");

        test.Flush();
    }

    [Fact]
    public void AssignsEventIds_False_WritesEventsWithoutId()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var channel = service.Channel(Broadcast);
        channel.AssignsEventIds = false;
        channel.Attempt(a => a.Event(Jackpots.Value("J1", 372.20m)));

        test.ExpectObservable(service.Connect(BroadcastRequest).Select(Describe))
            .ToBe("(oa)", new Dictionary<char, string> { ['o'] = "opened", ['a'] = $"data: {ValueA}\n\n" });

        test.Flush();
    }

    [Fact]
    public void Connect_RecordsRequestTimeLastEventIdHeadersAndDisposal()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        service.Channel(Broadcast).Attempt("-#").Attempt("--|");
        var first = new SseRequest(BroadcastRequest.Uri, null, [new("Authorization", "Bearer t")]);
        var second = new SseRequest(BroadcastRequest.Uri, "41", []);
        test.ExpectObservable(service.Connect(first).Select(_ => 'x')).ToBe("x#", error: new IOException("The virtual push service dropped the connection."));
        test.ExpectObservable(service.Connect(second).Select(_ => 'x'), "---^").ToBe("---x-|");

        test.Flush();

        var attempts = service.Channel(Broadcast).Attempts;
        attempts.Select(a => a.Number).Should().Equal(1, 2);
        attempts.Select(a => a.LastEventId).Should().Equal(null, "41");
        attempts[0].Headers.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("Authorization", "Bearer t"));
        attempts[0].Uri.Should().Be(BroadcastRequest.Uri);
        attempts[0].Channel.Should().Be(Broadcast);
        attempts.Select(a => a.StartedAt.Ticks / TimeSpan.TicksPerMillisecond).Should().Equal(0, 3);
        attempts.Select(a => a.DisposedAt!.Value.Ticks / TimeSpan.TicksPerMillisecond).Should().Equal(1, 5);
        service.Attempts.Should().Equal(attempts);
    }

    [Fact]
    public void Dispose_CancelsTheStepsNotRunYet()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m);
        service.Channel(Broadcast).Attempt("-a--b|", values);

        test.ExpectObservable(service.Connect(BroadcastRequest).Where(c => !c.IsOpened).Select(_ => 'x'), "^--!").ToBe("-x");
        test.ExpectSubscriptions(service.Channel(Broadcast).Subscriptions).ToBe("^--!");

        test.Flush();
        test.Scheduler.Clock.Should().BeLessThan(TimeSpan.FromMilliseconds(4).Ticks, "the steps after the disposal were cancelled");
    }

    [Fact]
    public void Respond_ServiceUnavailableWithRetryAfter_FailsWithSseHttpException()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        service.Channel(Broadcast).Attempt(a => a.Wait(TimeSpan.FromMilliseconds(2))
            .Respond(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(4.2), "text/plain", [new("X-Trace", "t1")]));
        Exception? error = null;

        test.ExpectObservable(service.Connect(BroadcastRequest).Do(_ => { }, e => error = e)).ToBe(
            "--#",
            error: new SseHttpException(HttpStatusCode.ServiceUnavailable, null, new Dictionary<string, IReadOnlyList<string>>(), null));
        test.Flush();

        var http = error.Should().BeOfType<SseHttpException>().Subject;
        http.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        http.RetryAfter.Should().Be(TimeSpan.FromSeconds(4.2));
        http.ContentType.Should().Be("text/plain");
        http.IsTransient.Should().BeTrue();
        http.Headers["retry-after"].Should().Equal("5");
        http.Headers["X-Trace"].Should().Equal("t1");
    }

    [Fact]
    public void Respond_OkWithWrongContentType_FailsWithNonTransientSseHttpException()
    {
        var service = new VirtualPushService(new TestScheduler());
        service.Channel(Broadcast).Attempt(a => a.Respond(HttpStatusCode.OK, contentType: "text/html"));
        Exception? error = null;

        service.Connect(BroadcastRequest).Subscribe(_ => { }, e => error = e);
        ((TestScheduler)service.Scheduler).Start();

        error.Should().BeOfType<SseHttpException>().Which.Should().Match<SseHttpException>(e =>
            e.StatusCode == HttpStatusCode.OK && e.ContentType == "text/html" && !e.IsTransient);
    }

    [Fact]
    public void Drop_BeforeOpen_FailsLikeAnUnreachableServer()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        service.Channel(Broadcast).Attempt(a => a.Wait(TimeSpan.FromSeconds(1)).Drop());

        test.ExpectObservable(service.Connect(BroadcastRequest)).ToBe(
            "1s #",
            error: new HttpRequestException("The virtual push service could not be reached."));

        test.Flush();
    }

    [Fact]
    public void Stall_AfterEvents_KeepsTheConnectionOpenAndSilent()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        service.Channel(Broadcast).Attempt(a => a.Comment().Stall());

        test.ExpectObservable(service.Connect(BroadcastRequest).Select(Describe))
            .ToBe("(oc)", new Dictionary<char, string> { ['o'] = "opened", ['c'] = ":\n" });
        test.ExpectSubscriptions(service.Channel(Broadcast).Subscriptions).ToBe("^");

        test.Flush();
    }

    [Fact]
    public void Connect_UnscriptedChannel_OpensAndSendsNothing()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);

        test.ExpectObservable(service.Connect(BroadcastRequest).Select(Describe)).ToBe("o", new Dictionary<char, string> { ['o'] = "opened" });

        test.Flush();
    }

    [Fact]
    public void Connect_AttemptsPastTheScripts_RunOtherwise()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        service.Channel(Broadcast).Attempt("|").Otherwise(a => a.Respond(HttpStatusCode.NotFound));
        var attempt = service.Connect(BroadcastRequest).Select(_ => 'o');

        test.ExpectObservable(attempt.Concat(attempt).Catch(attempt)).ToBe(
            "(o#)",
            error: new SseHttpException(HttpStatusCode.NotFound, null, new Dictionary<string, IReadOnlyList<string>>(), null));
        test.ExpectSubscriptions(service.Channel(Broadcast).Subscriptions).ToBe("(^!)", "(^!)", "(^!)");

        test.Flush();
    }

    [Fact]
    public void Connect_PlayerChannelWithEscapedId_IsRoutedByTheChannelParameter()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var player = ChannelName.Player(Jackpots.DefaultWorkspace, new PlayerId("a+b@c.com"));
        service.Channel(player).Attempt(a => a.Event(Jackpots.Won("J1", 10m, channel: player)));
        var uri = JackpotPushEndpoint.BuildSubscribeUri(player, new Uri("http://127.0.0.1:5000/subscribe?tenant=x"));

        test.ExpectObservable(service.Connect(new SseRequest(uri, null)).Where(c => !c.IsOpened).Select(_ => 'e')).ToBe("e");
        test.Flush();

        service.Channel(player).Attempts.Should().ContainSingle().Which.Channel.Should().Be(player);
        service.Channel(Broadcast).Attempts.Should().BeEmpty();
    }

    [Fact]
    public void Connect_UriWithoutChannel_FailsWithBadRequest()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);

        test.ExpectObservable(service.Connect(new SseRequest(new Uri("https://push.test/subscribe?topic=x"), null))).ToBe(
            "#",
            error: new SseHttpException(HttpStatusCode.BadRequest, "text/plain", new Dictionary<string, IReadOnlyList<string>>(), null));
        test.Flush();

        service.Attempts.Should().ContainSingle().Which.Channel.Should().BeNull();
    }

    [Fact]
    public void Connect_RetriedAfterDrops_ShowsOneSubscriptionPerAttempt()
    {
        var test = new MarbleTest();
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m);
        service.Channel(Broadcast).Attempt("-a#", values).Attempt(a => a.Drop()).Attempt("--b|", values);

        var resilient = service.Connect(BroadcastRequest)
            .Where(c => !c.IsOpened)
            .Select(c => Describe(c)[4])
            .RetryWhen(errors => errors.Delay(test.Time("--|"), test.Scheduler));

        test.ExpectObservable(resilient).ToBe("-1------2|");
        test.ExpectSubscriptions(service.Channel(Broadcast).Subscriptions).ToBe("^-!", "----(^!)", "------^--!");
        test.Flush();
    }
}
