using CsCheck;
using Microsoft.AspNetCore.WebUtilities;

namespace Jackpot.Reactive.Tests.Ids;

/// <summary>Properties of <see cref="JackpotPushEndpoint.BuildSubscribeUri"/>: any ids reach the server as exactly their
/// channel, never another channel and never an extra query parameter.</summary>
public sealed class JackpotPushEndpointPropertyTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:5080/subscribe?tenant=a%26b");

    /// <summary>Ids made of any Unicode scalar values, of query syntax, and of the channel markers.</summary>
    private static readonly Gen<string> Ids = Gen.OneOf(
        Gen.Int[0, 0x10FFFF].Where(codePoint => codePoint is < 0xD800 or > 0xDFFF).Array[1, 12]
            .Select(codePoints => string.Concat(codePoints.Select(char.ConvertFromUtf32))),
        Gen.OneOf("&", "=", "#", "%", "/", " ", "_user_", "_broadcast_", "+", "?", ";", "%26", "channel=x", "a", "é", "😀", "_")
            .Array[1, 8].Select(parts => string.Concat(parts)));

    [Fact]
    public void BuildSubscribeUri_AnyIds_ServerDecodesExactlyThatChannel()
    {
        Gen.Select(Ids, Ids, Gen.Bool).Sample(
            input =>
            {
                var (workspace, id, player) = input;
                ChannelName channel;
                try
                {
                    channel = player
                        ? ChannelName.Player(new WorkspaceId(workspace), new PlayerId(id))
                        : ChannelName.Broadcast(new WorkspaceId(workspace), new JackpotGroupId(id));
                }
                catch (ArgumentException)
                {
                    // Rejected up front (a blank id, or a workspace that would read back as another channel): never sent.
                    return;
                }

                var uri = JackpotPushEndpoint.BuildSubscribeUri(channel, Endpoint);
                var query = QueryHelpers.ParseQuery(uri.Query);

                query.Keys.Should().BeEquivalentTo("tenant", "channel");
                query["tenant"].Should().Equal("a&b");
                query["channel"].Should().Equal(channel.RawValue);
                ChannelName.TryParse(query["channel"].ToString(), out var decoded).Should().BeTrue();
                decoded.Should().Be(channel);
                decoded.Kind.Should().Be(player ? ChannelKind.Player : ChannelKind.Broadcast);
                uri.Fragment.Should().BeEmpty();
            },
            iter: 3000,
            print: input => $"workspace {Escape(input.Item1)}, id {Escape(input.Item2)}, player {input.Item3}");
    }

    private static string Escape(string text) => string.Concat(text.EnumerateRunes().Select(rune => $"U+{rune.Value:X4} "));
}
