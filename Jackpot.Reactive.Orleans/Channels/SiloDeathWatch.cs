using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// On a silo, follows the cluster's membership (<see cref="IClusterMembershipService.MembershipUpdates"/>) and tells the
/// process's channel subscriptions as soon as a silo is declared dead, so those whose grain it held re-subscribe at
/// once instead of at their next renewal. A cluster client has no membership view: there, a lost gateway
/// (<see cref="GatewayWatch"/>) and a failed call are the signals.
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

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
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
