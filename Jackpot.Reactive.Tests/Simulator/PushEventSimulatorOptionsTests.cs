using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Simulator;

public sealed class PushEventSimulatorOptionsTests
{
    public static TheoryData<string, Func<PushEventSimulatorOptions>> InvalidOptions => new()
    {
        { "Urls", () => new PushEventSimulatorOptions { Urls = [] } },
        { "Urls", () => new PushEventSimulatorOptions { Urls = ["ftp://127.0.0.1:0"] } },
        { "Workspace", () => new PushEventSimulatorOptions { Workspace = default } },
        { "Group", () => new PushEventSimulatorOptions { Group = default } },
        { "AllowedWorkspaces", () => new PushEventSimulatorOptions { AllowedWorkspaces = [default] } },
        { "JackpotsPerGroup", () => new PushEventSimulatorOptions { JackpotsPerGroup = 0 } },
        { "JackpotsPerGroup", () => new PushEventSimulatorOptions { JackpotsPerGroup = PushEventSimulatorOptions.MaxJackpotsPerGroup + 1 } },
        { "Currencies", () => new PushEventSimulatorOptions { Currencies = [] } },
        { "Currencies", () => new PushEventSimulatorOptions { Currencies = ["EUR", " "] } },
        { "ValueInterval", () => new PushEventSimulatorOptions { ValueInterval = TimeSpan.Zero } },
        { "SpinsPerInterval", () => new PushEventSimulatorOptions { SpinsPerInterval = -1 } },
        { "ContributionPerSpin", () => new PushEventSimulatorOptions { ContributionPerSpin = -0.01m } },
        { "SeedAmount", () => new PushEventSimulatorOptions { SeedAmount = -1m } },
        { "WinProbabilityPerSpin", () => new PushEventSimulatorOptions { WinProbabilityPerSpin = 1.5 } },
        { "WinProbabilityPerSpin", () => new PushEventSimulatorOptions { WinProbabilityPerSpin = double.NaN } },
        { "SimulatedPlayers", () => new PushEventSimulatorOptions { SimulatedPlayers = 0 } },
        { "HeartbeatInterval", () => new PushEventSimulatorOptions { HeartbeatInterval = TimeSpan.FromSeconds(-1) } },
        { "HistorySize", () => new PushEventSimulatorOptions { HistorySize = -1 } },
        { "MaxQueuedEventsPerConnection", () => new PushEventSimulatorOptions { MaxQueuedEventsPerConnection = 0 } },
        { "TimeProvider", () => new PushEventSimulatorOptions { TimeProvider = null! } },
        { "Faults", () => new PushEventSimulatorOptions { Faults = null! } },
    };

    public static TheoryData<string, Func<SimulatorFaultOptions>> InvalidFaultOptions => new()
    {
        { "DropConnectionsEvery", () => new SimulatorFaultOptions { DropConnectionsEvery = TimeSpan.Zero } },
        { "ServiceUnavailableRequests", () => new SimulatorFaultOptions { ServiceUnavailableRequests = -1 } },
        { "RetryAfter", () => new SimulatorFaultOptions { RetryAfter = TimeSpan.FromSeconds(-1) } },
        { "OversizedEventBytes", () => new SimulatorFaultOptions { OversizedEventBytes = 1023 } },
        { "UnauthorizedChannels", () => new SimulatorFaultOptions { UnauthorizedChannels = ["not-a-channel"] } },
    };

    [Fact]
    public void Constructor_Defaults_AreTheNamedConstants()
    {
        var options = new PushEventSimulatorOptions();

        options.Urls.Should().Equal(PushEventSimulatorOptions.DefaultUrl);
        options.Workspace.Value.Should().Be(PushEventSimulatorOptions.DefaultWorkspace);
        options.Group.Value.Should().Be(PushEventSimulatorOptions.DefaultGroup);
        options.AllowedWorkspaces.Should().BeNull();
        options.JackpotsPerGroup.Should().Be(3);
        options.Currencies.Should().Equal("EUR");
        options.ValueInterval.Should().Be(TimeSpan.FromSeconds(1));
        options.HeartbeatInterval.Should().Be(TimeSpan.FromSeconds(15));
        options.SpinsPerInterval.Should().Be(PushEventSimulatorOptions.DefaultSpinsPerInterval);
        options.ContributionPerSpin.Should().Be(0.10m);
        options.SeedAmount.Should().Be(100m);
        options.WinProbabilityPerSpin.Should().Be(PushEventSimulatorOptions.DefaultWinProbabilityPerSpin);
        options.HistorySize.Should().Be(PushEventSimulatorOptions.DefaultHistorySize);
        options.RandomSeed.Should().Be(PushEventSimulatorOptions.DefaultRandomSeed);
        options.TimeProvider.Should().BeSameAs(TimeProvider.System);
        options.FloodMode.Should().BeFalse();
        options.Faults.DropConnectionsEvery.Should().BeNull();
        options.Faults.RetryAfter.Should().Be(TimeSpan.FromSeconds(1));
        options.Faults.OversizedEventBytes.Should().Be(1024 * 1024);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Init_InvalidValue_ThrowsNamingTheProperty(string property, Func<PushEventSimulatorOptions> create) =>
        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(property);

    [Theory]
    [MemberData(nameof(InvalidFaultOptions))]
    public void FaultInit_InvalidValue_ThrowsNamingTheProperty(string property, Func<SimulatorFaultOptions> create) =>
        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(property);

    [Fact]
    public void Init_Collections_AreCopied()
    {
        var currencies = new List<string> { "EUR" };
        var options = new PushEventSimulatorOptions { Currencies = currencies };

        currencies.Add("USD");

        options.Currencies.Should().Equal("EUR");
    }

    [Fact]
    public void ParseCommandLine_MainSettings_BuildsOptions()
    {
        var options = SimulatorCommandLine.Parse(
            ["--urls", "http://127.0.0.1:5080", "--interval-ms", "50", "--jackpots", "5", "--flood", "--currency", "EUR", "--currency", "USD",
             "--unauthorized", "ws_user_x", "--drop-every-ms", "2000", "--drop-abort", "--win-probability", "0.25", "--contribution", "1.5"],
            out string error);

        error.Should().BeEmpty();
        options.Should().NotBeNull();
        options!.Urls.Should().Equal("http://127.0.0.1:5080");
        options.ValueInterval.Should().Be(TimeSpan.FromMilliseconds(50));
        options.JackpotsPerGroup.Should().Be(5);
        options.FloodMode.Should().BeTrue();
        options.Currencies.Should().Equal("EUR", "USD");
        options.WinProbabilityPerSpin.Should().Be(0.25);
        options.ContributionPerSpin.Should().Be(1.5m);
        options.Faults.UnauthorizedChannels.Should().Equal("ws_user_x");
        options.Faults.DropConnectionsEvery.Should().Be(TimeSpan.FromSeconds(2));
        options.Faults.DropKind.Should().Be(ConnectionDropKind.Abort);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--jackpots")]
    [InlineData("--jackpots", "many")]
    [InlineData("--interval-ms", "0")]
    public void ParseCommandLine_BadArguments_ReportsError(params string[] args)
    {
        var options = SimulatorCommandLine.Parse(args, out string error);

        options.Should().BeNull();
        error.Should().NotBeEmpty();
    }

    [Fact]
    public void ParseCommandLine_Help_ReturnsNoOptionsAndNoError()
    {
        SimulatorCommandLine.Parse(["--help"], out string error).Should().BeNull();
        error.Should().BeEmpty();
    }
}
