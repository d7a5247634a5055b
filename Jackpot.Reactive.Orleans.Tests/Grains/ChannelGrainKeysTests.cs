using System.Security.Cryptography;
using System.Text;

namespace Jackpot.Reactive.Orleans.Tests.Grains;

/// <summary>Channel grain keys: a keyed hash of the channel name, stable for one secret, different for another, and
/// free of the player's id.</summary>
public sealed class ChannelGrainKeysTests
{
    private const string Secret = "a-cluster-secret-of-32-characters!!";
    private static readonly ChannelName PlayerChannel = ChannelName.Player(new WorkspaceId("ws"), new PlayerId("player-0042-secret"));

    [Fact]
    public void For_PlayerChannel_IsTheBase64UrlHmacOfTheRawNameAndHoldsNoPartOfTheId()
    {
        var key = new ChannelGrainKeys(Secret).For(PlayerChannel);

        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(PlayerChannel.RawValue)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        key.Should().Be(ChannelGrainKeys.Prefix + expected).And.HaveLength(47);
        key.Should().NotContain("player-0042").And.NotContain("ws");
    }

    [Fact]
    public void For_SameSecret_SameKey_OtherSecretOrChannel_OtherKey()
    {
        var keys = new ChannelGrainKeys(Secret);
        var other = ChannelName.Player(new WorkspaceId("ws"), new PlayerId("player-0043-secret"));

        keys.For(PlayerChannel).Should().Be(new ChannelGrainKeys(Secret).For(PlayerChannel));
        keys.For(PlayerChannel).Should().NotBe(keys.For(other));
        keys.For(PlayerChannel).Should().NotBe(new ChannelGrainKeys(Secret + "x").For(PlayerChannel));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Constructor_NoSecret_Throws(string? secret) =>
        FluentActions.Invoking(() => new ChannelGrainKeys(secret)).Should().Throw<ArgumentException>();
}
