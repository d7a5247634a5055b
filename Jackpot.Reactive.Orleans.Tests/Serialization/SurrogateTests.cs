using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Jackpot.Reactive.Orleans.Tests.Serialization;

/// <summary>The core types cross silos through the surrogates of this package, with no Orleans attribute in the core.</summary>
public sealed class SurrogateTests
{
    private static readonly ChannelName Channel = ChannelName.Broadcast(new WorkspaceId("w"), new JackpotGroupId("g"));
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(JackpotClusterChannels).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly JackpotValueUpdated Value = new(new JackpotId("J1"), new JackpotInstanceId("J1_1"), Channel, "EUR", 1408.2m, "1,408.20");

    public static TheoryData<JackpotEvent> Events() =>
    [
        Value,
        new JackpotWonByOther(new JackpotId("J1"), new JackpotInstanceId("J1_1"), Channel, "EUR", 10m, "10", new JackpotInstanceId("J1_2")),
        new JackpotWon(new JackpotId("J1"), new JackpotInstanceId("J1_1"), ChannelName.Player(new WorkspaceId("w"), new PlayerId("a@b.com")), "EUR", 10m, "10", new JackpotInstanceId("J1_2")),
        new UnknownJackpotEvent("jackpot_new", default, default, default, string.Empty, 0m, string.Empty, "{\"reason\":\"jackpot_new\"}"),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Serialize_EveryEventType_RoundTripsAsTheSameRecordThroughItsBaseType(JackpotEvent value)
    {
        var copy = Serializer.Deserialize<JackpotEvent>(Serializer.SerializeToArray<JackpotEvent>(value));

        copy.Should().Be(value).And.BeOfType(value.GetType());
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Serialize_EventWithId_KeepsTheEventId(JackpotEvent value)
    {
        var withId = value with { EventId = "evt-77" };

        var copy = Serializer.Deserialize<JackpotEvent>(Serializer.SerializeToArray<JackpotEvent>(withId));

        copy!.EventId.Should().Be("evt-77");
        Serializer.Deserialize<JackpotEvent>(Serializer.SerializeToArray<JackpotEvent>(value))!.EventId.Should().BeNull();
    }

    [Fact]
    public void Serialize_Delivery_KeepsPositionEventAndTimestamp()
    {
        var delivery = new ChannelDelivery(new ChannelPosition(2, 41), Value, 123);

        var copy = Serializer.Deserialize<ChannelDelivery>(Serializer.SerializeToArray(delivery));

        copy.Should().Be(delivery);
    }

    [Fact]
    public void Serialize_StatusWithHttpCause_ArrivesAsTheSameSseHttpException()
    {
        var status = new ChannelStatus(ChannelState.Failed)
        {
            Cause = new SseHttpException(HttpStatusCode.Unauthorized, "text/plain", new Dictionary<string, IReadOnlyList<string>> { ["WWW-Authenticate"] = ["Bearer"] }, null),
        };

        var copy = Serializer.Deserialize<ChannelStatus>(Serializer.SerializeToArray(status));

        copy!.State.Should().Be(ChannelState.Failed);
        var cause = copy.Cause.Should().BeOfType<SseHttpException>().Subject;
        cause.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        cause.Headers["www-authenticate"].Should().Equal("Bearer");
    }

    [Fact]
    public void Serialize_StatusWithOtherCause_ArrivesAsJackpotChannelFailedExceptionNamingTheType()
    {
        var status = new ChannelStatus(ChannelState.Reconnecting) { Attempt = 3, Delay = TimeSpan.FromSeconds(2), Cause = new SseEventTooLargeException(10) };

        var copy = Serializer.Deserialize<ChannelStatus>(Serializer.SerializeToArray(status));

        copy!.Attempt.Should().Be(3);
        copy.Delay.Should().Be(TimeSpan.FromSeconds(2));
        var cause = copy.Cause.Should().BeOfType<JackpotChannelFailedException>().Subject;
        cause.CauseType.Should().Be(typeof(SseEventTooLargeException).FullName);
        cause.Message.Should().Be(status.Cause!.Message);
    }

    [Fact]
    public void Serialize_Ids_RoundTripIncludingDefaults()
    {
        Serializer.Deserialize<PlayerId>(Serializer.SerializeToArray(new PlayerId("a@b.com"))).RawValue.Should().Be("a@b.com");
        Serializer.Deserialize<ChannelName>(Serializer.SerializeToArray(Channel)).Should().Be(Channel);
        Serializer.Deserialize<JackpotId>(Serializer.SerializeToArray(default(JackpotId))).Should().Be(default(JackpotId));
    }
}
