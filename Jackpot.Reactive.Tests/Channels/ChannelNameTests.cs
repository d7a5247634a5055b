namespace Jackpot.Reactive.Tests.Channels;

public sealed class ChannelNameTests
{
    private static readonly WorkspaceId Workspace = new("8mQhEnuznUe01IsGOE4mPw");

    [Fact]
    public void Broadcast_BuildsServiceName()
    {
        var channel = ChannelName.Broadcast(Workspace, new JackpotGroupId("fce39b15-9fc1-42bb-8d96-e65c1d17feac"));

        channel.RawValue.Should().Be("8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15-9fc1-42bb-8d96-e65c1d17feac");
        channel.Kind.Should().Be(ChannelKind.Broadcast);
    }

    [Fact]
    public void ToString_PlayerChannel_RedactsPlayerId()
    {
        var channel = ChannelName.ForPlayer(Workspace, new PlayerId("a@b.com"));

        channel.ToString().Should().NotContain("a@b.com");
        channel.RawValue.Should().EndWith("_user_a@b.com");
    }
}
