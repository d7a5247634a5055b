using System.Text;

namespace Jackpot.Reactive.Tests.Events;

public sealed class JackpotEventMalformedTests
{
    public static TheoryData<string> NotJson => new()
    {
        "",
        "   ",
        "not json",
        "{",
        """{"reason":"jackpot_value",}""",
        """{"reason":"jackpot_value"} {}""",
        """{"reason":"jackpot_value"}x""",
        """{/* c */"reason":"jackpot_value"}""",
        """{'reason':'jackpot_value'}""",
        """{"reason":"jackpot_value" "jackpot":"x"}""",
        """{"reason":"jackpot\x"}""",
        """{"reason":"jack""" + "\n" + """pot"}""",
    };

    public static TheoryData<string, string, string> BadFields => new()
    {
        // reason
        { """{"jackpot":"x"}""", "reason", "is missing" },
        { """{"reason":null}""", "reason", "is null" },
        { """{"reason":5}""", "reason", "must be a JSON string, not a number" },
        { """{"reason":""}""", "reason", "is empty or whitespace" },
        { """{"reason":" \t"}""", "reason", "is empty or whitespace" },
        { """{"reason":["jackpot_value"]}""", "reason", "not an array" },
        // ids
        { ReferenceSamples.ValueWith("jackpot", null), "jackpot", "is missing" },
        { ReferenceSamples.ValueWith("jackpot", "null"), "jackpot", "is null" },
        { ReferenceSamples.ValueWith("jackpot", "\"\""), "jackpot", "is empty or whitespace" },
        { ReferenceSamples.ValueWith("jackpot", "\"   \""), "jackpot", "is empty or whitespace" },
        { ReferenceSamples.ValueWith("jackpot", "12"), "jackpot", "must be a JSON string, not a number" },
        { ReferenceSamples.ValueWith("jackpot", "{}"), "jackpot", "must be a JSON string, not an object" },
        { ReferenceSamples.ValueWith("jackpot", "true"), "jackpot", "not a boolean" },
        { ReferenceSamples.ValueWith("jackpot", "\"\\uD800\""), "jackpot", "not valid UTF-8" },
        { ReferenceSamples.ValueWith("jackpotInstance", null), "jackpotInstance", "is missing" },
        { ReferenceSamples.ValueWith("jackpotInstance", "\"\\u00a0\""), "jackpotInstance", "is empty or whitespace" },
        // channel
        { ReferenceSamples.ValueWith("channel", null), "channel", "is missing" },
        { ReferenceSamples.ValueWith("channel", "null"), "channel", "is null" },
        { ReferenceSamples.ValueWith("channel", "\"nonsense\""), "channel", "is not a valid channel name" },
        { ReferenceSamples.ValueWith("channel", "\"ws_broadcast_\""), "channel", "is not a valid channel name" },
        { ReferenceSamples.ValueWith("channel", "\"_broadcast_group\""), "channel", "is not a valid channel name" },
        { ReferenceSamples.ValueWith("channel", "\"ws_user_  \""), "channel", "is not a valid channel name" },
        { ReferenceSamples.ValueWith("channel", "\"\""), "channel", "is not a valid channel name" },
        { ReferenceSamples.ValueWith("channel", "42"), "channel", "must be a JSON string" },
        // currency
        { ReferenceSamples.ValueWith("currency", null), "currency", "is missing" },
        { ReferenceSamples.ValueWith("currency", "\"\""), "currency", "is not a valid currency code" },
        { ReferenceSamples.ValueWith("currency", "\" EUR\""), "currency", "is not a valid currency code" },
        { ReferenceSamples.ValueWith("currency", "\"E-R\""), "currency", "is not a valid currency code" },
        { ReferenceSamples.ValueWith("currency", "\"€\""), "currency", "is not a valid currency code" },
        { ReferenceSamples.ValueWith("currency", "\"ABCDEFGHIJKLMNOPQ\""), "currency", "is not a valid currency code" },
        { ReferenceSamples.ValueWith("currency", "978"), "currency", "must be a JSON string, not a number" },
        // value
        { ReferenceSamples.ValueWith("value", null), "value", "is missing" },
        { ReferenceSamples.ValueWith("value", "null"), "value", "is null" },
        { ReferenceSamples.ValueWith("value", "\"\""), "value", "is empty" },
        { ReferenceSamples.ValueWith("value", "\"abc\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"NaN\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"Infinity\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"1,40.2\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"372,2\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"1,4082\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"1,,408\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\",408\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"1,408,\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"0,408\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"1408,20.5\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"1.408,20\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"1,408.2,0\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"372.\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\".5\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"1.2.3\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"-5\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"+5\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"1e3\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"3.722E2\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\" 372.2\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"372.2 \""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"0x1F\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"\u0663\u0667\u0662\""), "value", "is not a valid amount" },
        { ReferenceSamples.ValueWith("value", "\"12345678901234567890123456789\""), "value", "has 29 digits" },
        { ReferenceSamples.ValueWith("value", "\"0.00000000000000000000000000001\""), "value", "has 30 digits" },
        { ReferenceSamples.ValueWith("value", "-5"), "value", "is a negative number" },
        { ReferenceSamples.ValueWith("value", "1e3"), "value", "exponent notation" },
        { ReferenceSamples.ValueWith("value", "3.722E+2"), "value", "exponent notation" },
        { ReferenceSamples.ValueWith("value", "123456789012345678901234567890"), "value", "has 30 digits" },
        { ReferenceSamples.ValueWith("value", "true"), "value", "must be a JSON string or number, not a boolean" },
        { ReferenceSamples.ValueWith("value", "[\"372.2\"]"), "value", "must be a JSON string or number, not an array" },
        // wins
        { ReferenceSamples.WonWith("jackpotNewInstance", null), "jackpotNewInstance", "is missing; a 'jackpot_won' event must name" },
        { ReferenceSamples.WonWith("jackpotNewInstance", "null"), "jackpotNewInstance", "is null" },
        { ReferenceSamples.WonWith("jackpotNewInstance", "\"\""), "jackpotNewInstance", "is empty or whitespace" },
        { ReferenceSamples.WonWith("jackpotNewInstance", "13"), "jackpotNewInstance", "must be a JSON string" },
        { ReferenceSamples.JackpotWonOther.Replace(",\n\"jackpotNewInstance\": \"f8f21i6__13\"", "", StringComparison.Ordinal),
            "jackpotNewInstance", "is missing; a 'jackpot_won_other' event must name" },
        // duplicates
        { """{"reason":"jackpot_value","reason":"jackpot_won"}""", "reason", "appears more than once" },
        { ReferenceSamples.JackpotValue.Replace("\"currency\"", "\"value\": \"1\", \"currency\"", StringComparison.Ordinal), "value", "appears more than once" },
        { ReferenceSamples.JackpotWon.Replace("\"currency\"", "\"channel\": \"w_broadcast_g\", \"currency\"", StringComparison.Ordinal), "channel", "appears more than once" },
    };

    [Theory]
    [MemberData(nameof(NotJson))]
    public void Parse_NotAJsonDocument_ThrowsForWholePayload(string json)
    {
        var thrown = FluentActions.Invoking(() => JackpotEvent.Parse(json)).Should().Throw<JackpotEventFormatException>().Which;

        thrown.Field.Should().BeNull();
        thrown.Message.Should().StartWith("The payload is not valid JSON");
        thrown.InnerException.Should().BeAssignableTo<System.Text.Json.JsonException>();
        AssertTryParseAgrees(json, thrown);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"jackpot_value\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void Parse_JsonThatIsNotAnObject_Throws(string json)
    {
        var thrown = FluentActions.Invoking(() => JackpotEvent.Parse(json)).Should().Throw<JackpotEventFormatException>().Which;

        thrown.Field.Should().BeNull();
        thrown.Message.Should().Be("The payload must be a JSON object.");
        AssertTryParseAgrees(json, thrown);
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Parse_BadField_ThrowsNamingFieldAndProblem(string json, string field, string problem)
    {
        var thrown = FluentActions.Invoking(() => JackpotEvent.Parse(json)).Should().Throw<JackpotEventFormatException>().Which;

        thrown.Field.Should().Be(field);
        thrown.Message.Should().StartWith($"The '{field}' field ").And.Contain(problem);
        AssertTryParseAgrees(json, thrown);
    }

    [Fact]
    public void Parse_BadValue_EchoesTheValueButBadChannel_DoesNotEchoIt()
    {
        var value = FluentActions.Invoking(() => JackpotEvent.Parse(ReferenceSamples.ValueWith("value", "\"1,40.2\"")))
            .Should().Throw<JackpotEventFormatException>().Which;
        var channel = FluentActions.Invoking(() => JackpotEvent.Parse(ReferenceSamples.WonWith("channel", "\"ws_usr_secret@player.example\"")))
            .Should().Throw<JackpotEventFormatException>().Which;

        value.Message.Should().Contain("\"1,40.2\"");
        channel.Message.Should().NotContain("secret@player.example");
    }

    [Fact]
    public void Parse_InvalidUtf8InString_Throws()
    {
        byte[] json = Encoding.UTF8.GetBytes(ReferenceSamples.ValueWith("jackpot", "\"ab__\""));
        int at = Encoding.UTF8.GetString(json).IndexOf("ab__", StringComparison.Ordinal);
        json[at + 2] = 0xC3;
        json[at + 3] = 0x28;

        JackpotEvent.TryParse(json, out var result, out var error).Should().BeFalse();

        result.Should().BeNull();
        error!.Message.Should().NotBeNullOrEmpty();
        FluentActions.Invoking(() => JackpotEvent.Parse(json)).Should().Throw<JackpotEventFormatException>()
            .Which.Message.Should().Be(error.Message);
    }

    [Fact]
    public void Parse_NullString_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => JackpotEvent.Parse((string)null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void TryParse_NullString_ReturnsFalseWithError()
    {
        JackpotEvent.TryParse((string?)null, out var result).Should().BeFalse();
        JackpotEvent.TryParse((string?)null, out var result2, out var error).Should().BeFalse();

        result.Should().BeNull();
        result2.Should().BeNull();
        error!.Field.Should().BeNull();
    }

    [Fact]
    public void Parse_LargeMalformedPayload_ThrowsWithoutEchoingIt()
    {
        string json = ReferenceSamples.ValueWith("value", "\"" + new string('9', 10_000) + "x\"");

        var thrown = FluentActions.Invoking(() => JackpotEvent.Parse(json)).Should().Throw<JackpotEventFormatException>().Which;

        thrown.Field.Should().Be("value");
        thrown.Message.Length.Should().BeLessThan(400);
    }

    private static void AssertTryParseAgrees(string json, JackpotEventFormatException thrown)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);

        JackpotEvent.TryParse(json, out var fromString, out var stringError).Should().BeFalse();
        JackpotEvent.TryParse(utf8, out var fromBytes, out var bytesError).Should().BeFalse();
        JackpotEvent.TryParse(json, out var fromString2).Should().BeFalse();
        JackpotEvent.TryParse(utf8, out var fromBytes2).Should().BeFalse();

        new[] { fromString, fromBytes, fromString2, fromBytes2 }.Should().AllSatisfy(r => r.Should().BeNull());
        foreach (var error in new[] { stringError!, bytesError! })
        {
            error.Message.Should().Be(thrown.Message);
            error.Field.Should().Be(thrown.Field);
        }

        FluentActions.Invoking(() => JackpotEvent.Parse(utf8)).Should().Throw<JackpotEventFormatException>()
            .Which.Message.Should().Be(thrown.Message);
    }
}
