using System.Globalization;
using System.Text;

namespace Jackpot.Reactive.Tests.Sse;

/// <summary>Records what a parser reports, in order, as readable lines (data decoded as UTF-8 with U+FFFD).</summary>
internal sealed class RecordingSseHandler : ISseEventHandler
{
    public List<string> Log { get; } = [];

    public List<SseEventCopy> Events { get; } = [];

    public static string Event(string data, string type = SseEvent.DefaultEventType, string id = "") =>
        $"event {type} [{data}] id={id}";

    public static string Comment(string text) => $"comment [{text}]";

    public static string Retry(long milliseconds) => $"retry {milliseconds.ToString(CultureInfo.InvariantCulture)}";

    public void OnEvent(in SseEvent sseEvent)
    {
        Events.Add(new SseEventCopy(sseEvent.EventType, sseEvent.Data.ToArray(), sseEvent.LastEventId));
        Log.Add(Event(sseEvent.GetDataString(), sseEvent.EventType, sseEvent.LastEventId));
    }

    public void OnComment(ReadOnlySpan<byte> comment) => Log.Add(Comment(Encoding.UTF8.GetString(comment)));

    public void OnRetry(TimeSpan reconnectionTime) => Log.Add(Retry((long)reconnectionTime.TotalMilliseconds));
}

internal sealed record SseEventCopy(string EventType, byte[] Data, string LastEventId);
