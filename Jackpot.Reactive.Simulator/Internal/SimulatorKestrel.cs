using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Jackpot.Reactive.Simulator;

/// <summary>How Kestrel serves the simulator: the protocols of every endpoint, TLS for <c>https://</c> URLs with the
/// simulator's own certificate, the HTTP/2 stream limit, and the tracking of transport connections.</summary>
internal static class SimulatorKestrel
{
    public static void Configure(
        KestrelServerOptions kestrel, PushEventSimulatorOptions options, TransportConnections connections, X509Certificate2? certificate)
    {
        kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        kestrel.ConfigureEndpointDefaults(listen =>
        {
            listen.Protocols = options.Protocols;
            listen.Use(connections.Track);
        });
        if (certificate is not null)
        {
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
        }
    }
}
