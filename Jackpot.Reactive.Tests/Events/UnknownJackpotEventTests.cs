using System.Text;

namespace Jackpot.Reactive.Tests.Events;

public sealed class UnknownJackpotEventTests
{
    [Fact]
    public void Parse_UnknownReasonWithCommonFields_KeepsFieldsAndPayload()
    {
        string json = ReferenceSamples.JackpotValue.Replace("jackpot_value", "jackpot_boost", StringComparison.Ordinal)
            .Replace("\"value\"", "\"multiplier\": 3, \"value\"", StringComparison.Ordinal);

        var unknown = JackpotEvent.Parse(json).Should().BeOfType<UnknownJackpotEvent>().Subject;

        unknown.Reason.Should().Be("jackpot_boost");
        unknown.Jackpot.Value.Should().Be("3XiLXZkU");
        unknown.Instance.Value.Should().Be("3XiLXZkU_5");
        unknown.Channel.RawValue.Should().Be(ReferenceSamples.BroadcastChannel);
        unknown.Currency.Should().Be("EUR");
        unknown.Amount.Should().Be(372.2m);
        unknown.RawValue.Should().Be("372.2");
        unknown.Payload.Should().BeSameAs(json);
    }

    [Fact]
    public void Parse_UnknownReasonFromBytes_DecodesPayload()
    {
        const string json = """{"reason":"jackpot_paused","note":"überall"}""";

        var unknown = JackpotEvent.Parse(Encoding.UTF8.GetBytes(json)).Should().BeOfType<UnknownJackpotEvent>().Subject;

        unknown.Payload.Should().Be(json);
    }

    [Fact]
    public void Parse_UnknownReasonOnly_LeavesCommonFieldsDefault()
    {
        var unknown = JackpotEvent.Parse("""{"reason":"jackpot_paused"}""").Should().BeOfType<UnknownJackpotEvent>().Subject;

        unknown.Jackpot.Should().Be(default(JackpotId));
        unknown.Instance.Should().Be(default(JackpotInstanceId));
        unknown.Channel.Should().Be(default(ChannelName));
        unknown.Currency.Should().BeEmpty();
        unknown.Amount.Should().Be(0m);
        unknown.RawValue.Should().BeEmpty();
    }

    [Fact]
    public void Parse_UnknownReasonWithInvalidFields_LeavesThoseFieldsDefault()
    {
        const string json = """
            {"reason":"jackpot_split","jackpot":7,"jackpotInstance":" ","channel":"nonsense","currency":"E U R",
             "value":"1,40.2","jackpotNewInstance":{}}
            """;

        var unknown = JackpotEvent.Parse(json).Should().BeOfType<UnknownJackpotEvent>().Subject;

        unknown.Reason.Should().Be("jackpot_split");
        unknown.Jackpot.Should().Be(default(JackpotId));
        unknown.Instance.Should().Be(default(JackpotInstanceId));
        unknown.Channel.Should().Be(default(ChannelName));
        unknown.Currency.Should().BeEmpty();
        unknown.Amount.Should().Be(0m);
        unknown.RawValue.Should().BeEmpty();
    }

    [Fact]
    public void Parse_UnknownReasonWithSomeValidFields_KeepsTheValidOnes()
    {
        const string json = """{"reason":"x","jackpot":"j1","value":{"amount":5},"currency":"USDT","channel":"w_user_p@q.r"}""";

        var unknown = JackpotEvent.Parse(json).Should().BeOfType<UnknownJackpotEvent>().Subject;

        unknown.Jackpot.Value.Should().Be("j1");
        unknown.Currency.Should().Be("USDT");
        unknown.Channel.PlayerId.RawValue.Should().Be("p@q.r");
        unknown.Amount.Should().Be(0m);
    }

    [Theory]
    [InlineData("Jackpot_Value")]
    [InlineData("jackpot_value ")]
    [InlineData("jackpot_won_other_v2")]
    public void Parse_ReasonCloseToKnownOne_IsUnknown(string reason)
    {
        var parsed = JackpotEvent.Parse(ReferenceSamples.ValueWith("reason", $"\"{reason}\""));

        parsed.Should().BeOfType<UnknownJackpotEvent>().Which.Reason.Should().Be(reason);
    }

    [Fact]
    public void Parse_UnknownReasonWithBadJson_StillFails()
    {
        JackpotEvent.TryParse("""{"reason":"new_kind","x":}""", out _, out var error).Should().BeFalse();

        error!.Field.Should().BeNull();
    }

    [Fact]
    public void Parse_UnknownReasonWithDuplicateKnownField_Fails()
    {
        JackpotEvent.TryParse("""{"reason":"new_kind","jackpot":"a","jackpot":"b"}""", out _, out var error).Should().BeFalse();

        error!.Field.Should().Be("jackpot");
    }
}
