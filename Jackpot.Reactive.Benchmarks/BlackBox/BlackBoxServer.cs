using Jackpot.Reactive.TestServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>
/// The black-box server, run in a process of its own (<c>blackbox-server flood|paced [rate]</c>): the shared
/// <see cref="SseTestServer"/> on a free loopback port, one <see cref="BlackBoxStream"/> per request, written until the
/// client goes away.
/// </summary>
/// <remarks>
/// Flood: frames are written as fast as the connection takes them, flushed every <see cref="FloodFlushBytes"/> (as the
/// simulator's flood mode does). Paced: one event every 1/rate s (<see cref="SsePacer"/>), each flushed on its own and
/// stamped with its write time.
/// </remarks>
internal static class BlackBoxServer
{
    public const string Command = "blackbox-server";
    public const string ListeningLine = "blackbox-server listening on ";
    private const int FloodFlushBytes = 32 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        bool paced = args.Length > 1 && args[1] == "paced";
        int rate = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        await using var server = await SseTestServer.StartAsync(
            app => app.MapGet("/subscribe", context => paced ? PacedAsync(context, rate) : FloodAsync(context))).ConfigureAwait(false);
        Console.WriteLine(ListeningLine + server.SubscribeUri);

        // The parent kills the process when the run is over; stdin closing (the parent gone) ends it too.
        await Task.Run(() => Console.In.ReadToEnd()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<BlackBoxStream> StartAsync(HttpContext context)
    {
        await SseResponse.StartEventStreamAsync(context).ConfigureAwait(false);
        return new BlackBoxStream(context.Request.Query["channel"].ToString());
    }

    private static async Task FloodAsync(HttpContext context)
    {
        var stream = await StartAsync(context).ConfigureAwait(false);
        var writer = context.Response.BodyWriter;
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                while (writer.UnflushedBytes < FloodFlushBytes)
                {
                    writer.Advance(stream.WriteNext(writer.GetSpan(BlackBoxStream.MaxFrameBytes), stamp: null));
                }

                var result = await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static async Task PacedAsync(HttpContext context, int rate)
    {
        var stream = await StartAsync(context).ConfigureAwait(false);
        var writer = context.Response.BodyWriter;
        await SsePacer.RunAsync(rate, async cancellationToken =>
        {
            writer.Advance(stream.WriteNext(writer.GetSpan(BlackBoxStream.MaxFrameBytes), System.Diagnostics.Stopwatch.GetTimestamp()));
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }, context.RequestAborted).ConfigureAwait(false);
    }
}
