namespace Jackpot.Reactive.Samples;

/// <summary>Writes <c>record</c>'s progress and status changes to stderr, one JSON object a line, player ids redacted
/// (in the log they are redacted even with <c>--keep-player-ids</c>: that flag is about the recording only).</summary>
internal sealed class RecordLog(TextWriter stderr, RecordOptions options)
{
    private readonly TailOutput _output = new(TextWriter.Null, stderr, default);
    private readonly PlayerIdRedactor[] _redactors = [.. options.Players.Select(p => new PlayerIdRedactor(p))];

    public void Started(string output, string source) => _output.WriteDiagnostic(writer =>
    {
        writer.WriteString("recording", output);
        writer.WriteString("source", Redact(source));
        writer.WriteNumber("channels", options.Channels.Count);
    });

    public void Status(ChannelName channel, ChannelStatus status) => _output.WriteDiagnostic(writer =>
    {
        writer.WriteString("channel", channel.ToString());
        writer.WriteString("status", status.State.ToString().ToLowerInvariant());
        if (status.State == ChannelState.Reconnecting)
        {
            writer.WriteNumber("attempt", status.Attempt);
            writer.WriteNumber("delayMs", (long)status.Delay.TotalMilliseconds);
        }

        if (status.Cause is { } cause)
        {
            writer.WriteString("cause", Redact(cause.Message));
        }
    });

    public void Terminal(ChannelName channel, Exception error) => _output.WriteDiagnostic(writer =>
    {
        writer.WriteString("channel", channel.ToString());
        writer.WriteString("error", "terminal");
        writer.WriteString("message", Redact(error.Message));
    });

    public void Stopped(string reason, long events, TimeSpan elapsed) => _output.WriteDiagnostic(writer =>
    {
        writer.WriteString("stopped", reason);
        writer.WriteNumber("events", events);
        writer.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 1));
    });

    private string Redact(string text)
    {
        foreach (var redactor in _redactors)
        {
            text = redactor.Redact(text);
        }

        return text;
    }
}
