using System.Globalization;
using System.Text;

namespace Jackpot.Reactive.Testing;

/// <summary>What a scripted connection does at one moment.</summary>
internal enum VirtualStepKind
{
    /// <summary>The response is accepted: yield <see cref="SseTransportChunk.Opened"/>.</summary>
    Open,

    /// <summary>Body bytes.</summary>
    Data,

    /// <summary>Clean end of stream: complete.</summary>
    End,

    /// <summary>Fail with <see cref="VirtualStep.Error"/>.</summary>
    Fail,
}

/// <summary>One step of an attempt, <see cref="At"/> after the attempt started.</summary>
internal sealed record VirtualStep(TimeSpan At, VirtualStepKind Kind, byte[]? Data = null, Exception? Error = null)
{
    /// <summary>Writes one event as the service does: <c>id</c> (when given), <c>event</c> (when given), one
    /// <c>data</c> line of compact JSON, and a blank line.</summary>
    public static byte[] EventBytes(JackpotEvent jackpotEvent, string? id, string? eventType)
    {
        var text = new StringBuilder();
        if (id is not null)
        {
            text.Append("id: ").Append(id).Append('\n');
        }

        if (eventType is not null)
        {
            text.Append("event: ").Append(eventType).Append('\n');
        }

        text.Append("data: ").Append(JackpotEventJson.Serialize(jackpotEvent)).Append("\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] CommentBytes(string comment) =>
        Encoding.UTF8.GetBytes(comment.Length == 0 ? ":\n" : ": " + comment + "\n");

    public static byte[] RetryBytes(TimeSpan delay) =>
        Encoding.UTF8.GetBytes("retry: " + ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "\n");
}
