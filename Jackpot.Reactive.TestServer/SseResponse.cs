using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Jackpot.Reactive.TestServer;

/// <summary>Writing an answer of an <see cref="SseTestServer"/>: an event stream, raw text or bytes (malformed on
/// purpose if a test wants), holding it open, or resetting the connection.</summary>
public static class SseResponse
{
    /// <summary>Starts an event stream: 200, <paramref name="contentType"/>, <c>Cache-Control: no-cache</c>, unbuffered,
    /// headers flushed.</summary>
    public static async Task StartEventStreamAsync(HttpContext context, string contentType = "text/event-stream")
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes raw text (UTF-8) and flushes it.</summary>
    public static async Task SendAsync(HttpContext context, string text)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes raw bytes and flushes them.</summary>
    public static async Task SendAsync(HttpContext context, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Starts an event stream and writes <paramref name="frames"/> (raw SSE text), then keeps the stream open
    /// until the client goes away, or ends it when <paramref name="endStream"/> is set.</summary>
    public static async Task StreamAsync(HttpContext context, string frames, bool endStream = false)
    {
        await StartEventStreamAsync(context).ConfigureAwait(false);
        await SendAsync(context, frames).ConfigureAwait(false);
        if (!endStream)
        {
            await HoldUntilClientLeavesAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps the response open, sending nothing, until the client goes away.</summary>
    public static async Task HoldUntilClientLeavesAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (context.RequestAborted.Register(() => left.TrySetResult()))
        {
            await left.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Resets the connection (no orderly end of the response): what a client sees as a network error.</summary>
    public static void Reset(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Abort();
    }
}
