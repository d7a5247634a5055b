using System.Reactive.Linq;
using System.Text.Json;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The <c>tail</c> command: follows one push channel and prints its events as JSON lines (see <see cref="TailOptions.Usage"/>).
/// </summary>
/// <remarks>
/// Built on <see cref="SseConnection"/> over <see cref="HttpSseTransport"/> in both modes: raw mode needs the SSE events
/// themselves, and decoded mode decodes them with <see cref="JackpotEvent.TryParse(ReadOnlySpan{byte}, out JackpotEvent?, out JackpotEventFormatException?)"/>
/// so that a malformed payload can be reported and skipped while the stream goes on.
/// </remarks>
internal static class TailCommand
{
    public const int ExitOk = 0;
    public const int ExitBadArguments = 1;
    public const int ExitConnectionFailed = 2;

    /// <summary>Runs <c>tail</c>.</summary>
    /// <param name="args">The arguments after the word <c>tail</c>.</param>
    /// <param name="stdout">Receives the events.</param>
    /// <param name="stderr">Receives status changes, errors and usage.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C); the exit code is then 0.</param>
    /// <returns>The exit code: 0, 1 (bad arguments) or 2 (terminal connection failure).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (TailOptions.IsHelp(args))
        {
            await stdout.WriteLineAsync(TailOptions.Usage).ConfigureAwait(false);
            return ExitOk;
        }

        TailOptions options;
        try
        {
            options = TailOptions.Parse(args);
        }
        catch (CommandLineException ex)
        {
            await WriteUsageErrorAsync(stderr, ex.Message).ConfigureAwait(false);
            return ExitBadArguments;
        }

        using var transport = new HttpSseTransport();
        var connection = new SseConnection(transport, options.Connection);
        var output = new TailOutput(stdout, stderr, options.Channel);
        var run = new TailRun(options, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        using (timeout.Token.Register(static state => ((TailRun)state!).Stop(ExitOk), run))
        using (connection.Status.Skip(1).Subscribe(run.OnStatus))
        {
            using (connection.Subscribe(run.OnEvent, run.OnError, run.OnCompleted))
            {
                await run.Completion.ConfigureAwait(false);
            }

            // The subscription is closed here; its "closed" status is the last line.
        }

        output.Close();
        return await run.Completion.ConfigureAwait(false);
    }

    private static async Task WriteUsageErrorAsync(TextWriter stderr, string message)
    {
        var output = new TailOutput(TextWriter.Null, stderr, default);
        output.WriteDiagnostic(writer =>
        {
            writer.WriteString("error", "arguments");
            writer.WriteString("message", message);
        });
        await stderr.WriteLineAsync(TailOptions.Usage).ConfigureAwait(false);
        await stderr.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The state of one run: counts events and decides the exit code once.</summary>
    private sealed class TailRun(TailOptions options, TailOutput output)
    {
        private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _printed;

        public Task<int> Completion => _completion.Task;

        public void Stop(int exitCode) => _completion.TrySetResult(exitCode);

        public void OnEvent(SseEvent sseEvent)
        {
            if (_completion.Task.IsCompleted)
            {
                return;
            }

            bool written = options.Raw ? WriteRaw(sseEvent) : WriteDecoded(sseEvent);
            if (written && options.Count is { } count && Interlocked.Increment(ref _printed) >= count)
            {
                Stop(ExitOk);
            }
        }

        public void OnError(Exception error)
        {
            output.WriteDiagnostic(writer =>
            {
                writer.WriteString("error", "terminal");
                switch (error)
                {
                    case SseHttpException http:
                        writer.WriteNumber("status", (int)http.StatusCode);
                        if (http.ContentType is { } contentType)
                        {
                            writer.WriteString("contentType", contentType);
                        }

                        break;
                    case SseEventTooLargeException tooLarge:
                        writer.WriteNumber("maxEventSize", tooLarge.MaxEventSize);
                        break;
                }

                writer.WriteString("message", output.Redact($"{error.Message} Not retrying."));
            });
            Stop(ExitConnectionFailed);
        }

        public void OnCompleted() => Stop(ExitOk);

        public void OnStatus(ChannelStatus status) => output.WriteDiagnostic(writer =>
        {
            writer.WriteString("status", StateName(status.State));
            switch (status.State)
            {
                case ChannelState.Open:
                    writer.WriteString("continuity", ContinuityName(status.Continuity));
                    break;
                case ChannelState.Reconnecting:
                    writer.WriteNumber("attempt", status.Attempt);
                    writer.WriteNumber("delayMs", (long)status.Delay.TotalMilliseconds);
                    WriteCause(writer, status.Cause);
                    break;
                case ChannelState.Failed:
                    WriteCause(writer, status.Cause);
                    break;
            }
        });

        private bool WriteRaw(SseEvent sseEvent)
        {
            string data = sseEvent.GetDataString();
            return output.WriteEvent(writer =>
            {
                writer.WriteString("type", sseEvent.EventType);
                writer.WriteString("id", sseEvent.LastEventId);
                writer.WriteString("data", data);
            });
        }

        private bool WriteDecoded(SseEvent sseEvent)
        {
            if (!JackpotEvent.TryParse(sseEvent.Data.Span, out var jackpotEvent, out var error))
            {
                output.WriteDiagnostic(writer =>
                {
                    writer.WriteString("error", "malformed");
                    if (error?.Field is { } field)
                    {
                        writer.WriteString("field", field);
                    }

                    writer.WriteString("message", output.Redact(error?.Message ?? "The payload is not a jackpot event."));
                    writer.WriteString("id", sseEvent.LastEventId);
                });
                return false;
            }

            return output.WriteEvent(writer => WriteJackpotEvent(writer, jackpotEvent));
        }

        private static void WriteJackpotEvent(Utf8JsonWriter writer, JackpotEvent jackpotEvent)
        {
            writer.WriteString("reason", jackpotEvent.Reason);
            WriteOptional(writer, "jackpot", jackpotEvent.Jackpot.Value);
            WriteOptional(writer, "jackpotInstance", jackpotEvent.Instance.Value);
            WriteOptional(writer, "channel", jackpotEvent.Channel.RawValue);
            WriteOptional(writer, "currency", jackpotEvent.Currency);
            WriteOptional(writer, "value", jackpotEvent.RawValue);
            if (jackpotEvent.RawValue.Length > 0)
            {
                writer.WriteNumber("amount", jackpotEvent.Amount);
            }

            var newInstance = jackpotEvent switch
            {
                JackpotWon won => won.NewInstance,
                JackpotWonByOther other => other.NewInstance,
                _ => default(JackpotInstanceId?),
            };
            if (newInstance is { } instance)
            {
                writer.WriteString("jackpotNewInstance", instance.Value);
            }
        }

        private static void WriteOptional(Utf8JsonWriter writer, string name, string value)
        {
            // An unknown reason may come without some fields: they are left out rather than printed empty.
            if (value.Length > 0)
            {
                writer.WriteString(name, value);
            }
        }

        private void WriteCause(Utf8JsonWriter writer, Exception? cause)
        {
            if (cause is not null)
            {
                writer.WriteString("cause", output.Redact(cause.Message));
                writer.WriteString("causeType", cause.GetType().Name);
            }
        }

        private static string StateName(ChannelState state) => state switch
        {
            ChannelState.Connecting => "connecting",
            ChannelState.Open => "open",
            ChannelState.Reconnecting => "reconnecting",
            ChannelState.Closed => "closed",
            ChannelState.Failed => "failed",
            _ => state.ToString().ToLowerInvariant(),
        };

        private static string ContinuityName(StreamContinuity continuity) => continuity switch
        {
            StreamContinuity.Initial => "initial",
            StreamContinuity.Resumed => "resumed",
            StreamContinuity.GapPossible => "gapPossible",
            _ => continuity.ToString(),
        };
    }
}
