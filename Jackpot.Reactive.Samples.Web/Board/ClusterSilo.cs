using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Jackpot.Reactive.Orleans;
using Orleans.Configuration;
using Orleans.Persistence.FileStorage;

namespace Jackpot.Reactive.Samples.Web.Board;

/// <summary>
/// <c>--cluster</c>: the web app as a one-silo Orleans cluster (localhost clustering on free ports, the channel grains'
/// checkpoints in a temporary folder, a grain-key secret of its own), so the board runs on the cluster's channels. A
/// real deployment joins a cluster with real membership and storage instead (see <c>docs/scale-out.md</c>).
/// </summary>
internal static class ClusterSilo
{
    public static void Add(WebApplicationBuilder builder, WebBoardSettings settings, Uri endpoint)
    {
        string storage = Path.Combine(Path.GetTempPath(), "jackpot-web-board", Guid.NewGuid().ToString("N"));
        string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "jackpot-web-board";
                o.ServiceId = "jackpot-web-board";
            });
            silo.AddFileGrainStorage(JackpotChannelOptions.StorageName, o => o.RootDirectory = storage);
            silo.AddJackpotChannels(
                push =>
                {
                    push.Workspace = settings.Workspace.Value;
                    push.Endpoint = endpoint.ToString();
                },
                channels => channels.GrainKeySecret = secret);
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
