using System.Reactive.Linq;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Docs;

/// <summary>The README's example, verbatim between the markers, run against the in-process simulator.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task QuickStart_AgainstSimulator_ShowsABoard()
    {
        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(50) },
            TestContext.Current.CancellationToken);
        var output = new StringWriter();
        var endpoint = simulator.SubscribeUri;
        var workspace = simulator.Options.Workspace;
        var group = simulator.Options.Group;
        var player = new PlayerId("a@b.com");

        // README: begin
        await using var client = new JackpotPushClient(new JackpotPushClientOptions
        {
            Endpoint = endpoint,              // default: https://push-events.flows.world/subscribe
            Workspace = workspace,
        });

        IObservable<JackpotBoard> boards = client.Broadcast(group)
            .MergePlayerWins(client.Player(player), TimeSpan.FromSeconds(2)) // a player's win, reported once
            .ThrottleValues(TimeSpan.FromMilliseconds(250))                  // at most 4 updates/s per jackpot
            .ToBoard();                                                      // immutable snapshots for the UI

        JackpotBoard board = await boards.FirstAsync(b => b.Count == 3).Timeout(TimeSpan.FromSeconds(10));
        foreach (var (jackpot, entry) in board.Entries)
        {
            output.WriteLine($"{jackpot}: {entry.Amount:N2} {entry.Currency} ({entry.Instance})");
        }
        // README: end

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3).And.OnlyContain(line => line.Contains(" EUR ("));
    }

    [Fact]
    public void ParsingAndAddressing_AsInTheReadme()
    {
        // README: begin
        JackpotEvent e = JackpotEvent.Parse("""{"reason":"jackpot_value","jackpotInstance":"3XiLXZkU_5","jackpot":"3XiLXZkU","channel":"8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15","currency":"EUR","value":"372.2"}""");
        ChannelName channel = ChannelName.Player(new WorkspaceId("8mQhEnuznUe01IsGOE4mPw"), new PlayerId("a@b.com"));
        Uri uri = JackpotPushEndpoint.BuildSubscribeUri(channel);   // …/subscribe?channel=8mQhEnuznUe01IsGOE4mPw_user_a%40b.com
        // README: end

        e.Should().BeOfType<JackpotValueUpdated>().Which.Amount.Should().Be(372.2m);
        uri.AbsoluteUri.Should().Be("https://push-events.flows.world/subscribe?channel=8mQhEnuznUe01IsGOE4mPw_user_a%40b.com");
        channel.ToString().Should().Be("8mQhEnuznUe01IsGOE4mPw_user_a@***");
    }
}
