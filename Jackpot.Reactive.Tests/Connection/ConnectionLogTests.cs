using Jackpot.Reactive.Tests.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Transport.ScriptStep;

namespace Jackpot.Reactive.Tests.Connection;

public sealed class ConnectionLogTests
{
    private const string SecretPlayer = "alice@example.com";

    [Fact]
    public void DescribeTarget_PlayerChannel_RedactsPlayerIdAndDropsOtherQueryParts()
    {
        var channel = ChannelName.Player(new WorkspaceId("ws"), new PlayerId(SecretPlayer));
        var uri = new Uri(JackpotPushEndpoint.BuildSubscribeUri(channel, new Uri("https://user:pw@push.example/subscribe?token=t")).ToString());

        string target = ConnectionLog.DescribeTarget(uri);

        target.Should().StartWith("https://push.example/subscribe?channel=ws_user_");
        target.Should().NotContain(SecretPlayer).And.NotContain("alice").And.NotContain("token").And.NotContain("pw");
    }

    [Fact]
    public void DescribeTarget_BroadcastChannel_KeepsChannelName()
    {
        var uri = JackpotPushEndpoint.BuildSubscribeUri(ChannelName.Broadcast(new WorkspaceId("ws"), new JackpotGroupId("g1")));

        ConnectionLog.DescribeTarget(uri).Should().Be("https://push-events.flows.world/subscribe?channel=ws_broadcast_g1");
    }

    [Fact]
    public void SseConnection_Logs_ConnectingOpenRetryAndCloseWithoutPlayerId()
    {
        var scheduler = new TestScheduler();
        var transport = new ScriptedTransport(scheduler, [Open(0), Drop(1)], [Open(0)]);
        var channel = ChannelName.Player(new WorkspaceId("ws"), new PlayerId(SecretPlayer));
        var options = new SseConnectionOptions { Uri = JackpotPushEndpoint.BuildSubscribeUri(channel), Reconnect = ReconnectPolicy.Default with { RandomSource = () => 0 } };
        var logger = new RecordingLogger();

        scheduler.Start(() => new SseConnection(transport, options, scheduler, logger), created: 1, subscribed: 10, disposed: TimeSpan.FromSeconds(10).Ticks);

        logger.Entries.Select(e => e.EventId).Should().Equal(1, 2, 3, 1, 2, 5);
        logger.Entries.Should().OnlyContain(e => !e.Message.Contains(SecretPlayer, StringComparison.Ordinal));
        logger.Entries[2].Level.Should().Be(LogLevel.Warning);
        logger.Entries[2].Exception.Should().BeOfType<IOException>();
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(int EventId, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((eventId.Id, logLevel, formatter(state, exception), exception));
    }
}
