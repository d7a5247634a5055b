using Jackpot.Reactive.Blazor;
using Microsoft.Extensions.DependencyInjection;

namespace Jackpot.Reactive.Samples.Web.Tests;

/// <summary>The web board with <c>--cluster</c>: the app runs a silo of its own and the board's feed is the cluster's channels.</summary>
public sealed class WebBoardHostClusterTests
{
    [Fact]
    public async Task StartAsync_Cluster_FeedsTheBoardThroughTheAppsOwnSilo()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var host = await WebBoardHost.StartAsync(["--cluster", "--urls", "http://127.0.0.1:0"], cancellationToken: cancellation);
        var feed = host.Services.GetRequiredService<IJackpotBoardFeed>();
        var firstValue = new TaskCompletionSource<JackpotEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var events = feed.Events.Subscribe(e =>
        {
            if (e is JackpotValueUpdated)
            {
                firstValue.TrySetResult(e);
            }
        });
        using var status = feed.BroadcastStatus.Subscribe(s =>
        {
            if (s.State == ChannelState.Open)
            {
                open.TrySetResult();
            }
        });

        var value = await firstValue.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellation);
        await open.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellation);
        host.Settings.Cluster.Should().BeTrue();
        host.Services.GetService<IClusterClient>().Should().NotBeNull("the app is a silo");
        value.Channel.Should().Be(ChannelName.Broadcast(host.Settings.Workspace, host.Settings.Group));
        feed.Controls.Should().NotBeNull("the embedded simulator's buttons work the same");
    }
}
