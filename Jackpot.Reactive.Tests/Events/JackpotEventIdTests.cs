namespace Jackpot.Reactive.Tests.Events;

/// <summary><see cref="JackpotEvent.EventId"/>: readable, carried by copies, and no part of equality.</summary>
public sealed class JackpotEventIdTests
{
    private static readonly JackpotValueUpdated Value = new(
        new JackpotId("j1"), new JackpotInstanceId("i1"), ChannelName.Broadcast(new WorkspaceId("ws"), new JackpotGroupId("g")), "EUR", 12.5m, "12.50");

    [Fact]
    public void EventId_ParsedPayload_IsNull() =>
        JackpotEvent.Parse("""{"reason":"jackpot_value","jackpot":"j1","jackpotInstance":"i1","channel":"ws_broadcast_g","currency":"EUR","value":"12.50"}"""u8)
            .EventId.Should().BeNull("a payload parsed on its own came with no Server-Sent Event");

    [Fact]
    public void Equals_SamePayloadDifferentIds_AreEqualWithTheSameHashCode()
    {
        var first = Value with { EventId = "41" };
        var second = Value with { EventId = "42" };

        first.EventId.Should().Be("41");
        second.EventId.Should().Be("42");
        first.Should().Be(second);
        (first == second).Should().BeTrue();
        first.GetHashCode().Should().Be(second.GetHashCode());
        first.Should().Be(Value, "an event without an id equals the same payload with one");
    }

    [Fact]
    public void Equals_DifferentPayloadsSameId_AreNotEqual()
    {
        var first = Value with { EventId = "7" };
        var second = Value with { EventId = "7", Amount = 13m, RawValue = "13.00" };

        first.Should().NotBe(second);
        first.Should().NotBe(new JackpotWonByOther(Value.Jackpot, Value.Instance, Value.Channel, "EUR", 12.5m, "12.50", new JackpotInstanceId("i2")) { EventId = "7" });
    }

    [Fact]
    public void With_CopiesTheId() => (Value with { EventId = "9" } with { Amount = 1m }).EventId.Should().Be("9");
}
