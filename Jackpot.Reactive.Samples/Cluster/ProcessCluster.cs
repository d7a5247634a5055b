using Jackpot.Reactive.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The <c>cluster</c> command's default cluster: each silo in its own OS process (<see cref="SiloProcesses"/>) on Redis
/// membership and Redis grain storage, a cluster client in this process. A kill is SIGKILL: a real crash.
/// </summary>
internal sealed class ProcessCluster : ISampleCluster
{
    private readonly RedisServer? _redis;
    private readonly SiloProcesses _silos;
    private readonly IHost _client;

    private ProcessCluster(RedisServer? redis, SiloProcesses silos, IHost client)
    {
        _redis = redis;
        _silos = silos;
        _client = client;
    }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public int SiloCount => _silos.Count;

    /// <summary>Starts Redis (unless <paramref name="redis"/> is given), the silo processes and the client.</summary>
    public static async Task<ProcessCluster> StartAsync(
        int silos, string? redis, FailureDetection detection, PushEventSimulator simulator, CancellationToken cancellationToken)
    {
        var localRedis = redis is null ? await RedisServer.StartAsync(cancellationToken).ConfigureAwait(false) : null;
        string connection = redis ?? localRedis!.ConnectionString;
        SiloProcesses? processes = null;
        try
        {
            // The cluster's secret for channel grain keys: a fresh one per run, handed to the silos in their environment.
            string secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            processes = await SiloProcesses.StartAsync(
                silos, connection, simulator.SubscribeUri, simulator.Options.Workspace, secret, detection, null, cancellationToken).ConfigureAwait(false);
            string clusterId = processes.ClusterId;
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.UseOrleansClient(client => client
                .Configure<global::Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "jackpot-sample";
                })
                .UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(connection))
                .AddJackpotChannels(o =>
                {
                    o.RenewInterval = FailureDetectionSettings.RenewInterval(detection);
                    o.GrainKeySecret = secret;
                }));
            var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return new ProcessCluster(localRedis, processes, host);
        }
        catch
        {
            processes?.Dispose();
            localRedis?.Dispose();
            throw;
        }
    }

    public bool CanKill(int index) =>
        _silos.IsRunning(index) && Enumerable.Range(0, _silos.Count).Count(_silos.IsRunning) > 1;

    public Task KillAsync(int index)
    {
        _silos.Kill(index);
        return Task.CompletedTask;
    }

    public int IndexOf(string siloAddress) => _silos.IndexOf(siloAddress);

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync().ConfigureAwait(false);
        _client.Dispose();
        _silos.Dispose();
        _redis?.Dispose();
    }
}
