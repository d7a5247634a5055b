using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// Follows the cluster's membership and tells the process's channel subscriptions as soon as a silo is declared dead,
/// so those whose grain it held re-subscribe at once instead of at their next renewal. On a silo it reads
/// <see cref="IClusterMembershipService.MembershipUpdates"/>; a cluster client has no membership view of its own, so it
/// asks a silo (<c>IManagementGrain.GetHosts</c>) every <see cref="ClientPollInterval"/> while it has
/// subscriptions. A lost gateway (<see cref="GatewayWatch"/>) and a failed call are further signals on clients.
/// </summary>
internal sealed class SiloDeathWatch : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private SiloDeathWatch()
    {
    }

    /// <summary>Starts following <paramref name="membership"/>; <paramref name="onDead"/> gets each silo declared dead
    /// (its address as <see cref="SiloAddress.ToString"/> prints it), once.</summary>
    public static SiloDeathWatch Start(IClusterMembershipService membership, Action<string> onDead, ILogger logger)
    {
        var watch = new SiloDeathWatch();
        _ = watch.RunAsync(membership, onDead, logger);
        return watch;
    }

    /// <summary>How often a cluster client asks for the membership: 500 ms.</summary>
    public static readonly TimeSpan ClientPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Starts polling the membership through <paramref name="grainFactory"/> (a cluster client) while
    /// <paramref name="active"/> says there are subscriptions; <paramref name="onDead"/> gets each silo declared dead, once.</summary>
    public static SiloDeathWatch StartPolling(IGrainFactory grainFactory, Func<bool> active, Action<string> onDead, TimeProvider time, ILogger logger)
    {
        var watch = new SiloDeathWatch();
        _ = watch.PollAsync(grainFactory, active, onDead, time, logger);
        return watch;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task PollAsync(IGrainFactory grainFactory, Func<bool> active, Action<string> onDead, TimeProvider time, ILogger logger)
    {
        var token = _stop.Token;
        var dead = new HashSet<SiloAddress>();
        var management = grainFactory.GetGrain<IManagementGrain>(0);
        try
        {
            using var timer = new PeriodicTimer(ClientPollInterval, time);
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                if (!active())
                {
                    continue;
                }

                Dictionary<SiloAddress, SiloStatus> hosts;
                try
                {
                    // A call that reaches for a dead silo is abandoned after one interval; the next tick asks again.
                    hosts = await management.GetHosts(onlyActive: false, token).WaitAsync(ClientPollInterval * 2, time, token).ConfigureAwait(false);
                }
                catch (Exception error) when (error is TimeoutException or OrleansException or InvalidOperationException)
                {
                    continue;
                }

                foreach (var (silo, status) in hosts)
                {
                    if (status == SiloStatus.Dead && dead.Add(silo))
                    {
                        string address = silo.ToString();
                        ClusterChannelLog.SiloDead(logger, address);
                        onDead(address);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The process stops.
        }
        catch (ObjectDisposedException)
        {
            // The client's services are gone.
        }
    }

    private async Task RunAsync(IClusterMembershipService membership, Action<string> onDead, ILogger logger)
    {
        var token = _stop.Token;
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(token).ConfigureAwait(false))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead && dead.Add(member.SiloAddress))
                    {
                        string address = member.SiloAddress.ToString();
                        ClusterChannelLog.SiloDead(logger, address);
                        onDead(address);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The process stops.
        }
        catch (ObjectDisposedException)
        {
            // The silo's services are gone.
        }
    }
}

/// <summary>On a cluster client, hears when the client loses a gateway (a silo it was connected to went away) and has
/// every channel subscription renew at once, with a short timeout: those whose grain that silo held fail and re-subscribe
/// after a short back-off.</summary>
internal sealed class GatewayWatch(IServiceProvider services) : IClusterConnectionStatusObserver
{
    public void NotifyClusterConnectionLost()
    {
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways && services.GetService(typeof(JackpotChannelRegistry)) is JackpotChannelRegistry registry)
        {
            registry.ProbeAll();
        }
    }
}
