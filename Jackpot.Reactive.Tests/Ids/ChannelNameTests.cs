namespace Jackpot.Reactive.Tests.Ids;

public sealed class ChannelNameTests
{
    private static readonly WorkspaceId Workspace = new("8mQhEnuznUe01IsGOE4mPw");

    [Fact]
    public void Broadcast_BuildsServiceName()
    {
        var channel = ChannelName.Broadcast(Workspace, new JackpotGroupId("fce39b15-9fc1-42bb-8d96-e65c1d17feac"));

        channel.RawValue.Should().Be("8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15-9fc1-42bb-8d96-e65c1d17feac");
        channel.Kind.Should().Be(ChannelKind.Broadcast);
        channel.Workspace.Should().Be(Workspace);
        channel.Group.Value.Should().Be("fce39b15-9fc1-42bb-8d96-e65c1d17feac");
        channel.PlayerId.Should().Be(default(PlayerId));
    }

    [Fact]
    public void Player_BuildsServiceName()
    {
        var channel = ChannelName.Player(Workspace, new PlayerId("a@b.com"));

        channel.RawValue.Should().Be("8mQhEnuznUe01IsGOE4mPw_user_a@b.com");
        channel.Kind.Should().Be(ChannelKind.Player);
        channel.Workspace.Should().Be(Workspace);
        channel.PlayerId.RawValue.Should().Be("a@b.com");
        channel.Group.Should().Be(default(JackpotGroupId));
    }

    [Fact]
    public void ToString_PlayerChannel_RedactsPlayerId()
    {
        var channel = ChannelName.Player(Workspace, new PlayerId("a@b.com"));

        channel.ToString().Should().NotContain("a@b.com").And.StartWith("8mQhEnuznUe01IsGOE4mPw_user_");
        channel.RawValue.Should().EndWith("_user_a@b.com");
    }

    [Theory]
    [InlineData("player-secret-123")]
    [InlineData("x")]
    [InlineData("abcd")]
    [InlineData("john.doe@example.com")]
    public void ToString_PlayerChannel_NeverContainsWholePlayerId(string player)
    {
        var built = ChannelName.Player(Workspace, new PlayerId(player));
        var parsed = ChannelName.Parse("ws_user_" + player);

        built.ToString().Should().NotContain(player);
        parsed.ToString().Should().NotContain(player);
        $"{built}".Should().NotContain(player);
    }

    [Fact]
    public void ToString_BroadcastChannel_IsRawName()
    {
        var channel = ChannelName.Broadcast(Workspace, new JackpotGroupId("g1"));

        channel.ToString().Should().Be(channel.RawValue);
    }

    [Fact]
    public void Default_HasEmptyNameAndIds()
    {
        var channel = default(ChannelName);

        channel.RawValue.Should().BeEmpty();
        channel.ToString().Should().BeEmpty();
        channel.Workspace.Value.Should().BeEmpty();
        channel.Should().Be(default(ChannelName));
    }

    [Fact]
    public void Factories_DefaultIds_Throw()
    {
        FluentActions.Invoking(() => ChannelName.Broadcast(default, new JackpotGroupId("g"))).Should().Throw<ArgumentException>()
            .WithParameterName("workspace");
        FluentActions.Invoking(() => ChannelName.Broadcast(Workspace, default)).Should().Throw<ArgumentException>()
            .WithParameterName("group");
        FluentActions.Invoking(() => ChannelName.Player(default, new PlayerId("p"))).Should().Throw<ArgumentException>()
            .WithParameterName("workspace");
        FluentActions.Invoking(() => ChannelName.Player(Workspace, default)).Should().Throw<ArgumentException>()
            .WithParameterName("player");
    }

    [Theory]
    [InlineData("ws_user")]
    [InlineData("ws_user_x")]
    [InlineData("a_broadcast_b")]
    [InlineData("ws_broadcast")]
    public void Factories_WorkspaceThatWouldReadBackDifferently_Throw(string workspace)
    {
        FluentActions.Invoking(() => ChannelName.Broadcast(new WorkspaceId(workspace), new JackpotGroupId("g")))
            .Should().Throw<ArgumentException>().WithParameterName(nameof(workspace));
        FluentActions.Invoking(() => ChannelName.Player(new WorkspaceId(workspace), new PlayerId("p")))
            .Should().Throw<ArgumentException>().WithParameterName(nameof(workspace));
    }

    [Theory]
    [InlineData("ws_x", "group_user_7")]
    [InlineData("w_s", "_broadcast_")]
    [InlineData("base64_url-Id", "g_")]
    [InlineData("ws", "_")]
    [InlineData("ws", "a b&c#d%e?f/g+h=i")]
    [InlineData("ws", "日本😀")]
    public void Broadcast_RoundTripsThroughParse(string workspace, string group)
    {
        var channel = ChannelName.Broadcast(new WorkspaceId(workspace), new JackpotGroupId(group));

        var parsed = ChannelName.Parse(channel.RawValue);

        parsed.Should().Be(channel);
        parsed.Kind.Should().Be(ChannelKind.Broadcast);
        parsed.Workspace.Value.Should().Be(workspace);
        parsed.Group.Value.Should().Be(group);
    }

    [Theory]
    [InlineData("ws_x", "a@b.com")]
    [InlineData("ws", "p_broadcast_q")]
    [InlineData("ws", "_user_")]
    [InlineData("ws", "a b&c#d%e?f/g+h=i")]
    public void Player_RoundTripsThroughParse(string workspace, string player)
    {
        var channel = ChannelName.Player(new WorkspaceId(workspace), new PlayerId(player));

        var parsed = ChannelName.Parse(channel.RawValue);

        parsed.Should().Be(channel);
        parsed.Kind.Should().Be(ChannelKind.Player);
        parsed.Workspace.Value.Should().Be(workspace);
        parsed.PlayerId.RawValue.Should().Be(player);
    }

    [Theory]
    [InlineData("ws_broadcast_g_user_p", ChannelKind.Broadcast, "ws", "g_user_p")]
    [InlineData("ws_user_p_broadcast_g", ChannelKind.Player, "ws", "p_broadcast_g")]
    [InlineData("a_b_broadcast_c", ChannelKind.Broadcast, "a_b", "c")]
    [InlineData("ws_broadcast__broadcast_", ChannelKind.Broadcast, "ws", "_broadcast_")]
    [InlineData(" ws _user_ p ", ChannelKind.Player, " ws ", " p ")]
    public void Parse_SplitsAtFirstMarker(string value, ChannelKind kind, string workspace, string id)
    {
        var channel = ChannelName.Parse(value);

        channel.Kind.Should().Be(kind);
        channel.Workspace.Value.Should().Be(workspace);
        (kind == ChannelKind.Broadcast ? channel.Group.Value : channel.PlayerId.RawValue).Should().Be(id);
        channel.RawValue.Should().BeSameAs(value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no-marker-here")]
    [InlineData("ws_Broadcast_g")]
    [InlineData("ws_USER_p")]
    [InlineData("ws_broadcast")]
    [InlineData("_broadcast_g")]
    [InlineData("ws_broadcast_")]
    [InlineData("_user_p")]
    [InlineData("ws_user_")]
    [InlineData(" \t_user_p")]
    [InlineData("ws_user_ \t ")]
    [InlineData("_user_")]
    public void TryParse_InvalidName_ReturnsFalseAndParseThrows(string value)
    {
        ChannelName.TryParse(value, out var channel).Should().BeFalse();

        channel.Should().Be(default(ChannelName));
        FluentActions.Invoking(() => ChannelName.Parse(value)).Should().Throw<FormatException>();
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        ChannelName.TryParse(null, out _).Should().BeFalse();
        FluentActions.Invoking(() => ChannelName.Parse(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Parse_InvalidPlayerChannel_DoesNotEchoName()
    {
        FluentActions.Invoking(() => ChannelName.Parse("ws_usr_secret@example.com")).Should().Throw<FormatException>()
            .Which.Message.Should().NotContain("secret@example.com");
    }

    [Fact]
    public void Equality_IsByRawName()
    {
        var built = ChannelName.Player(Workspace, new PlayerId("a@b.com"));
        var parsed = ChannelName.Parse("8mQhEnuznUe01IsGOE4mPw_user_a@b.com");
        var other = ChannelName.Player(Workspace, new PlayerId("A@b.com"));

        parsed.Should().Be(built);
        (parsed == built).Should().BeTrue();
        parsed.GetHashCode().Should().Be(built.GetHashCode());
        (other == built).Should().BeFalse();
        new HashSet<ChannelName> { built, parsed, other }.Should().HaveCount(2);
    }
}
