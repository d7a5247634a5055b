using System.Reactive.Linq;
using Jackpot.Reactive.Tests.Transport;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Connection;

/// <summary>
/// A lost HTTP/2 connection breaks every channel on it at the same instant. The default back-off's jitter (only ever
/// added to the reconnection time) must spread their reconnects over the jitter window rather than send them as a herd.
/// </summary>
public sealed class ConnectionLossJitterTests
{
    private const int Channels = 500;

    [Fact]
    public void Reconnect_ManyChannelsLostAtOnce_SpreadOverTheJitterWindowNeverSooner()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, ScriptedTransport.Script(ScriptStep.Open(0), ScriptStep.Drop(10)));
        var options = new JackpotPushClientOptions
        {
            Endpoint = new Uri("https://push.example/subscribe"),
            Workspace = new WorkspaceId("ws"),
            Linger = TimeSpan.Zero,
        };
        using var client = new JackpotPushClient(options, transport, scheduler, loggerFactory: null);
        var firstRetries = new ChannelStatus?[Channels];
        var reopenedAt = new long[Channels];
        var subscriptions = new List<IDisposable>();
        for (int i = 0; i < Channels; i++)
        {
            int index = i;
            var channel = ChannelName.Player(options.Workspace, new PlayerId("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            subscriptions.Add(client.Status(channel).Subscribe(status =>
            {
                if (status.State == ChannelState.Reconnecting && firstRetries[index] is null)
                {
                    firstRetries[index] = status;
                }
                else if (status.State == ChannelState.Open && firstRetries[index] is not null && reopenedAt[index] == 0)
                {
                    reopenedAt[index] = scheduler.Clock;
                }
            }));
            subscriptions.Add(client.Channel(channel).Subscribe(static _ => { }));
        }

        scheduler.AdvanceTo(TimeSpan.FromSeconds(10).Ticks + 1);
        var initialDelay = ReconnectPolicy.Default.InitialDelay;
        var windowEnd = initialDelay * (1 + ReconnectPolicy.Default.JitterRatio);
        firstRetries.Should().AllSatisfy(status => status.Should().NotBeNull());
        var delays = firstRetries.Select(status => status!.Delay).ToList();
        delays.Should().AllSatisfy(delay => delay.Should().BeGreaterThanOrEqualTo(initialDelay).And.BeLessThanOrEqualTo(windowEnd));

        // No herd: ten equal slices of the window each hold about a tenth; none holds more than a fifth.
        var window = windowEnd - initialDelay;
        var slices = delays.GroupBy(delay => Math.Min(9, (int)((delay - initialDelay) / window * 10))).ToDictionary(group => group.Key, group => group.Count());
        slices.Should().HaveCount(10);
        slices.Values.Should().AllSatisfy(count => count.Should().BeLessThan(Channels / 5));

        // And the reconnects happen at those delays: none before the reconnection time, all within the window.
        scheduler.AdvanceBy(initialDelay.Ticks - 2);
        reopenedAt.Should().AllSatisfy(at => at.Should().Be(0));
        scheduler.AdvanceBy((windowEnd - initialDelay).Ticks + 2);
        reopenedAt.Should().AllSatisfy(at => at.Should().BeGreaterThan(0));
        subscriptions.ForEach(subscription => subscription.Dispose());
    }
}
