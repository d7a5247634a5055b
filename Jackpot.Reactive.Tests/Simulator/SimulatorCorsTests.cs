using System.Net;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Simulator;

/// <summary>The simulator's CORS: what a browser app of another origin gets from it, preflights answered or refused.</summary>
public sealed class SimulatorCorsTests : IDisposable
{
    private const string AppOrigin = "http://127.0.0.1:5090";

    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Get_CorsOff_SendsNoCorsHeader()
    {
        await using var simulator = await StartAsync(cors: null);

        using var response = await GetStreamAsync(simulator, AppOrigin);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Get_AnyOrigin_AllowsItAndExposesRetryAfter()
    {
        await using var simulator = await StartAsync(new SimulatorCorsOptions());

        using var response = await GetStreamAsync(simulator, AppOrigin);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        response.Headers.GetValues("Access-Control-Expose-Headers").Should().Equal("Retry-After");
    }

    [Fact]
    public async Task Get_NamedOrigin_AllowsOnlyThatOneAndVariesByOrigin()
    {
        await using var simulator = await StartAsync(new SimulatorCorsOptions { AllowedOrigins = [AppOrigin] });

        using var allowed = await GetStreamAsync(simulator, AppOrigin);
        using var other = await GetStreamAsync(simulator, "http://example.com");

        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(AppOrigin);
        allowed.Headers.Vary.Should().Contain("Origin");
        other.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Get_ServiceUnavailable_StillCarriesTheCorsHeaders()
    {
        await using var simulator = await StartAsync(new SimulatorCorsOptions());
        simulator.Faults.ServiceUnavailable = true;

        using var response = await GetStreamAsync(simulator, AppOrigin);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
    }

    [Fact]
    public async Task Preflight_Answered_AllowsGetWithLastEventIdAndCacheControl()
    {
        await using var simulator = await StartAsync(new SimulatorCorsOptions());

        using var response = await PreflightAsync(simulator, AppOrigin);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        response.Headers.GetValues("Access-Control-Allow-Methods").Should().Equal("GET");
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().Should().Be("Last-Event-ID, Cache-Control");
    }

    [Fact]
    public async Task Preflight_Refused_Answers405WithoutCorsWhileGetIsServed()
    {
        await using var simulator = await StartAsync(new SimulatorCorsOptions { AnswerPreflights = false });

        using var preflight = await PreflightAsync(simulator, AppOrigin);
        using var get = await GetStreamAsync(simulator, AppOrigin);

        preflight.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        preflight.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        get.StatusCode.Should().Be(HttpStatusCode.OK);
        get.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:5090")]
    [InlineData("http://127.0.0.1:5090/app")]
    [InlineData("ftp://example.com")]
    public void AllowedOrigins_NotAnOrigin_Throws(string origin) =>
        FluentActions.Invoking(() => new SimulatorCorsOptions { AllowedOrigins = [origin] })
            .Should().Throw<ArgumentException>().WithParameterName("AllowedOrigins");

    [Fact]
    public void AllowedOrigins_Empty_Throws() =>
        FluentActions.Invoking(() => new SimulatorCorsOptions { AllowedOrigins = [] })
            .Should().Throw<ArgumentException>().WithParameterName("AllowedOrigins");

    [Fact]
    public void ParseCommandLine_Cors_BuildsTheOptions()
    {
        var options = SimulatorCommandLine.Parse(["--cors", AppOrigin + "/", "--cors", "https://example.com", "--cors-preflight", "refuse"], out string error);

        error.Should().BeEmpty();
        options!.Cors.Should().NotBeNull();
        options.Cors!.AllowedOrigins.Should().Equal(AppOrigin, "https://example.com");
        options.Cors.AnswerPreflights.Should().BeFalse();
        SimulatorCommandLine.Parse([], out _)!.Cors.Should().BeNull();
    }

    [Theory]
    [InlineData("--cors-preflight", "refuse")]
    [InlineData("--cors", "*", "--cors-preflight", "maybe")]
    [InlineData("--cors", "not-an-origin")]
    public void ParseCommandLine_BadCors_ReportsError(params string[] args)
    {
        SimulatorCommandLine.Parse(args, out string error).Should().BeNull();
        error.Should().NotBeEmpty();
    }

    private static Task<PushEventSimulator> StartAsync(SimulatorCorsOptions? cors) =>
        PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { Cors = cors, WinProbabilityPerSpin = 0 },
            TestContext.Current.CancellationToken);

    private async Task<HttpResponseMessage> GetStreamAsync(PushEventSimulator simulator, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, simulator.GetChannelUri(simulator.BroadcastChannel));
        request.Headers.Add("Origin", origin);
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> PreflightAsync(PushEventSimulator simulator, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, simulator.GetChannelUri(simulator.BroadcastChannel));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "last-event-id,cache-control");
        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
