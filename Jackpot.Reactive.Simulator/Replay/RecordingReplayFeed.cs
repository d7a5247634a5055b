using System.Globalization;
using System.Text;
using Jackpot.Reactive.Testing;
using Microsoft.AspNetCore.Http.Features;

namespace Jackpot.Reactive.Simulator;

/// <summary>
/// Serves a recording over HTTP (see <see cref="PushEventSimulatorOptions.ReplayFile"/>): each subscribe request of a
/// channel replays the channel's next recorded connection attempt, read from the file as it goes.
/// </summary>
internal sealed class RecordingReplayFeed
{
    private readonly JackpotRecording _recording;
    private readonly double _speed;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<ChannelName, int> _attempts = [];
    private long? _origin;

    public RecordingReplayFeed(PushEventSimulatorOptions options)
    {
        _recording = JackpotRecording.Open(options.ReplayFile!);
        _speed = options.ReplaySpeed;
        _time = options.TimeProvider;
    }

    public async Task ServeAsync(HttpContext context, ChannelName channel, CancellationToken stopping)
    {
        if (!_recording.Header.Channels.Contains(channel))
        {
            await WriteStatusAsync(context.Response, StatusCodes.Status404NotFound, "text/plain; charset=utf-8", null, "The recording holds no such channel.").ConfigureAwait(false);
            return;
        }

        int attempt;
        long origin;
        lock (_gate)
        {
            origin = _origin ??= _time.GetTimestamp();
            attempt = _attempts[channel] = _attempts.GetValueOrDefault(channel) + 1;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var token = cancellation.Token;
        try
        {
            await ReplayAsync(context, channel, attempt, origin, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left or the simulator stopped.
        }
        catch (IOException)
        {
            // The client went away mid-write.
        }
    }

    private async Task ReplayAsync(HttpContext context, ChannelName channel, int attempt, long origin, CancellationToken token)
    {
        var response = context.Response;
        bool opened = false;
        var lines = _recording.Entries
            .SkipWhile(e => e.Channel != channel || e.Attempt < attempt)
            .TakeWhile(e => e.Kind == RecordingEntryKind.Stop || e.Channel != channel || e.Attempt == attempt)
            .Where(e => e.Channel == channel && e.Attempt == attempt);
        foreach (var entry in lines)
        {
            await WaitUntilAsync(origin, entry.Time, token).ConfigureAwait(false);
            switch (entry.Kind)
            {
                case RecordingEntryKind.Open:
                    await OpenAsync(context, token).ConfigureAwait(false);
                    opened = true;
                    break;
                case RecordingEntryKind.Event:
                case RecordingEntryKind.Retry:
                case RecordingEntryKind.Comment:
                    if (!opened)
                    {
                        await OpenAsync(context, token).ConfigureAwait(false);
                        opened = true;
                    }

                    await response.BodyWriter.WriteAsync(Encoding.UTF8.GetBytes(Frame(entry)), token).ConfigureAwait(false);
                    await response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
                    break;
                case RecordingEntryKind.End:
                    return;
                case RecordingEntryKind.Error when entry.Status is { } status && !opened:
                    await WriteStatusAsync(response, status, entry.ContentType, entry.Headers, entry.Message ?? string.Empty).ConfigureAwait(false);
                    return;
                case RecordingEntryKind.Error:
                    context.Abort();
                    return;
                case RecordingEntryKind.Close:
                    await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
                    return;
            }
        }

        // Past the recording (or the attempt never ended in it): an open, silent stream until the client leaves.
        if (!opened)
        {
            await OpenAsync(context, token).ConfigureAwait(false);
        }

        await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
    }

    private async Task WaitUntilAsync(long origin, TimeSpan recorded, CancellationToken token)
    {
        var due = TimeSpan.FromTicks((long)(recorded.Ticks / _speed));
        var wait = due - _time.GetElapsedTime(origin);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, token).ConfigureAwait(false);
        }
    }

    private static async Task OpenAsync(HttpContext context, CancellationToken token)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = SubscribeEndpoint.EventStreamContentType;
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(token).ConfigureAwait(false);
        await response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
    }

    private static async Task WriteStatusAsync(HttpResponse response, int status, string? contentType, IReadOnlyDictionary<string, string>? headers, string body)
    {
        response.StatusCode = status;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[name] = value;
            }
        }

        response.ContentType = headers?.GetValueOrDefault("Content-Type") ?? contentType ?? "text/plain; charset=utf-8";
        await response.WriteAsync(body).ConfigureAwait(false);
    }

    private static string Frame(RecordingEntry entry) => entry.Kind switch
    {
        RecordingEntryKind.Retry => "retry: " + ((long)entry.Delay!.Value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "\n",
        RecordingEntryKind.Comment => ":" + entry.Data + "\n",
        _ => EventFrame(entry),
    };

    private static string EventFrame(RecordingEntry entry)
    {
        var text = new StringBuilder("id: ").Append(entry.EventId).Append('\n');
        if (entry.EventType is { } type && type != SseEvent.DefaultEventType)
        {
            text.Append("event: ").Append(type).Append('\n');
        }

        foreach (string line in entry.Data!.Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        return text.Append('\n').ToString();
    }
}
