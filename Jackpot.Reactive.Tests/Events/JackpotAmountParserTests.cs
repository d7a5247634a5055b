using System.Globalization;
using System.Text;

namespace Jackpot.Reactive.Tests.Events;

public sealed class JackpotAmountParserTests
{
    [Theory]
    [InlineData("372.2", "372.2")]
    [InlineData("360.00", "360.00")]
    [InlineData("1,408.20", "1408.20")]
    [InlineData("1,408", "1408")]
    [InlineData("12,345,678.9", "12345678.9")]
    [InlineData("0", "0")]
    [InlineData("0.5", "0.5")]
    [InlineData("00.50", "0.50")]
    [InlineData("9999999999999999999", "9999999999999999999")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("79,228,162,514,264,337,593,543,950.3", "79228162514264337593543950.3")]
    public void TryParseString_ValidText_ParsesExactlyKeepingScale(string text, string expected)
    {
        JackpotAmountParser.TryParseString(Encoding.UTF8.GetBytes(text), out decimal amount, out string? problem).Should().BeTrue();

        problem.Should().BeNull();
        amount.ToString(CultureInfo.InvariantCulture).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("1,40.2")]
    [InlineData("1,4")]
    [InlineData("1234,567")]
    [InlineData("0,123")]
    [InlineData("1,234.5,6")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1e3")]
    [InlineData("-1")]
    [InlineData("1_000")]
    [InlineData("12345678901234567890123456789")]
    public void TryParseString_InvalidText_FailsWithProblem(string text)
    {
        JackpotAmountParser.TryParseString(Encoding.UTF8.GetBytes(text), out decimal amount, out string? problem).Should().BeFalse();

        amount.Should().Be(0m);
        problem.Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("1,408.20")]
    [InlineData("1e3")]
    [InlineData("-0")]
    [InlineData("-1.5")]
    public void TryParseNumber_GroupingSignOrExponent_Fails(string text)
    {
        JackpotAmountParser.TryParseNumber(Encoding.UTF8.GetBytes(text), out _, out string? problem).Should().BeFalse();

        problem.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void TryParseNumber_PlainNumber_Parses()
    {
        JackpotAmountParser.TryParseNumber("1408.20"u8, out decimal amount, out _).Should().BeTrue();

        amount.ToString(CultureInfo.InvariantCulture).Should().Be("1408.20");
    }
}
