using System.Runtime.InteropServices;
using Spectre.Console;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The samples' entry point: <c>dotnet run --project Jackpot.Reactive.Samples</c> shows the live jackpot board;
/// <c>… -- tail …</c> follows one channel as JSON lines; <c>… -- record …</c> records channels into a recording; <c>… -- soak …</c> runs the fault matrix for a given time;
/// <c>… -- cluster …</c> feeds the board through a local Orleans cluster.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var shutdown = new CancellationTokenSource();
        int interrupts = 0;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops cleanly; a second one ends the process at once.
            e.Cancel = Interlocked.Increment(ref interrupts) == 1;
            shutdown.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            shutdown.Cancel();
        });

        try
        {
            if (args.Length > 0 && args[0] == "tail")
            {
                return await TailCommand.RunAsync(args[1..], Console.Out, Console.Error, shutdown.Token).ConfigureAwait(false);
            }

            if (args.Length > 0 && args[0] == "record")
            {
                return await RecordCommand.RunAsync(args[1..], Console.Out, Console.Error, shutdown.Token).ConfigureAwait(false);
            }

            if (args.Length > 0 && args[0] == "soak")
            {
                return await SoakCommand.RunAsync(args[1..], Console.Out, Console.Error, shutdown.Token).ConfigureAwait(false);
            }

            if (args.Length > 0 && args[0] == SiloProcessHost.Command)
            {
                return await SiloProcessHost.RunAsync(args[1..], Console.Out, Console.Error, shutdown.Token).ConfigureAwait(false);
            }

            if (args.Length > 0 && args[0] == "cluster-failover")
            {
                return await ClusterFailoverCommand.RunAsync(args[1..], Console.Out, Console.Error, shutdown.Token).ConfigureAwait(false);
            }

            if (args.Length > 0 && args[0] == "cluster")
            {
                return await ClusterCommand.RunAsync(args[1..], Console.Out, Console.Error, Console.In, shutdown.Token).ConfigureAwait(false);
            }

            var liveConsole = CanShowLiveBoard() ? AnsiConsole.Console : null;
            return await BoardCommand.RunAsync(args, Console.Out, Console.Error, liveConsole, shutdown.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The live view needs a terminal that Spectre.Console can redraw; anything else gets plain lines.</summary>
    private static bool CanShowLiveBoard() =>
        !Console.IsOutputRedirected
        && AnsiConsole.Profile.Capabilities.Interactive
        && AnsiConsole.Profile.Capabilities.Ansi;
}
