using System.Globalization;
using System.Text;

namespace Jackpot.Reactive.Tests.Events;

public sealed class JackpotEventTests
{
    [Fact]
    public void Parse_ReferenceValueSample_ReturnsJackpotValueUpdated()
    {
        var parsed = JackpotEvent.Parse(ReferenceSamples.JackpotValue);

        var value = parsed.Should().BeOfType<JackpotValueUpdated>().Subject;
        value.Reason.Should().Be("jackpot_value");
        value.Jackpot.Should().Be(new JackpotId("3XiLXZkU"));
        value.Instance.Should().Be(new JackpotInstanceId("3XiLXZkU_5"));
        value.Channel.Should().Be(ChannelName.Parse(ReferenceSamples.BroadcastChannel));
        value.Channel.Kind.Should().Be(ChannelKind.Broadcast);
        value.Channel.Workspace.Value.Should().Be("8mQhEnuznUe01IsGOE4mPw");
        value.Channel.Group.Value.Should().Be("fce39b15-9fc1-42bb-8d96-e65c1d17feac");
        value.Currency.Should().Be("EUR");
        value.Amount.Should().Be(372.2m);
        value.RawValue.Should().Be("372.2");
    }

    [Fact]
    public void Parse_ReferenceWonOtherSample_ReturnsJackpotWonByOther()
    {
        var parsed = JackpotEvent.Parse(ReferenceSamples.JackpotWonOther);

        var won = parsed.Should().BeOfType<JackpotWonByOther>().Subject;
        won.Reason.Should().Be("jackpot_won_other");
        won.Jackpot.Value.Should().Be("f8f21i6_");
        won.Instance.Value.Should().Be("f8f21i6__12");
        won.NewInstance.Value.Should().Be("f8f21i6__13");
        won.Channel.RawValue.Should().Be(ReferenceSamples.BroadcastChannel);
        won.Currency.Should().Be("EUR");
        won.Amount.Should().Be(360m);
        won.Amount.ToString(CultureInfo.InvariantCulture).Should().Be("360.00", "the scale as sent is kept");
        won.RawValue.Should().Be("360.00");
    }

    [Fact]
    public void Parse_ReferenceWonSample_ReturnsJackpotWonOnPlayerChannel()
    {
        var parsed = JackpotEvent.Parse(ReferenceSamples.JackpotWon);

        var won = parsed.Should().BeOfType<JackpotWon>().Subject;
        won.Reason.Should().Be("jackpot_won");
        won.Jackpot.Value.Should().Be("6sca3_LR");
        won.Instance.Value.Should().Be("6sca3_LR_7");
        won.NewInstance.Value.Should().Be("6sca3_LR_8");
        won.Channel.Kind.Should().Be(ChannelKind.Player);
        won.Channel.Workspace.Value.Should().Be("8mQhEnuznUe01IsGOE4mPw");
        won.Channel.PlayerId.RawValue.Should().Be("a@b.com");
        won.Currency.Should().Be("EUR");
        won.Amount.Should().Be(1408.20m);
        won.RawValue.Should().Be("1,408.20");
    }

    [Fact]
    public void ToString_PlayerChannelEvent_DoesNotPrintPlayerId()
    {
        var won = JackpotEvent.Parse(ReferenceSamples.JackpotWon);

        won.ToString().Should().NotContain("a@b.com").And.Contain("6sca3_LR_8");
    }

    [Theory]
    [InlineData(ReferenceSamples.JackpotValue)]
    [InlineData(ReferenceSamples.JackpotWonOther)]
    [InlineData(ReferenceSamples.JackpotWon)]
    public void Parse_StringAndBytesAndTryParse_AgreeOnReferenceSamples(string json)
    {
        var fromString = JackpotEvent.Parse(json);
        var fromBytes = JackpotEvent.Parse(Encoding.UTF8.GetBytes(json));

        JackpotEvent.TryParse(json, out var tryString).Should().BeTrue();
        JackpotEvent.TryParse(json, out var tryString2, out var stringError).Should().BeTrue();
        JackpotEvent.TryParse(Encoding.UTF8.GetBytes(json), out var tryBytes).Should().BeTrue();
        JackpotEvent.TryParse(Encoding.UTF8.GetBytes(json), out var tryBytes2, out var bytesError).Should().BeTrue();

        fromBytes.Should().Be(fromString);
        new[] { tryString, tryString2, tryBytes, tryBytes2 }.Should().AllBeEquivalentTo(fromString);
        stringError.Should().BeNull();
        bytesError.Should().BeNull();
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("fr-FR")]
    [InlineData("ar-SA")]
    public void Parse_UnderAnyCulture_ParsesInvariantly(string cultureName)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(cultureName);

            JackpotEvent.Parse(ReferenceSamples.JackpotWon).Amount.Should().Be(1408.20m);
            JackpotEvent.Parse(ReferenceSamples.JackpotValue).Amount.Should().Be(372.2m);
            JackpotEvent.Parse(ReferenceSamples.JackpotWonOther).Amount.Should().Be(360m);
            JackpotEvent.Parse(ReferenceSamples.ValueWith("value", "\"1,234,567.891\"")).Amount.Should().Be(1234567.891m);
            JackpotEvent.TryParse(ReferenceSamples.ValueWith("value", "\"1.408,20\""), out _).Should().BeFalse();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Theory]
    [InlineData("372.2", 372.2)]
    [InlineData("0", 0)]
    [InlineData("360.00", 360)]
    [InlineData("1408.2", 1408.2)]
    public void Parse_JsonNumberValue_ReadsAmountAndKeepsTextAsRawValue(string number, double expected)
    {
        var parsed = JackpotEvent.Parse(ReferenceSamples.ValueWith("value", number));

        parsed.Amount.Should().Be((decimal)expected);
        parsed.RawValue.Should().Be(number);
    }

    [Fact]
    public void Parse_FieldsInAnyOrder_ReadsSameEvent()
    {
        const string reversed = """
            {"jackpotNewInstance":"6sca3_LR_8","value":"1,408.20","currency":"EUR",
             "channel":"8mQhEnuznUe01IsGOE4mPw_user_a@b.com","jackpot":"6sca3_LR","jackpotInstance":"6sca3_LR_7","reason":"jackpot_won"}
            """;

        JackpotEvent.Parse(reversed).Should().Be(JackpotEvent.Parse(ReferenceSamples.JackpotWon));
    }

    [Fact]
    public void Parse_ExtraFieldsOfAnyShape_AreIgnored()
    {
        const string json = """
            {"server":{"id":7,"tags":["a",{"b":[1,2,{}]}]},"reason":"jackpot_value","seq":12345678901234567890,
             "jackpotInstance":"3XiLXZkU_5","flag":true,"nothing":null,"jackpot":"3XiLXZkU","list":[],
             "channel":"8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15-9fc1-42bb-8d96-e65c1d17feac",
             "currency":"EUR","value":"372.2","Value":"999","REASON":"other"}
            """;

        JackpotEvent.Parse(json).Should().Be(JackpotEvent.Parse(ReferenceSamples.JackpotValue));
    }

    [Fact]
    public void Parse_JackpotValueWithNewInstance_IgnoresIt()
    {
        var withValid = JackpotEvent.Parse(ReferenceSamples.ValueWith("jackpotNewInstance", "\"x_2\""));
        var withInvalid = JackpotEvent.Parse(ReferenceSamples.ValueWith("jackpotNewInstance", "42"));

        withValid.Should().BeOfType<JackpotValueUpdated>();
        withInvalid.Should().BeOfType<JackpotValueUpdated>();
    }

    [Fact]
    public void Parse_EscapedNamesAndValues_AreUnescaped()
    {
        const string json = """
            {"re\u0061son":"jackpot\u005fvalue","jackpotInstance":"3XiLXZkU_5","jackpot":"3XiL\u0058ZkU",
             "channel":"8mQhEnuznUe01IsGOE4mPw_broadcast_gr\/oup\u00e4","currency":"\u0045UR","value":"37\u0032.2"}
            """;

        var parsed = JackpotEvent.Parse(json);

        parsed.Should().BeOfType<JackpotValueUpdated>();
        parsed.Jackpot.Value.Should().Be("3XiLXZkU");
        parsed.Channel.Group.Value.Should().Be("gr/oupä");
        parsed.Currency.Should().Be("EUR");
        parsed.Amount.Should().Be(372.2m);
        parsed.RawValue.Should().Be("372.2");
    }

    [Fact]
    public void Parse_NonAsciiIds_AreDecodedAsUtf8()
    {
        var parsed = JackpotEvent.Parse(ReferenceSamples.WonWith("channel", "\"ws_user_jöhn.dœ@exämple.com\""));
        var again = JackpotEvent.Parse(Encoding.UTF8.GetBytes(ReferenceSamples.WonWith("channel", "\"ws_user_jöhn.dœ@exämple.com\"")));

        parsed.Channel.PlayerId.RawValue.Should().Be("jöhn.dœ@exämple.com");
        again.Channel.Should().Be(parsed.Channel);
    }

    [Fact]
    public void Parse_RepeatedPayload_ReusesTheRepeatingStrings()
    {
        var first = JackpotEvent.Parse(ReferenceSamples.JackpotWon);
        var second = JackpotEvent.Parse(Encoding.UTF8.GetBytes(ReferenceSamples.JackpotWon));

        second.Should().NotBeSameAs(first);
        second.Jackpot.Value.Should().BeSameAs(first.Jackpot.Value);
        second.Instance.Value.Should().BeSameAs(first.Instance.Value);
        second.Currency.Should().BeSameAs(first.Currency);
        second.Channel.RawValue.Should().BeSameAs(first.Channel.RawValue);
        second.RawValue.Should().BeSameAs(first.RawValue);
        second.Reason.Should().BeSameAs(JackpotReasons.Won);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("007", 7)]
    [InlineData("1,234,567.891", 1234567.891)]
    [InlineData("999", 999)]
    [InlineData("123,456", 123456)]
    [InlineData("0.000001", 0.000001)]
    public void Parse_ValueForms_ParseExactly(string value, double expected)
    {
        var parsed = JackpotEvent.Parse(ReferenceSamples.ValueWith("value", $"\"{value}\""));

        parsed.Amount.Should().Be((decimal)expected);
        parsed.RawValue.Should().Be(value);
    }

    [Fact]
    public void Parse_LongValues_ParseExactlyUpTo28Digits()
    {
        JackpotEvent.Parse(ReferenceSamples.ValueWith("value", "\"1,234,567,890,123,456,789,012,345.678\"")).Amount
            .Should().Be(1234567890123456789012345.678m);
        JackpotEvent.Parse(ReferenceSamples.ValueWith("value", "\"0.000000000000000000000000001\"")).Amount
            .Should().Be(0.000000000000000000000000001m);
        JackpotEvent.Parse(ReferenceSamples.ValueWith("value", "9999999999999999999999999999")).Amount
            .Should().Be(9999999999999999999999999999m);
    }
}
