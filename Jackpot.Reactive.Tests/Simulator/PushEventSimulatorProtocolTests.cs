using System.Net;
using Jackpot.Reactive.Simulator;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Jackpot.Reactive.Tests.Simulator;

/// <summary>The simulator's protocols (TLS with its own certificate, h2c), its transport-connection counts and its
/// per-stream and per-connection faults, seen through a bare <see cref="HttpClient"/>.</summary>
public sealed class PushEventSimulatorProtocolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("https://127.0.0.1:0", HttpProtocols.Http1AndHttp2, "2.0", HttpVersionPolicy.RequestVersionOrLower, "2.0")]
    [InlineData("https://127.0.0.1:0", HttpProtocols.Http1, "2.0", HttpVersionPolicy.RequestVersionOrLower, "1.1")]
    [InlineData("https://127.0.0.1:0", HttpProtocols.Http1AndHttp2, "1.1", HttpVersionPolicy.RequestVersionOrLower, "1.1")]
    [InlineData("http://127.0.0.1:0", HttpProtocols.Http2, "2.0", HttpVersionPolicy.RequestVersionExact, "2.0")]
    [InlineData("http://127.0.0.1:0", HttpProtocols.Http1AndHttp2, "1.1", HttpVersionPolicy.RequestVersionOrLower, "1.1")]
    public async Task Subscribe_ProtocolsAndRequest_AnswersWithNegotiatedVersion(
        string url, HttpProtocols protocols, string requested, HttpVersionPolicy policy, string expected)
    {
        await using var simulator = await PushEventSimulator.StartAsync(Options(url, protocols), TestContext.Current.CancellationToken);
        using var http = new HttpClient(PinnedHandler(simulator));
        using var request = new HttpRequestMessage(HttpMethod.Get, simulator.GetChannelUri(simulator.BroadcastChannel))
        {
            Version = Version.Parse(requested),
            VersionPolicy = policy,
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Version.Should().Be(Version.Parse(expected));
        (simulator.ServerCertificate is not null).Should().Be(url.StartsWith("https", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subscribe_UnpinnedClient_RejectsSelfSignedCertificate()
    {
        await using var simulator = await PushEventSimulator.StartAsync(Options("https://127.0.0.1:0", HttpProtocols.Http1AndHttp2), TestContext.Current.CancellationToken);
        using var http = new HttpClient();

        var get = () => http.GetAsync(simulator.GetChannelUri(simulator.BroadcastChannel), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        await get.Should().ThrowAsync<HttpRequestException>();
        simulator.IsServerCertificate(null).Should().BeFalse();
    }

    [Fact]
    public async Task Subscribe_ManyStreamsOverHttp2_ShareOneConnectionUntilTheStreamLimit()
    {
        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { Urls = ["http://127.0.0.1:0"], Protocols = HttpProtocols.Http2, MaxStreamsPerConnection = 3, WinProbabilityPerSpin = 0 },
            TestContext.Current.CancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var responses = await OpenAsync(http, simulator, 3);
        simulator.OpenTransportConnections.Should().Be(1);
        simulator.GetStreamsPerConnection().Should().Equal(3);
        responses.AddRange(await OpenAsync(http, simulator, 1, first: 3));

        simulator.OpenTransportConnections.Should().Be(2);
        simulator.GetStreamsPerConnection().Should().Equal(3, 1);
        responses.ForEach(response => response.Dispose());
    }

    [Fact]
    public async Task ResetStreams_OneChannelOverHttp2_BreaksThatStreamOnly()
    {
        await using var simulator = await PushEventSimulator.StartAsync(Options("http://127.0.0.1:0", HttpProtocols.Http2), TestContext.Current.CancellationToken);
        using var http = H2cClient();
        var responses = await OpenAsync(http, simulator, 2);
        var reset = await ReadToEndAsync(responses[0]);

        simulator.ResetStreams(Player(simulator, 0)).Should().Be(1);

        (await reset.WaitAsync(Timeout, TestContext.Current.CancellationToken)).Should().BeAssignableTo<IOException>();
        await simulator.WaitForOpenConnectionsAsync(1, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        simulator.OpenTransportConnections.Should().Be(1);
        responses.ForEach(response => response.Dispose());
    }

    [Fact]
    public async Task KillConnection_Http2_BreaksEveryStreamOnIt()
    {
        await using var simulator = await PushEventSimulator.StartAsync(Options("http://127.0.0.1:0", HttpProtocols.Http2), TestContext.Current.CancellationToken);
        using var http = H2cClient();
        var responses = await OpenAsync(http, simulator, 3);
        var reads = await Task.WhenAll(responses.Select(ReadToEndAsync));

        simulator.KillConnection(Player(simulator, 1)).Should().Be(3);

        var errors = await Task.WhenAll(reads).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        errors.Should().AllSatisfy(error => error.Should().NotBeNull());
        await simulator.WaitForOpenTransportConnectionsAsync(0, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        simulator.TransportConnectionsAccepted.Should().Be(1);
        responses.ForEach(response => response.Dispose());
    }

    private static PushEventSimulatorOptions Options(string url, HttpProtocols protocols) => new()
    {
        Urls = [url],
        Protocols = protocols,
        WinProbabilityPerSpin = 0,
    };

    private static HttpClient H2cClient() => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static SocketsHttpHandler PinnedHandler(PushEventSimulator simulator) => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => simulator.IsServerCertificate(certificate) },
    };

    private static ChannelName Player(PushEventSimulator simulator, int number) =>
        simulator.PlayerChannel(new PlayerId("p" + number.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<List<HttpResponseMessage>> OpenAsync(HttpClient http, PushEventSimulator simulator, int count, int first = 0)
    {
        var responses = new List<HttpResponseMessage>();
        for (int i = first; i < first + count; i++)
        {
            var response = await http.GetAsync(simulator.GetChannelUri(Player(simulator, i)), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken)
                .WaitAsync(Timeout, TestContext.Current.CancellationToken);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            responses.Add(response);
        }

        await simulator.WaitForOpenConnectionsAsync(first + count, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return responses;
    }

    /// <summary>Starts reading a body to its end; the task yields the error that ended it, or null at a clean end.</summary>
    private static async Task<Task<Exception?>> ReadToEndAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return Task.Run(async () =>
        {
            try
            {
                await body.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken);
                return (Exception?)null;
            }
            catch (Exception error) when (error is IOException or HttpRequestException)
            {
                return error;
            }
        });
    }
}
