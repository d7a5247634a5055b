using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>
/// The black-box server, run in a process of its own (<c>blackbox-server flood|paced [rate]</c>): Kestrel on a free
/// loopback port, one <see cref="BlackBoxStream"/> per request, written until the client goes away.
/// </summary>
/// <remarks>
/// Flood: frames are written as fast as the connection takes them, flushed every <see cref="FloodFlushBytes"/> (as the
/// simulator's flood mode does). Paced: one event every 1/rate s, each flushed on its own and stamped with its write
/// time; the loop sleeps in 1 ms steps and writes every event that has fallen due, so the rate holds on average.
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet("/subscribe", context => paced ? PacedAsync(context, rate) : FloodAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Console.WriteLine(ListeningLine + address.TrimEnd('/') + "/subscribe");

        // The parent kills the process when the run is over; stdin closing (the parent gone) ends it too.
        await Task.Run(() => Console.In.ReadToEnd()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<BlackBoxStream> StartAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
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
        long period = Stopwatch.Frequency / rate;
        long due = Stopwatch.GetTimestamp();
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                long now = Stopwatch.GetTimestamp();
                if (now < due)
                {
                    await Task.Delay(1, context.RequestAborted).ConfigureAwait(false);
                    continue;
                }

                // After a long stall (the machine busy elsewhere) start afresh instead of bursting.
                due = now - due > 50 * period ? now + period : due + period;
                writer.Advance(stream.WriteNext(writer.GetSpan(BlackBoxStream.MaxFrameBytes), Stopwatch.GetTimestamp()));
                await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }
}
