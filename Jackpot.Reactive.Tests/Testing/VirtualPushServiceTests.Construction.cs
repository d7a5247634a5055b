using System.Net;
using System.Text;
using Jackpot.Reactive.Testing;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

/// <content>Construction (attempt marbles are read as the marble test reads marbles) and invalid use.</content>
public sealed partial class VirtualPushServiceTests
{
    [Fact]
    public void Constructor_SchedulerOfATestWithLongFrames_ReadsAttemptMarblesWithTheTestsFrames()
    {
        var test = new MarbleTest(new MarbleTestOptions { FrameLength = TimeSpan.FromMilliseconds(10) });
        var service = new VirtualPushService(test.Scheduler);
        var values = new JackpotMarbleValues().Value('a', "J1", 1m);
        service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("--a", values);
        using var client = service.CreateClient();

        test.ExpectObservable(client.Broadcast(Jackpots.DefaultGroup), "^---!").ToBe("--a", values);
        test.Flush();
    }

    [Fact]
    public void Constructor_MarbleTestWithRxJsGroups_ReadsAttemptMarblesWithTheTestsGroupTiming()
    {
        var test = new MarbleTest(new MarbleTestOptions { GroupTiming = MarbleGroupTiming.RxJs });
        var service = new VirtualPushService(test);
        var values = new JackpotMarbleValues().Value('a', "J1", 1m).Value('b', "J1", 2m).Value('c', "J1", 3m);
        service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("(ab)-c", values);
        using var client = service.CreateClient();

        test.ExpectObservable(client.Broadcast(Jackpots.DefaultGroup), "^ 10ms !").ToBe("(ab)-c", values);
        test.Flush();
    }

    [Fact]
    public void Constructor_FrameLengthOtherThanTheTests_Throws()
    {
        var test = new MarbleTest(new MarbleTestOptions { FrameLength = TimeSpan.FromMilliseconds(10) });

        FluentActions.Invoking(() => new VirtualPushService(test.Scheduler, TimeSpan.FromMilliseconds(1)))
            .Should().Throw<ArgumentException>().WithParameterName("frameLength").WithMessage("*frames are 10ms, not 1ms*");
        new VirtualPushService(test.Scheduler, TimeSpan.FromMilliseconds(10)).Scheduler.Should().BeSameAs(test.Scheduler);
    }

    [Fact]
    public void Script_InvalidUse_Throws()
    {
        var service = new VirtualPushService(new TestScheduler());
        var channel = service.Channel(Broadcast);

        FluentActions.Invoking(() => channel.Attempt(a => a.End().Comment())).Should().Throw<InvalidOperationException>()
            .WithMessage("The attempt's script already ended with End(); nothing can follow.");
        FluentActions.Invoking(() => channel.Attempt(a => a.Open().Open())).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => channel.Attempt(a => a.Open().Respond(HttpStatusCode.NotFound))).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => channel.Attempt(a => a.Stall().Drop())).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => channel.Attempt(a => a.Wait(TimeSpan.FromTicks(-1)))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => channel.Attempt(a => a.Respond(HttpStatusCode.OK, contentType: "text/event-stream"))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => channel.Attempt("-a")).Should().Throw<ArgumentException>().WithMessage("*'a' needs a value*");
        FluentActions.Invoking(() => channel.Attempt("-(a")).Should().Throw<MarbleSyntaxException>();
        FluentActions.Invoking(() => channel.Attempt("-a 10ms|")).Should().Throw<MarbleSyntaxException>().Which.Position.Should().Be(3);
        FluentActions.Invoking(() => channel.Attempt((string)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => channel.Attempt((Action<VirtualAttemptScript>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => service.Connect(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => service.Channel(default)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new VirtualPushService((MarbleTest)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new VirtualPushService(new TestScheduler(), TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new VirtualPushService((System.Reactive.Concurrency.IScheduler)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new VirtualPushService(null!, TimeSpan.FromMilliseconds(1))).Should().Throw<ArgumentNullException>();
        channel.Attempts.Should().BeEmpty();
    }

    private static string Describe(SseTransportChunk chunk) =>
        chunk.IsOpened ? "opened" : Encoding.UTF8.GetString(chunk.Data.Span);
}
