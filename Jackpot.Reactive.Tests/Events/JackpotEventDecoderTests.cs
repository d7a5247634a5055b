using System.Text;

namespace Jackpot.Reactive.Tests.Events;

/// <summary>Decoding with the stream's previous event: repeated texts are that event's strings, changed ones are read
/// (and checked) as they are.</summary>
public sealed class JackpotEventDecoderTests
{
    private static byte[] Payload(string channel, string jackpot, string instance, string currency, string value) =>
        Encoding.UTF8.GetBytes(
            $$"""{"reason":"jackpot_value","jackpotInstance":"{{instance}}","jackpot":"{{jackpot}}","channel":"{{channel}}","currency":"{{currency}}","value":"{{value}}"}""");

    [Fact]
    public void TryDecode_FieldsRepeatThePreviousEvent_ReusesItsStringsAndChannel()
    {
        // Texts made at run time, so equal strings are not one interned literal.
        string jackpot = new string('j', 3) + "-öre";
        JackpotEventDecoder.TryDecode(Payload("ws_broadcast_g1", jackpot, "i_1", "EUR", "1.00"), previous: null, out var first, out _)
            .Should().BeTrue();

        JackpotEventDecoder.TryDecode(Payload("ws_broadcast_g1", jackpot, "i_1", "EUR", "2.50"), first, out var second, out var error)
            .Should().BeTrue(error?.Message);

        second!.Amount.Should().Be(2.50m);
        second.Jackpot.Value.Should().BeSameAs(first!.Jackpot.Value);
        second.Instance.Value.Should().BeSameAs(first.Instance.Value);
        second.Currency.Should().BeSameAs(first.Currency);
        second.Channel.RawValue.Should().BeSameAs(first.Channel.RawValue);
    }

    [Fact]
    public void TryDecode_FieldsDifferFromThePreviousEvent_ReadsTheNewTexts()
    {
        JackpotEventDecoder.TryDecode(Payload("ws_broadcast_g1", "jp", "i_1", "EUR", "1.00"), previous: null, out var first, out _)
            .Should().BeTrue();

        JackpotEventDecoder.TryDecode(Payload("ws_broadcast_g2", "jq", "i_2", "USD", "1.00"), first, out var second, out var error)
            .Should().BeTrue(error?.Message);

        second!.Channel.Should().Be(ChannelName.Broadcast(new WorkspaceId("ws"), new JackpotGroupId("g2")));
        second.Jackpot.Should().Be(new JackpotId("jq"));
        second.Instance.Should().Be(new JackpotInstanceId("i_2"));
        second.Currency.Should().Be("USD");
    }

    [Fact]
    public void TryDecode_InvalidFieldAfterAValidEvent_StillFails()
    {
        JackpotEventDecoder.TryDecode(Payload("ws_broadcast_g1", "jp", "i_1", "EUR", "1.00"), previous: null, out var first, out _)
            .Should().BeTrue();

        JackpotEventDecoder.TryDecode(Payload("not a channel", "jp", "i_1", "EUR", "1.00"), first, out var second, out var error)
            .Should().BeFalse();

        second.Should().BeNull();
        error!.Message.Should().Contain("channel");
    }
}
