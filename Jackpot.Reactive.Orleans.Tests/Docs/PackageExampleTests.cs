using System.Reactive.Linq;
using Jackpot.Reactive.Simulator;
using Microsoft.Extensions.Configuration;
using Jackpot.Reactive.Orleans.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Jackpot.Reactive.Orleans.Tests.Docs;

/// <summary>The package README's examples: each one is code of this class (checked line by line), and that code runs
/// against a one-silo cluster and the simulator.</summary>
public sealed class PackageExampleTests
{
    [Fact]
    public void PackageReadme_EveryExample_IsCopiedFromThisTest()
    {
        var root = RepositoryRoot.Find();
        var testLines = MarkdownExamples.Join(File.ReadAllText(Path.Combine(root, "Jackpot.Reactive.Orleans.Tests", "Docs", "PackageExampleTests.cs")));
        var readme = File.ReadAllText(Path.Combine(root, "Jackpot.Reactive.Orleans", "PACKAGE.md"));

        var examples = MarkdownExamples.CSharpBlocks(readme);

        examples.Should().HaveCount(3);
        examples.Should().AllSatisfy(example => testLines.Should().Contain(example));
    }

    [Fact]
    public async Task Examples_OneSiloAndAClient_DeliverTheBroadcast()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(50) }, cancellation);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JackpotPush:Endpoint"] = simulator.SubscribeUri.ToString(),
            ["JackpotPush:Workspace"] = simulator.Options.Workspace.Value,
            ["JackpotPush:Channels:GrainKeySecret"] = ChannelCluster.TestGrainKeySecret,
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, siloBuilder) => ConfigureSilo(siloBuilder, configuration));
        builder.ConfigureClient(clientBuilder => ConfigureClient(clientBuilder, configuration));
        await using var cluster = builder.Build();
        await cluster.DeployAsync(cancellation);
        IClusterClient clusterClient = cluster.Client;
        var workspace = simulator.Options.Workspace;
        var group = simulator.Options.Group;

        // PACKAGE.md: begin
        IObservable<JackpotEvent> board = clusterClient.JackpotChannels(workspace).Broadcast(group);
        JackpotEvent first = await board.FirstAsync();
        // PACKAGE.md: end

        first.Should().BeOfType<JackpotValueUpdated>().Which.Channel.Should().Be(ChannelName.Broadcast(workspace, group));
    }

    private static void ConfigureSilo(ISiloBuilder siloBuilder, IConfiguration configuration)
    {
        // PACKAGE.md: begin
        siloBuilder.AddJackpotChannels(configuration)                   // the JackpotPush section
                   .AddMemoryGrainStorage(JackpotChannelOptions.StorageName);   // use a durable store in production
        // PACKAGE.md: end
    }

    private static void ConfigureClient(IClientBuilder clientBuilder, IConfiguration configuration)
    {
        // PACKAGE.md: begin
        clientBuilder.AddJackpotChannels(configuration);                // JackpotPush:Channels (at least GrainKeySecret)
        // PACKAGE.md: end
    }
}
