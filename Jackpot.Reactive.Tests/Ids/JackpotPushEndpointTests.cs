using System.Web;

namespace Jackpot.Reactive.Tests.Ids;

public sealed class JackpotPushEndpointTests
{
    private static readonly WorkspaceId Workspace = new("8mQhEnuznUe01IsGOE4mPw");

    public static TheoryData<string> HostileIds => new()
    {
        "a&channel=other_broadcast_g",
        "a#fragment",
        "100%",
        "%41%2",
        "who?channel=x",
        "a/../b",
        "a+b",
        "a b  c",
        "jöhn@exämple.com",
        "日本😀",
        "a=b;c",
        "g_user_victim@example.com",
        "x_broadcast_y",
        "\\\"'<>`{}|^[]",
        "tab\there\r\nnewline",
    };

    [Fact]
    public void BuildSubscribeUri_DefaultEndpoint_AddsChannelParameter()
    {
        var channel = ChannelName.Broadcast(Workspace, new JackpotGroupId("fce39b15-9fc1-42bb-8d96-e65c1d17feac"));

        var uri = JackpotPushEndpoint.BuildSubscribeUri(channel);

        uri.AbsoluteUri.Should().Be(
            "https://push-events.flows.world/subscribe?channel=8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15-9fc1-42bb-8d96-e65c1d17feac");
    }

    [Fact]
    public void BuildSubscribeUri_EmailPlayer_EscapesAt()
    {
        var uri = JackpotPushEndpoint.BuildSubscribeUri(ChannelName.Player(Workspace, new PlayerId("a@b.com")));

        uri.AbsoluteUri.Should().Be("https://push-events.flows.world/subscribe?channel=8mQhEnuznUe01IsGOE4mPw_user_a%40b.com");
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void BuildSubscribeUri_HostileGroupId_RoundTripsToExactlyThatChannel(string group)
    {
        var channel = ChannelName.Broadcast(Workspace, new JackpotGroupId(group));

        AssertRoundTrips(JackpotPushEndpoint.BuildSubscribeUri(channel), channel, expectedOtherParameters: 0);
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void BuildSubscribeUri_HostilePlayerId_RoundTripsToExactlyThatChannel(string player)
    {
        var channel = ChannelName.Player(Workspace, new PlayerId(player));

        AssertRoundTrips(JackpotPushEndpoint.BuildSubscribeUri(channel), channel, expectedOtherParameters: 0);
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void BuildSubscribeUri_HostileIdsOnEndpointWithQuery_KeepQueryAndRoundTrip(string id)
    {
        var endpoint = new Uri("http://127.0.0.1:5081/push/subscribe?token=a%26b&v=2");
        var channel = ChannelName.Player(new WorkspaceId("w-1"), new PlayerId(id));

        var uri = JackpotPushEndpoint.BuildSubscribeUri(channel, endpoint);

        AssertRoundTrips(uri, channel, expectedOtherParameters: 2);
        uri.GetLeftPart(UriPartial.Path).Should().Be("http://127.0.0.1:5081/push/subscribe");
        var query = HttpUtility.ParseQueryString(uri.Query);
        query["token"].Should().Be("a&b");
        query["v"].Should().Be("2");
    }

    [Theory]
    [InlineData("https://example.com/subscribe?", "https://example.com/subscribe?channel=w_broadcast_g")]
    [InlineData("https://example.com/subscribe?a=1&", "https://example.com/subscribe?a=1&channel=w_broadcast_g")]
    [InlineData("https://example.com/subscribe?a=1", "https://example.com/subscribe?a=1&channel=w_broadcast_g")]
    [InlineData("https://example.com:8443/", "https://example.com:8443/?channel=w_broadcast_g")]
    [InlineData("http://localhost:80/s", "http://localhost/s?channel=w_broadcast_g")]
    public void BuildSubscribeUri_CustomEndpoint_KeepsItAndAppendsOneParameter(string endpoint, string expected)
    {
        var channel = ChannelName.Broadcast(new WorkspaceId("w"), new JackpotGroupId("g"));

        JackpotPushEndpoint.BuildSubscribeUri(channel, new Uri(endpoint)).AbsoluteUri.Should().Be(expected);
    }

    [Theory]
    [InlineData("https://example.com/subscribe?channel=other")]
    [InlineData("https://example.com/subscribe?a=1&Channel=other")]
    [InlineData("https://example.com/subscribe?chan%6Eel=other")]
    [InlineData("https://example.com/subscribe?channel")]
    public void BuildSubscribeUri_EndpointWithChannelParameter_Throws(string endpoint)
    {
        var channel = ChannelName.Broadcast(new WorkspaceId("w"), new JackpotGroupId("g"));

        FluentActions.Invoking(() => JackpotPushEndpoint.BuildSubscribeUri(channel, new Uri(endpoint)))
            .Should().Throw<ArgumentException>().WithParameterName(nameof(endpoint));
    }

    [Theory]
    [InlineData("ftp://example.com/subscribe")]
    [InlineData("file:///tmp/subscribe")]
    [InlineData("https://example.com/subscribe#top")]
    public void BuildSubscribeUri_UnsuitableEndpoint_Throws(string endpoint)
    {
        var channel = ChannelName.Broadcast(new WorkspaceId("w"), new JackpotGroupId("g"));

        FluentActions.Invoking(() => JackpotPushEndpoint.BuildSubscribeUri(channel, new Uri(endpoint)))
            .Should().Throw<ArgumentException>().WithParameterName(nameof(endpoint));
    }

    [Fact]
    public void BuildSubscribeUri_RelativeEndpoint_Throws()
    {
        var channel = ChannelName.Broadcast(new WorkspaceId("w"), new JackpotGroupId("g"));

        FluentActions.Invoking(() => JackpotPushEndpoint.BuildSubscribeUri(channel, new Uri("/subscribe", UriKind.Relative)))
            .Should().Throw<ArgumentException>().WithParameterName("endpoint");
    }

    [Fact]
    public void BuildSubscribeUri_DefaultChannel_Throws()
    {
        FluentActions.Invoking(() => JackpotPushEndpoint.BuildSubscribeUri(default))
            .Should().Throw<ArgumentException>().WithParameterName("channel");
    }

    [Fact]
    public void DefaultSubscribeUri_IsTheServiceEndpoint()
    {
        JackpotPushEndpoint.DefaultSubscribeUri.AbsoluteUri.Should().Be("https://push-events.flows.world/subscribe");
    }

    private static void AssertRoundTrips(Uri uri, ChannelName channel, int expectedOtherParameters)
    {
        uri.Fragment.Should().BeEmpty();
        uri.AbsoluteUri.Should().NotContain("#");
        var reparsed = new Uri(uri.AbsoluteUri);
        reparsed.Fragment.Should().BeEmpty();

        // Through System.Web's parser.
        var query = HttpUtility.ParseQueryString(reparsed.Query);
        query.Count.Should().Be(expectedOtherParameters + 1);
        query.GetValues("channel").Should().ContainSingle().Which.Should().Be(channel.RawValue);

        // By hand, with the strict RFC 3986 unescaping a server would apply.
        string[] pairs = reparsed.Query.TrimStart('?').Split('&');
        pairs.Should().HaveCount(expectedOtherParameters + 1);
        var channelValues = pairs.Where(p => p.StartsWith("channel=", StringComparison.Ordinal))
            .Select(p => Uri.UnescapeDataString(p["channel=".Length..]))
            .ToList();
        channelValues.Should().ContainSingle().Which.Should().Be(channel.RawValue);

        var addressed = ChannelName.Parse(channelValues[0]);
        addressed.Should().Be(channel);
        addressed.Kind.Should().Be(channel.Kind);
        addressed.Workspace.Should().Be(channel.Workspace);
        addressed.Group.Should().Be(channel.Group);
        addressed.PlayerId.Should().Be(channel.PlayerId);
    }
}
