using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace Jackpot.Reactive.Simulator;

/// <summary>
/// <c>GET /subscribe?channel=…</c>: the SSE stream of one channel, as the push service serves it; and <c>GET /moved</c>,
/// which redirects there with 307.
/// </summary>
internal sealed class SubscribeEndpoint
{
    public const string SubscribePath = "/subscribe";
    public const string RedirectPath = "/moved";
    public const string ChannelParameter = "channel";
    public const string EventStreamContentType = "text/event-stream";

    private readonly PushEventSimulatorOptions _options;
    private readonly SimulatorFaults _faults;
    private readonly ChannelDirectory _directory;
    private readonly ConnectionRegistry _connections;
    private readonly SimulatorCounters _counters;
    private readonly CancellationToken _stopping;
    private readonly RecordingReplayFeed? _replay;

    public SubscribeEndpoint(
        PushEventSimulatorOptions options,
        SimulatorFaults faults,
        ChannelDirectory directory,
        ConnectionRegistry connections,
        SimulatorCounters counters,
        CancellationToken stopping)
    {
        _options = options;
        _faults = faults;
        _directory = directory;
        _connections = connections;
        _counters = counters;
        _stopping = stopping;
        _replay = options.ReplayFile is null ? null : new RecordingReplayFeed(options);
    }

    public static Task RedirectAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = SubscribePath + context.Request.QueryString.Value;
        return Task.CompletedTask;
    }

    public async Task SubscribeAsync(HttpContext context)
    {
        var response = context.Response;
        if (_faults.TryTakeServiceUnavailable(out var retryAfter))
        {
            response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await RejectAsync(response, StatusCodes.Status503ServiceUnavailable, "Service unavailable (simulated).").ConfigureAwait(false);
            return;
        }

        var values = context.Request.Query[ChannelParameter];
        if (values.Count != 1 || !ChannelName.TryParse(values[0], out var channel))
        {
            await RejectAsync(
                response,
                StatusCodes.Status400BadRequest,
                "Expected one 'channel' query parameter: <WorkspaceId>_broadcast_<JackpotGroupId> or <WorkspaceId>_user_<PlayerId>.").ConfigureAwait(false);
            return;
        }

        if (_replay is not null)
        {
            await _replay.ServeAsync(context, channel, _stopping).ConfigureAwait(false);
            return;
        }

        if (_options.AllowedWorkspaces is { } allowed && !allowed.Contains(channel.Workspace))
        {
            await RejectAsync(response, StatusCodes.Status404NotFound, "Unknown workspace.").ConfigureAwait(false);
            return;
        }

        if (_faults.IsChannelRejected(channel))
        {
            await RejectAsync(response, StatusCodes.Status401Unauthorized, "Not authorized for this channel (simulated).").ConfigureAwait(false);
            return;
        }

        await StreamAsync(context, channel, ParseLastEventId(context.Request)).ConfigureAwait(false);
    }

    private static long? ParseLastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? id
            : null;

    private static async Task RejectAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(message).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, ChannelName channel, long? lastEventId)
    {
        var response = context.Response;
        // The stream ends when the client leaves, when the listener stops (see PushEventSimulator.StopListenerAsync)
        // and when the simulator stops.
        var listenerStopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var connection = new SubscriberStream(
            _counters.NextConnectionId(),
            _options.MaxQueuedEventsPerConnection,
            _faults,
            _counters,
            context.RequestAborted,
            listenerStopping,
            _stopping)
        {
            Channel = channel,
            ConnectionId = context.Connection.Id,
        };
        _connections.Add(connection);
        try
        {
            if (_options.FloodMode && channel.Kind == ChannelKind.Broadcast)
            {
                await StartEventStreamAsync(context, connection.Token).ConfigureAwait(false);
                await FloodWriter.RunAsync(
                    response.BodyWriter, connection, channel, (lastEventId ?? 0) + 1, _options, _faults, _counters).ConfigureAwait(false);
            }
            else
            {
                await PumpAsync(context, connection, channel, lastEventId).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (connection.Token.IsCancellationRequested)
        {
            // Dropped, stopped or the client went away before the stream started.
        }
        catch (IOException)
        {
            // The client went away mid-write.
        }
        finally
        {
            _connections.Remove(connection);
        }

        if (connection.DroppedAs == ConnectionDropKind.Abort)
        {
            context.Abort();
        }
    }

    private static async Task StartEventStreamAsync(HttpContext context, CancellationToken token)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = EventStreamContentType;
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(token).ConfigureAwait(false);
        await response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
    }

    private async Task PumpAsync(HttpContext context, SubscriberStream connection, ChannelName channel, long? lastEventId)
    {
        // Subscribe and arm the timers before the headers go out: a client that has them misses no event, and a
        // group's first tick reaches its first subscriber.
        var feed = _directory.GetFeed(channel);
        var replay = feed.Subscribe(connection, lastEventId, out bool gap);
        try
        {
            if (channel.Kind == ChannelKind.Broadcast)
            {
                _directory.GetEngine(channel).EnsureStarted();
            }

            connection.StartHeartbeat(_options.TimeProvider, _options.HeartbeatInterval);
            await StartEventStreamAsync(context, connection.Token).ConfigureAwait(false);
            await connection.PumpAsync(context.Response.BodyWriter, replay, gap).ConfigureAwait(false);
        }
        finally
        {
            feed.Unsubscribe(connection);
        }
    }
}
