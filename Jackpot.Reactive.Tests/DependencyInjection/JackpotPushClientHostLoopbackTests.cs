using System.Reactive.Linq;
using Jackpot.Reactive.Simulator;
using Jackpot.Reactive.Tests.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Tests.DependencyInjection;

/// <summary>The registered client in a real host against the push-event simulator on Kestrel (127.0.0.1, free port):
/// the named HTTP client with the event-stream handler, a dropped connection retried, and the logs it all writes.</summary>
public sealed class JackpotPushClientHostLoopbackTests
{
    private const string SecretPlayer = "alice.secret@example.com";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Host_AgainstSimulator_StreamsValuesReconnectsAfterADropAndDeliversAPlayerWin()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(50), WinProbabilityPerSpin = 0 },
            cancellation);
        var logs = new CapturingLoggerProvider();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JackpotPush:Endpoint"] = simulator.SubscribeUri.ToString(),
            ["JackpotPush:Workspace"] = simulator.Options.Workspace.Value,
            ["JackpotPush:Reconnect:InitialDelay"] = "00:00:00.100",
        });
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddJackpotPushClient(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync(cancellation);
        var client = host.Services.GetRequiredService<JackpotPushClient>();
        var player = new PlayerId(SecretPlayer);
        var broadcastStatus = client.Status(simulator.BroadcastChannel);

        var values = client.Broadcast(simulator.Options.Group).OfType<JackpotValueUpdated>().Replay();
        using var connection = values.Connect();
        await values.Take(2).ToList().Timeout(Patience);
        var reopened = broadcastStatus.Where(s => s.State == ChannelState.Open).Skip(1).FirstAsync().Replay();
        using var reopenedConnection = reopened.Connect();
        simulator.DropConnections().Should().BeGreaterThan(0);
        var afterReconnect = await reopened.Timeout(Patience);
        var playerWins = client.Player(player).FirstAsync().Replay();
        using var playerConnection = playerWins.Connect();
        await client.Status(ChannelName.Player(client.Workspace, player)).FirstAsync(s => s.State == ChannelState.Open).Timeout(Patience);
        simulator.MakePlayerWin(player);
        var win = await playerWins.Timeout(Patience);
        await host.StopAsync(cancellation);

        afterReconnect.Continuity.Should().NotBe(StreamContinuity.Initial);
        win.Should().BeOfType<JackpotWon>();
        var output = TestContext.Current.TestOutputHelper;
        foreach (var entry in logs.Entries.Where(e => e.Level != LogLevel.None))
        {
            output?.WriteLine(entry.ToString());
        }

        logs.Entries.Select(e => e.EventId.Id).Should().Contain([1, 2, 3], "connecting, open and a retry were logged");
        logs.Entries.SelectMany(e => e.Texts()).Should().OnlyContain(text => !text.Contains("alice", StringComparison.OrdinalIgnoreCase));
    }
}
