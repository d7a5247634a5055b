using System.Reactive.Linq;
using System.Text.Json;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The <c>tail</c> command: follows one push channel and prints its events as JSON lines (see <see cref="TailOptions.Usage"/>).
/// </summary>
/// <remarks>
/// Built on <see cref="SseConnection"/> over <see cref="HttpSseTransport"/> in both modes: raw mode needs the SSE events
/// themselves, and decoded mode decodes them with <see cref="JackpotEvent.TryParse(ReadOnlySpan{byte}, out JackpotEvent?, out JackpotEventFormatException?)"/>
/// so that a malformed payload can be reported and skipped while the stream goes on. It consumes the connection the way
/// a back-end service that prefers <c>await foreach</c> to <c>Subscribe</c> would (docs/async-consumers.md): through the
/// library's bounded <c>ToAsyncEnumerable</c>, with System.Linq's and System.Interactive.Async's operators for
/// <c>--count</c> (<c>Take</c>) and the malformed-payload reports (<c>Do</c>), and a cancellation token for
/// <c>--timeout</c> and Ctrl+C.
/// </remarks>
internal static class TailCommand
{
    public const int ExitOk = 0;
    public const int ExitBadArguments = 1;
    public const int ExitConnectionFailed = 2;

    /// <summary>How many lines may wait for the console; more fail the run (exit code 2) rather than be dropped.</summary>
    private const int BufferCapacity = 1024;

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
        var printer = new TailPrinter(options, output);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Timeout is { } limit)
        {
            stop.CancelAfter(limit);
        }

        int exitCode;
        using (connection.Status.Skip(1).Subscribe(printer.WriteStatus))
        {
            exitCode = await PrintAsync(Lines(connection, printer), options.Count, printer, stop.Token).ConfigureAwait(false);

            // The enumeration is disposed here, and with it the subscription: its "closed" status is the last line.
        }

        output.Close();
        return exitCode;
    }

    /// <summary>The channel as an asynchronous stream of what to print: each event is copied out of its
    /// <see cref="SseEvent"/> (valid only during <c>OnNext</c>) into a <see cref="TailLine"/> on the connection's thread,
    /// then read through a bounded buffer that fails rather than drop a line if the console falls behind. Malformed
    /// payloads are reported on stderr as they come (Ix's <c>Do</c>) and left out of the lines (and of <c>--count</c>).</summary>
    private static IAsyncEnumerable<TailLine> Lines(SseConnection connection, TailPrinter printer) =>
        connection
            .Select(printer.Copy)
            .ToAsyncEnumerable(BufferCapacity, AsyncBufferOverflow.Fail)
            .Do(printer.ReportIfMalformed)
            .Where(line => !line.IsMalformed);

    /// <summary>Prints the lines until <paramref name="count"/> are printed, the run is stopped (a timeout, Ctrl+C: exit
    /// code 0) or the connection fails for good (exit code 2).</summary>
    private static async Task<int> PrintAsync(IAsyncEnumerable<TailLine> lines, int? count, TailPrinter printer, CancellationToken stop)
    {
        if (count is { } limit)
        {
            lines = lines.Take(limit);
        }

        try
        {
            await foreach (var line in lines.WithCancellation(stop).ConfigureAwait(false))
            {
                printer.Print(line);
            }

            return ExitOk;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitOk;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            printer.WriteTerminal(error);
            return ExitConnectionFailed;
        }
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

    /// <summary>Turns events, statuses and failures into JSON lines.</summary>
    private sealed class TailPrinter(TailOptions options, TailOutput output)
    {
        /// <summary>Copies what will be printed out of an event, on the connection's thread (the event is valid only
        /// during this call): the raw fields, or the decoded event, or why it could not be decoded.</summary>
        public TailLine Copy(SseEvent sseEvent)
        {
            if (options.Raw)
            {
                return new TailLine(sseEvent.LastEventId) { Type = sseEvent.EventType, Data = sseEvent.GetDataString() };
            }

            return JackpotEvent.TryParse(sseEvent.Data.Span, out var jackpotEvent, out var error)
                ? new TailLine(sseEvent.LastEventId) { Event = jackpotEvent }
                : new TailLine(sseEvent.LastEventId) { Error = error ?? new JackpotEventFormatException("The payload is not a jackpot event.") };
        }

        public void ReportIfMalformed(TailLine line)
        {
            if (line.Error is not { } error)
            {
                return;
            }

            output.WriteDiagnostic(writer =>
            {
                writer.WriteString("error", "malformed");
                if (error.Field is { } field)
                {
                    writer.WriteString("field", field);
                }

                writer.WriteString("message", output.Redact(error.Message));
                writer.WriteString("id", line.Id);
            });
        }

        public void Print(TailLine line) => output.WriteEvent(writer =>
        {
            if (line.Event is { } jackpotEvent)
            {
                JackpotEventWriter.WriteProperties(writer, jackpotEvent.Reason, jackpotEvent, JackpotEventLayout.Readable);
            }
            else
            {
                writer.WriteString("type", line.Type);
                writer.WriteString("id", line.Id);
                writer.WriteString("data", line.Data);
            }
        });

        public void WriteTerminal(Exception error)
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
        }

        public void WriteStatus(ChannelStatus status) => output.WriteDiagnostic(writer =>
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

/// <summary>What tail prints for one event, copied out of it: a decoded event, the raw fields, or why the payload could
/// not be decoded.</summary>
/// <param name="Id">The SSE last event id when it arrived.</param>
internal sealed record TailLine(string Id)
{
    public string Type { get; init; } = string.Empty;

    public string Data { get; init; } = string.Empty;

    public JackpotEvent? Event { get; init; }

    public JackpotEventFormatException? Error { get; init; }

    public bool IsMalformed => Error is not null;
}
