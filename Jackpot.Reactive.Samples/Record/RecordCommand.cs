using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Jackpot.Reactive.Simulator;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The <c>record</c> command: records push channels into a recording (see <see cref="RecordOptions.Usage"/> and
/// docs/recording.md), from the real service or an embedded simulator.
/// </summary>
/// <remarks>
/// The channels are followed by a <see cref="JackpotPushClient"/> — the client an application uses, with its reconnects
/// and back-off — whose transport is a <see cref="RecordingSseTransport"/> around <see cref="HttpSseTransport"/>: the
/// recording sees every connection attempt below the client, and the client does not notice it.
/// </remarks>
internal static class RecordCommand
{
    public const int ExitOk = 0;
    public const int ExitBadArguments = 1;
    public const int ExitConnectionFailed = 2;

    /// <summary>Runs <c>record</c>.</summary>
    /// <param name="args">The arguments after the word <c>record</c>.</param>
    /// <param name="stdout">Receives the help.</param>
    /// <param name="stderr">Receives progress, status changes, errors and usage, as JSON lines.</param>
    /// <param name="cancellationToken">Stops the recording (Ctrl+C); the exit code is then 0.</param>
    /// <returns>The exit code: 0, 1 (bad arguments) or 2 (every channel failed for good).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (RecordOptions.IsHelp(args))
        {
            await stdout.WriteLineAsync(RecordOptions.Usage).ConfigureAwait(false);
            return ExitOk;
        }

        RecordOptions options;
        try
        {
            options = RecordOptions.Parse(args);
        }
        catch (CommandLineException ex)
        {
            var output = new TailOutput(TextWriter.Null, stderr, default);
            output.WriteDiagnostic(writer =>
            {
                writer.WriteString("error", "arguments");
                writer.WriteString("message", ex.Message);
            });
            await stderr.WriteLineAsync(RecordOptions.Usage).ConfigureAwait(false);
            return ExitBadArguments;
        }

        PushEventSimulator? simulator = null;
        try
        {
            var endpoint = options.Endpoint;
            if (options.Simulator is { } settings)
            {
                simulator = await StartSimulatorAsync(options, settings, cancellationToken).ConfigureAwait(false);
                endpoint = simulator.SubscribeUri;
            }

            return await RecordAsync(options, endpoint!, simulator, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitOk;
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> RecordAsync(RecordOptions options, Uri endpoint, PushEventSimulator? simulator, TextWriter stderr, CancellationToken cancellationToken)
    {
        var log = new RecordLog(stderr, options);
        using var writer = RecordingWriter.Create(options.Output, new RecordingWriterOptions
        {
            Source = simulator is null ? endpoint.ToString() : "simulator",
            Channels = options.Channels,
            KeepPlayerIds = options.KeepPlayerIds,
        });
        using var http = new HttpSseTransport();
        var transport = new RecordingSseTransport(http, writer);
        var clientOptions = new JackpotPushClientOptions
        {
            Endpoint = endpoint,
            Workspace = options.Workspace,
            Reconnect = options.Reconnect,
            IdleTimeout = options.IdleTimeout,
            ExtraHeaders = options.Headers,
            Linger = TimeSpan.Zero,
        };
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        int failed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        log.Started(options.Output, simulator is null ? endpoint.ToString() : $"in-process simulator at {endpoint}");
        using (var client = new JackpotPushClient(clientOptions, transport, scheduler: null, loggerFactory: null))
        using (var subscriptions = new CompositeDisposable())
        {
            if (simulator is not null)
            {
                foreach (var player in options.Players)
                {
                    subscriptions.Add(SimulatedPlayerWins.Start(simulator, player, options.Simulator!.PlayerWinEvery, TaskPoolScheduler.Default));
                }
            }

            foreach (var channel in options.Channels)
            {
                var events = channel.Kind == ChannelKind.Broadcast ? client.Broadcast(channel.Group) : client.Player(channel.PlayerId);
                subscriptions.Add(client.Status(channel).Subscribe(status => log.Status(channel, status)));
                subscriptions.Add(events.Subscribe(
                    _ =>
                    {
                        if (options.Count is { } count && writer.EventCount >= count)
                        {
                            done.TrySetResult("count");
                        }
                    },
                    error =>
                    {
                        log.Terminal(channel, error);
                        if (Interlocked.Increment(ref failed) == options.Channels.Count)
                        {
                            done.TrySetResult("failed");
                        }
                    }));
            }

            using var cancelled = stop.Token.Register(() => done.TrySetResult(cancellationToken.IsCancellationRequested ? "cancelled" : "duration"));
            string reason = await done.Task.ConfigureAwait(false);

            // Closing the subscriptions closes the connections: their "close" lines come before the "stop" line.
            subscriptions.Dispose();
            writer.WriteStop(reason);
            log.Stopped(reason, writer.EventCount, writer.Elapsed);
            return reason == "failed" ? ExitConnectionFailed : ExitOk;
        }
    }

    private static Task<PushEventSimulator> StartSimulatorAsync(RecordOptions options, RecordSimulatorOptions settings, CancellationToken cancellationToken)
    {
        var faults = new SimulatorFaultOptions
        {
            DropConnectionsEvery = settings.DropEvery,
            ServiceUnavailableRequests = settings.UnavailableRequests,
        };
        return PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions
            {
                Workspace = options.Workspace,
                Group = options.Groups.Count > 0 ? options.Groups[0] : new JackpotGroupId(PushEventSimulatorOptions.DefaultGroup),
                ValueInterval = settings.ValueInterval,
                Faults = faults,
            },
            cancellationToken);
    }
}
