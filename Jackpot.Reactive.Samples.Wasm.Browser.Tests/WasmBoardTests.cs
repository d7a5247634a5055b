namespace Jackpot.Reactive.Samples.Wasm.Browser.Tests;

/// <summary>
/// The board in the browser as a newcomer runs it (across origins to the simulator, which answers preflights): every
/// scenario of the web board, then its connections across a restart of the service and a linger.
/// </summary>
public sealed class CrossOriginBoardTests(CrossOriginBoard app) : BoardScenarios(app), IClassFixture<CrossOriginBoard>
{
    [Fact]
    public Task SimulatorRestartedOnTheSamePort_BoardReconnectsAndMetersMoveAgain() =>
        ConnectionScenarios.RecoversAfterTheServiceRestartsAsync(app);

    [Fact]
    public Task LeavingTheBoard_ClosesItsRequestsWhenTheLingerEnds() =>
        ConnectionScenarios.LeavingClosesTheRequestsAfterTheLingerAsync(app);
}

/// <summary>Across origins to a service that refuses every preflight, as one set up for <c>EventSource</c> only; the
/// client from <c>AddJackpotPushClient(configuration)</c>.</summary>
public sealed class NoPreflightBoardTests(NoPreflightBoard app) : IClassFixture<NoPreflightBoard>
{
    [Fact]
    public Task Board_Opened_ShowsLiveValues() => ConnectionScenarios.ShowsLiveValuesAsync(app);

    [Fact]
    public Task SimulatorRestartedOnTheSamePort_BoardReconnects() => ConnectionScenarios.RecoversAfterTheServiceRestartsAsync(app);
}

/// <summary>As <see cref="NoPreflightBoardTests"/>, the client from <c>new JackpotPushClient(options)</c>.</summary>
public sealed class ConstructorClientBoardTests(ConstructorClientNoPreflightBoard app) : IClassFixture<ConstructorClientNoPreflightBoard>
{
    [Fact]
    public Task Board_Opened_ShowsLiveValues() => ConnectionScenarios.ShowsLiveValuesAsync(app);

    [Fact]
    public Task SimulatorRestartedOnTheSamePort_BoardReconnects() => ConnectionScenarios.RecoversAfterTheServiceRestartsAsync(app);
}

/// <summary>Same-origin, through the host's forwarder to a simulator without CORS; the client from its constructor.</summary>
public sealed class SameOriginBoardTests(SameOriginBoard app) : IClassFixture<SameOriginBoard>
{
    [Fact]
    public Task Board_Opened_ShowsLiveValues() => ConnectionScenarios.ShowsLiveValuesAsync(app);

    [Fact]
    public Task SimulatorRestartedOnTheSamePort_BoardReconnects() => ConnectionScenarios.RecoversAfterTheServiceRestartsAsync(app);
}
