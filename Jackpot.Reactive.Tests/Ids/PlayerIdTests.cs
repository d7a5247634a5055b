namespace Jackpot.Reactive.Tests.Ids;

public sealed class PlayerIdTests
{
    [Fact]
    public void Constructor_Null_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new PlayerId(null!)).Should().Throw<ArgumentNullException>().WithParameterName("value");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n")]
    [InlineData("\u00a0\u2003")]
    public void Constructor_EmptyOrWhitespace_ThrowsArgument(string value)
    {
        FluentActions.Invoking(() => new PlayerId(value)).Should().Throw<ArgumentException>().WithParameterName(nameof(value));
    }

    [Theory]
    [InlineData("a@b.com")]
    [InlineData("PLAYER_12345")]
    [InlineData(" spaced id ")]
    [InlineData("jöhn+tag@exämple.com")]
    public void RawValue_IsTheIdAsGiven(string value)
    {
        new PlayerId(value).RawValue.Should().Be(value);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("ab")]
    [InlineData("abcd")]
    [InlineData("abcde")]
    [InlineData("a@b.com")]
    [InlineData("PLAYER_12345")]
    [InlineData("😀😀😀")]
    public void ToString_NeverPrintsTheWholeId(string value)
    {
        var player = new PlayerId(value);

        player.ToString().Should().NotContain(value).And.EndWith("***");
        $"{player}".Should().NotContain(value);
    }

    [Theory]
    [InlineData("abcd", "***")]
    [InlineData("a@b.com", "a@***")]
    [InlineData("PLAYER_12345", "PL***")]
    [InlineData("a😀bcde", "a***")]
    [InlineData("😀bcde", "😀***")]
    public void ToString_ShowsAtMostTwoCharactersWithoutSplittingSurrogates(string value, string expected)
    {
        new PlayerId(value).ToString().Should().Be(expected);
    }

    [Fact]
    public void Default_IsEmptyAndRedacted()
    {
        default(PlayerId).RawValue.Should().BeEmpty();
        default(PlayerId).ToString().Should().Be("***");
    }

    [Fact]
    public void Equality_IsOrdinalOnRawValue()
    {
        new PlayerId("a@b.com").Should().Be(new PlayerId("a@b.com"));
        new PlayerId("a@b.com").Should().NotBe(new PlayerId("A@b.com"));
    }
}
