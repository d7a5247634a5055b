using Microsoft.Extensions.DependencyInjection;

namespace Jackpot.Reactive.Orleans;

/// <summary>The entry point on a cluster client (or a silo's <see cref="IClusterClient"/>).</summary>
public static class JackpotClusterChannelsExtensions
{
    /// <summary>Returns the channels of a workspace, served by the cluster.</summary>
    /// <param name="client">The cluster client, or the <see cref="IClusterClient"/> of a silo; its host must have called
    /// <c>AddJackpotChannels</c>.</param>
    /// <param name="workspace">The workspace (the silos' <c>JackpotPush:Workspace</c>).</param>
    /// <returns>The channels. Cheap: call it as often as needed; streams of the same channel are shared.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="workspace"/> is <see langword="default"/>.</exception>
    /// <exception cref="InvalidOperationException">The host did not call <c>AddJackpotChannels</c>.</exception>
    public static JackpotClusterChannels JackpotChannels(this IClusterClient client, WorkspaceId workspace)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (workspace.Value.Length == 0)
        {
            throw new ArgumentException("The workspace is not set (default value).", nameof(workspace));
        }

        var registry = client.ServiceProvider.GetService<JackpotChannelRegistry>()
            ?? throw new InvalidOperationException(
                "Jackpot channels are not registered: call siloBuilder.AddJackpotChannels(…) or clientBuilder.AddJackpotChannels(…).");
        return new JackpotClusterChannels(registry, client, workspace);
    }
}
