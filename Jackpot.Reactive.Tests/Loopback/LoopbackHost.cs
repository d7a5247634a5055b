using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Tests.Loopback;

/// <summary>What every loopback test server needs: Kestrel on 127.0.0.1 and a free port, and SSE responses.</summary>
internal static class LoopbackHost
{
    /// <summary>A slim builder bound to 127.0.0.1:0, without logging, decoding request headers as UTF-8 (the SSE
    /// specification sends Last-Event-ID so).</summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(options => options.RequestHeaderEncodingSelector = _ => Encoding.UTF8);
        return builder;
    }

    /// <summary>Starts the application and returns the address it is bound to.</summary>
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>Starts an event stream: 200, text/event-stream, headers flushed.</summary>
    public static async Task StartEventStreamAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes raw SSE text and flushes it.</summary>
    public static async Task SendAsync(HttpContext context, string text)
    {
        await context.Response.WriteAsync(text, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Keeps the response open, sending nothing, until the client goes away.</summary>
    public static async Task HoldUntilClientLeavesAsync(HttpContext context)
    {
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (context.RequestAborted.Register(() => left.TrySetResult()))
        {
            await left.Task;
        }
    }
}
