using Jackpot.Reactive.Simulator;
using Jackpot.Reactive.TestServer;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Persistence.FileStorage;
using Orleans.TestingHost;

namespace Jackpot.Reactive.Orleans.Tests.Infrastructure;

/// <summary>
/// Three in-process silos and a client with the channel grains, against the simulator on loopback; grain state in
/// file storage (it survives a silo kill, as a production store would). Every silo's upstream requests are recorded.
/// </summary>
public abstract class ChannelCluster : IAsyncLifetime
{
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "jackpot-orleans-tests", Guid.NewGuid().ToString("N"));
    private int _nextGroup;

    public PushEventSimulator Simulator { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public SseRequestLog Requests { get; } = new();

    /// <summary>Gets the folder of the grain storage (one file per grain state).</summary>
    public string StorageDirectory => _storage;

    public WorkspaceId Workspace => Simulator.Options.Workspace;

    /// <summary>Gets the linger of every channel (the silos' JackpotPush:Linger).</summary>
    public virtual TimeSpan Linger => TimeSpan.FromSeconds(1);

    public virtual TimeSpan LeaseDuration => TimeSpan.FromSeconds(10);

    public virtual TimeSpan RenewInterval => TimeSpan.FromSeconds(1);

    /// <summary>Gets the grains' checkpoint interval, which is also their housekeeping period (lease expiry) while it is
    /// shorter than a quarter of the lease.</summary>
    public virtual TimeSpan CheckpointInterval => TimeSpan.FromMilliseconds(200);

    public IClusterClient Client => Cluster.Client;

    public JackpotClusterChannels ClientChannels => Client.JackpotChannels(Workspace);

    /// <summary>A group no other test uses, so each test has channels of its own.</summary>
    public JackpotGroupId NewGroup() => new($"{GetType().Name}-{Interlocked.Increment(ref _nextGroup)}");

    public IReadOnlyList<InProcessSiloHandle> Silos => [.. Cluster.GetActiveSilos()];

    /// <summary>The channels as seen by code running on a silo, through the silo's own cluster client.</summary>
    public JackpotClusterChannels ChannelsOn(InProcessSiloHandle silo) =>
        Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IClusterClient>().JackpotChannels(Workspace);

    /// <summary>Gets the number of upstream connections the channel grains of every live silo hold now.</summary>
    public int OpenUpstreams() =>
        Silos.Sum(s => Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<JackpotChannelUpstreams>().OpenCount);

    public async ValueTask InitializeAsync()
    {
        Simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(50), JackpotsPerGroup = 3 },
            TestContext.Current.CancellationToken);
        Directory.CreateDirectory(_storage);
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFileGrainStorage(JackpotChannelOptions.StorageName, o => o.RootDirectory = _storage);
            silo.AddJackpotChannels(
                push =>
                {
                    push.Workspace = Simulator.Options.Workspace.Value;
                    push.Endpoint = Simulator.SubscribeUri.ToString();
                    push.Linger = Linger;
                },
                ConfigureChannels);
            silo.Services.AddHttpClient(JackpotPushClientDefaults.HttpClientName)
                .AddHttpMessageHandler(Requests.CreateRecordingHandler);
            ConfigureSilo(silo);
        });
        builder.ConfigureClient(client =>
        {
            client.AddJackpotChannels(ConfigureChannels);
            ConfigureClient(client);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(_storage, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping silo: the temp folder is cleaned up later.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The cluster meter of a silo (its own instance, made by the silo host's meter factory).</summary>
    internal JackpotClusterMeter MeterOn(InProcessSiloHandle silo) =>
        Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<JackpotClusterMeter>();

    /// <summary>The cluster meter of the client.</summary>
    internal JackpotClusterMeter ClientMeter => Client.ServiceProvider.GetRequiredService<JackpotClusterMeter>();

    /// <summary>Adds to each silo's configuration (after the channel grains are added).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>Adds to the client's configuration (after the channel streams are added).</summary>
    protected virtual void ConfigureClient(IClientBuilder client)
    {
    }

    /// <summary>Gets the grain of a channel, to drive it directly (a subscriber process that dies).</summary>
    internal IJackpotChannelGrain Grain(ChannelName channel) => Client.GetGrain<IJackpotChannelGrain>(GrainKeys.For(channel));

    /// <summary>Gets the key derivation of the cluster (its grain-key secret).</summary>
    internal ChannelGrainKeys GrainKeys { get; } = new(TestGrainKeySecret);

    /// <summary>The grain-key secret of the test clusters.</summary>
    public const string TestGrainKeySecret = "test-grain-key-secret-0123456789abcdef";

    private void ConfigureChannels(JackpotChannelOptions options)
    {
        options.LeaseDuration = LeaseDuration;
        options.RenewInterval = RenewInterval;
        options.CheckpointInterval = CheckpointInterval;
        options.GrainKeySecret = TestGrainKeySecret;
    }
}

/// <summary>The cluster most tests share.</summary>
public sealed class SharedChannelCluster : ChannelCluster
{
}

/// <summary>The tests that share <see cref="SharedChannelCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedClusterDefinition : ICollectionFixture<SharedChannelCluster>
{
    public const string Name = "shared cluster";
}
