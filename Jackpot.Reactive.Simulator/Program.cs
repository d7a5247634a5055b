using System.Runtime.InteropServices;

namespace Jackpot.Reactive.Simulator;

/// <summary>The standalone simulator: <c>dotnet run --project Jackpot.Reactive.Simulator -- --urls http://127.0.0.1:5080</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = SimulatorCommandLine.Parse(args, out string error);
        if (options is null)
        {
            var output = error.Length == 0 ? Console.Out : Console.Error;
            if (error.Length > 0)
            {
                await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
            }

            await output.WriteLineAsync(SimulatorCommandLine.Usage).ConfigureAwait(false);
            return error.Length == 0 ? 0 : 1;
        }

        using var shutdown = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            shutdown.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            shutdown.Cancel();
        });

        await using var simulator = await PushEventSimulator.StartCoreAsync(options, consoleLogging: true, shutdown.Token).ConfigureAwait(false);
        var player = new PlayerId(PushEventSimulatorOptions.SimulatedPlayerIdPrefix + "1");
        Console.WriteLine($"Jackpot push-event simulator listening on {simulator.BaseAddress}");
        Console.WriteLine($"Subscribe URI:     {simulator.SubscribeUri}");
        if (simulator.ServerCertificateHash is { } certificateHash)
        {
            Console.WriteLine($"TLS certificate:   self-signed, SHA-256 {certificateHash}");
        }

        Console.WriteLine($"Broadcast channel: {simulator.BroadcastChannel.RawValue}");
        Console.WriteLine($"Player channel:    {simulator.PlayerChannel(player).RawValue}");
        Console.WriteLine($"Try: curl -N '{simulator.GetChannelUri(simulator.BroadcastChannel)}'");
        Console.WriteLine("Press Ctrl+C to stop.");

        try
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping.");
        }

        return 0;
    }
}
