using Jackpot.Reactive.Orleans;
using Jackpot.Reactive.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Persistence.FileStorage;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// Silos and a client in this process, on localhost clustering, the channel grains' checkpoints in a temporary folder
/// (file grain storage, which outlives a silo).
/// </summary>
/// <remarks>Silo 0 is the seed: it hosts the development membership table, so killing it would end the cluster. It hosts
/// no channel grain either (the channel package's grain classes are left out of its <see cref="GrainTypeOptions"/>, as
/// in a cluster of heterogeneous silos), so every channel sits on a silo the sample can kill.</remarks>
internal sealed class LocalCluster : ISampleCluster
{
    private const int BaseSiloPort = 11111;
    private const int BaseGatewayPort = 30000;
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "jackpot-cluster-sample", Guid.NewGuid().ToString("N"));
    private readonly List<IHost?> _silos = [];

    // The cluster's secret for channel grain keys: a fresh one per run (a production cluster reads it from a secret store).
    private readonly string _grainKeySecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private IHost? _client;

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public IReadOnlyList<IHost?> Silos => _silos;

    public int SiloCount => _silos.Count;

    int ISampleCluster.IndexOf(string siloAddress) => IndexOf(siloAddress);

    /// <summary>Gets whether silo <paramref name="index"/> can be killed: it is running, it is not the seed, and another
    /// silo that can hold channels stays up.</summary>
    public bool CanKill(int index) =>
        index > 0 && index < _silos.Count && _silos[index] is not null && _silos.Skip(1).Count(s => s is not null) > 1;

    public static async Task<LocalCluster> StartAsync(int silos, PushEventSimulator simulator, CancellationToken cancellationToken)
    {
        var cluster = new LocalCluster();
        Directory.CreateDirectory(cluster._storage);
        for (int i = 0; i < silos; i++)
        {
            var silo = cluster.BuildSilo(i, simulator);
            cluster._silos.Add(silo);
            await silo.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var client = Host.CreateApplicationBuilder();
        client.Logging.ClearProviders();
        client.UseOrleansClient(c => c
            .UseLocalhostClustering([.. Enumerable.Range(0, silos).Select(i => BaseGatewayPort + i)])
            .AddJackpotChannels(o =>
            {
                o.RenewInterval = TimeSpan.FromSeconds(1);
                o.GrainKeySecret = cluster._grainKeySecret;
            }));
        cluster._client = client.Build();
        await cluster._client.StartAsync(cancellationToken).ConfigureAwait(false);
        return cluster;
    }

    /// <summary>Returns the number (0, 1, …) of the silo with the given address, or -1.</summary>
    /// <param name="siloAddress">The address as Orleans prints it, e.g. <c>S127.0.0.1:11112:123456789</c>.</param>
    public static int IndexOf(string siloAddress)
    {
        var parts = siloAddress.Split(':');
        return parts.Length >= 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out int port) ? port - BaseSiloPort : -1;
    }

    /// <summary>Stops a silo at once: a cancelled stop, no graceful hand-over of its grains.</summary>
    public async Task KillAsync(int index)
    {
        if (_silos[index] is not { } silo)
        {
            return;
        }

        _silos[index] = null;
        try
        {
            await silo.StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the stop was cut short on purpose.
        }

        silo.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync().ConfigureAwait(false);
            _client.Dispose();
        }

        for (int i = _silos.Count - 1; i >= 0; i--)
        {
            if (_silos[i] is { } silo)
            {
                await silo.StopAsync().ConfigureAwait(false);
                silo.Dispose();
            }
        }

        try
        {
            Directory.Delete(_storage, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's clean-up.
        }
    }

    private IHost BuildSilo(int index, PushEventSimulator simulator)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (index == 0)
        {
            var channelGrains = typeof(JackpotClusterChannels).Assembly;
            builder.Services.PostConfigure<GrainTypeOptions>(o => o.Classes.RemoveWhere(c => c.Assembly == channelGrains));
        }

        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(BaseSiloPort + index, BaseGatewayPort + index, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, BaseSiloPort))
            .AddFileGrainStorage(JackpotChannelOptions.StorageName, o => o.RootDirectory = _storage)
            .AddJackpotChannels(
                push =>
                {
                    push.Workspace = simulator.Options.Workspace.Value;
                    push.Endpoint = simulator.SubscribeUri.ToString();
                },
                channels =>
                {
                    channels.RenewInterval = TimeSpan.FromSeconds(1);
                    channels.GrainKeySecret = _grainKeySecret;
                }));
        return builder.Build();
    }
}
