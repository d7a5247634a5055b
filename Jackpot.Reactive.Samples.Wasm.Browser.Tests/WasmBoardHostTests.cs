using System.Net;
using System.Text.Json.Nodes;
using Jackpot.Reactive.Simulator;
using Jackpot.Reactive.TestServer;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Samples.Wasm.Browser.Tests;

/// <summary>The host of the board in the browser, over HTTP (no browser): the settings it serves, the simulator's
/// controls, the same-origin forwarder, and bad settings.</summary>
public sealed class WasmBoardHostTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task AppSettings_EmbeddedSimulator_TellsTheBrowserToConnectToItAcrossOrigins()
    {
        await using var host = await StartAsync();

        var settings = await GetSettingsAsync(host);

        settings["JackpotPush"]!["Endpoint"]!.GetValue<string>().Should().Be(host.Simulator!.SubscribeUri.ToString());
        settings["JackpotPush"]!["Workspace"]!.GetValue<string>().Should().Be(PushEventSimulatorOptions.DefaultWorkspace);
        settings["Board"]!["Group"]!.GetValue<string>().Should().Be(PushEventSimulatorOptions.DefaultGroup);
        settings["Board"]!["Player"]!.GetValue<string>().Should().Be("newcomer@example.com");
        settings["Board"]!["Controls"]!.GetValue<bool>().Should().BeTrue();
        settings["Board"]!["Client"]!.GetValue<string>().Should().Be("services");
        host.Simulator.Options.Cors.Should().NotBeNull("the browser app is another origin than the simulator");
    }

    [Fact]
    public async Task AppSettings_RealService_NamesItAndOffersNoControls()
    {
        await using var host = await WasmBoardHost.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--endpoint", "https://push.example.com/subscribe", "--workspace", "ws1", "--group", "g1", "--client", "constructor"],
            builder => builder.Logging.ClearProviders(),
            cancellationToken: TestContext.Current.CancellationToken);

        var settings = await GetSettingsAsync(host);

        host.Simulator.Should().BeNull();
        settings["JackpotPush"]!["Endpoint"]!.GetValue<string>().Should().Be("https://push.example.com/subscribe");
        settings["Board"]!["Player"].Should().BeNull();
        settings["Board"]!["Controls"]!.GetValue<bool>().Should().BeFalse();
        settings["Board"]!["Client"]!.GetValue<string>().Should().Be("constructor");
        using var win = await _http.PostAsync(new Uri(host.Address, "simulator/win"), null, TestContext.Current.CancellationToken);
        win.StatusCode.Should().NotBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task SameOrigin_ForwardsTheStreamWithItsLastEventIdAndSaysBadGatewayWhenTheServiceIsDown()
    {
        await using var host = await StartAsync("--same-origin", "true");
        var settings = await GetSettingsAsync(host);
        var endpoint = new Uri(settings["JackpotPush"]!["Endpoint"]!.GetValue<string>());
        endpoint.Should().Be(new Uri(host.Address, "subscribe"));
        var channel = new Uri(endpoint + "?channel=" + Uri.EscapeDataString(host.Simulator!.BroadcastChannel.RawValue));

        // Through the forwarder: a first stream until the channel has two events, then a second from the first id on.
        (await FirstIdsAsync(channel, lastEventId: null, count: 2)).Should().Equal(1, 2);
        (await FirstIdsAsync(channel, lastEventId: "1", count: 1)).Should().Equal([2], "the service replayed from the id the browser sent");

        await host.Simulator.StopListenerAsync(TestContext.Current.CancellationToken);
        using var down = await _http.GetAsync(channel, TestContext.Current.CancellationToken);
        down.StatusCode.Should().Be(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task SimulatorControls_MakeThePlayerWinAndDropTheConnections()
    {
        await using var host = await StartAsync();
        var simulator = host.Simulator!;
        var before = simulator.GetJackpots().Select(jackpot => jackpot.Instance).ToList();

        using var win = await _http.PostAsync(new Uri(host.Address, "simulator/win"), null, TestContext.Current.CancellationToken);
        using var drop = await _http.PostAsync(new Uri(host.Address, "simulator/drop"), null, TestContext.Current.CancellationToken);

        win.StatusCode.Should().Be(HttpStatusCode.NoContent);
        drop.StatusCode.Should().Be(HttpStatusCode.NoContent);
        simulator.GetJackpots().Select(jackpot => jackpot.Instance).Should().NotEqual(before, "a won jackpot starts its next instance");
    }

    [Theory]
    [InlineData("--client", "sideways")]
    [InlineData("--same-origin", "maybe")]
    [InlineData("--workspace", "ws1")]
    public async Task StartAsync_BadSetting_ThrowsNamingIt(string name, string value)
    {
        var start = () => WasmBoardHost.StartAsync(["--urls", "http://127.0.0.1:0", name, value], cancellationToken: TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("--");
    }

    private static Task<WasmBoardHost> StartAsync(params string[] args) =>
        WasmBoardHost.StartAsync(
            ["--urls", "http://127.0.0.1:0", .. args],
            builder => builder.Logging.ClearProviders(),
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Reads the ids of the first events of one stream.</summary>
    private async Task<List<long>> FirstIdsAsync(Uri channel, string? lastEventId, int count)
    {
        await using var stream = await SseTestReader.OpenAsync(_http, channel, lastEventId, TestContext.Current.CancellationToken);
        stream.Response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        return [.. (await stream.ReadEventsAsync(count)).Select(e => e.NumericId)];
    }

    private async Task<JsonNode> GetSettingsAsync(WasmBoardHost host)
    {
        string json = await _http.GetStringAsync(new Uri(host.Address, "appsettings.json"), TestContext.Current.CancellationToken);
        return JsonNode.Parse(json)!;
    }
}
