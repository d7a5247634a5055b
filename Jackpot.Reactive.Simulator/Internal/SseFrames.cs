using System.Buffers.Text;
using System.Text;

namespace Jackpot.Reactive.Simulator;

/// <summary>Pre-formatted Server-Sent Events frames.</summary>
internal static class SseFrames
{
    /// <summary>The largest frame prefix: <c>id: </c>, a long, <c>\ndata: </c>.</summary>
    public const int MaxPrefixBytes = 4 + 20 + 7;

    /// <summary>The frame suffix after the data.</summary>
    public static ReadOnlySpan<byte> Suffix => "\n\n"u8;

    /// <summary>The heartbeat comment, followed by a blank line (which dispatches nothing).</summary>
    public static ReadOnlyMemory<byte> Heartbeat { get; } = ": heartbeat\n\n"u8.ToArray();

    /// <summary>Sent before a replay that cannot start right after the client's <c>Last-Event-ID</c>.</summary>
    public static ReadOnlyMemory<byte> HistoryGap { get; } = ": history-gap\n\n"u8.ToArray();

    /// <summary>Formats <c>id: &lt;id&gt;\ndata: &lt;json&gt;\n\n</c>.</summary>
    public static byte[] Event(long id, ReadOnlySpan<byte> json)
    {
        Span<byte> prefix = stackalloc byte[MaxPrefixBytes];
        int length = WritePrefix(id, prefix);
        byte[] frame = new byte[length + json.Length + Suffix.Length];
        prefix[..length].CopyTo(frame);
        json.CopyTo(frame.AsSpan(length));
        Suffix.CopyTo(frame.AsSpan(length + json.Length));
        return frame;
    }

    /// <summary>Writes <c>id: &lt;id&gt;\ndata: </c> and returns its length.</summary>
    public static int WritePrefix(long id, Span<byte> destination)
    {
        "id: "u8.CopyTo(destination);
        Utf8Formatter.TryFormat(id, destination[4..], out int digits);
        "\ndata: "u8.CopyTo(destination[(4 + digits)..]);
        return 4 + digits + 7;
    }

    /// <summary>A comment frame; the text must not contain line breaks.</summary>
    public static byte[] Comment(string text) => Encoding.UTF8.GetBytes(": " + text + "\n\n");
}
