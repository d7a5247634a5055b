using Jackpot.Reactive.Orleans;
using Jackpot.Reactive.Simulator;
using Spectre.Console;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The live board (see <see cref="BoardOptions.Usage"/>): against an in-process simulator by default, or the real service.
/// </summary>
internal static class BoardCommand
{
    public const int ExitOk = 0;
    public const int ExitBadArguments = 1;
    public const int ExitFailed = 2;

    /// <summary>Runs the board printing plain lines to <paramref name="stdout"/>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Receives the board's lines.</param>
    /// <param name="stderr">Receives errors and usage.</param>
    /// <param name="cancellationToken">Stops the board (Ctrl+C); the exit code is then 0.</param>
    /// <returns>The exit code: 0, 1 (bad arguments) or 2 (a channel failed for good).</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, stdout, stderr, liveConsole: null, cancellationToken);

    /// <summary>Runs the board, live on <paramref name="liveConsole"/> when given, else as plain lines.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Receives the board's lines in plain mode, and the help.</param>
    /// <param name="stderr">Receives errors and usage.</param>
    /// <param name="liveConsole">The terminal for the live view, or null for plain lines.</param>
    /// <param name="cancellationToken">Stops the board (Ctrl+C); the exit code is then 0.</param>
    /// <returns>The exit code: 0, 1 (bad arguments) or 2 (a channel failed for good).</returns>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, IAnsiConsole? liveConsole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (BoardOptions.IsHelp(args))
        {
            await stdout.WriteLineAsync(BoardOptions.Usage).ConfigureAwait(false);
            return ExitOk;
        }

        BoardOptions options;
        try
        {
            options = BoardOptions.Parse(args);
        }
        catch (CommandLineException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync(BoardOptions.Usage).ConfigureAwait(false);
            return ExitBadArguments;
        }

        if (options.Plain)
        {
            liveConsole = null;
        }

        PushEventSimulator? simulator = null;
        try
        {
            if (options.UsesSimulator)
            {
                simulator = await PushEventSimulator.StartAsync(new PushEventSimulatorOptions(), cancellationToken).ConfigureAwait(false);
            }

            return await RunBoardAsync(options, simulator, stdout, stderr, liveConsole, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitOk;
        }
        catch (IOException ex) when (simulator is null && options.UsesSimulator)
        {
            await stderr.WriteLineAsync($"error: the simulator cannot start: {ex.Message}").ConfigureAwait(false);
            return ExitFailed;
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> RunBoardAsync(
        BoardOptions options,
        PushEventSimulator? simulator,
        TextWriter stdout,
        TextWriter stderr,
        IAnsiConsole? liveConsole,
        CancellationToken cancellationToken)
    {
        var endpoint = simulator?.SubscribeUri ?? options.Endpoint!;
        string source = Describe(options, endpoint);
        if (liveConsole is null)
        {
            var view = new PlainBoardView(stdout, new PlayerIdRedactor(options.Player));
            return await RunSessionAsync(options, simulator, endpoint, source, view, stderr, cancellationToken).ConfigureAwait(false);
        }

        int exitCode = ExitOk;
        await liveConsole.Live(LiveBoardView.Placeholder())
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async display =>
            {
                var view = new LiveBoardView(display, new PlayerIdRedactor(options.Player), options.Duration);
                exitCode = await RunSessionAsync(options, simulator, endpoint, source, view, stderr, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return exitCode;
    }

    private static async Task<int> RunSessionAsync(
        BoardOptions options,
        PushEventSimulator? simulator,
        Uri endpoint,
        string source,
        IBoardView view,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        // The same board on either source of channels: a client of its own, or channel grains on a local cluster.
        await using var cluster = options.Cluster
            ? await LocalCluster.StartAsync(BoardOptions.ClusterSilos, simulator!, cancellationToken).ConfigureAwait(false)
            : null;
        await using var client = cluster is null
            ? new JackpotPushClient(new JackpotPushClientOptions { Endpoint = endpoint, Workspace = options.Workspace, Linger = TimeSpan.Zero })
            : null;
        IJackpotChannels channels = cluster is not null ? cluster.Client.JackpotChannels(options.Workspace) : client!;
        await using var session = new BoardSession(options, channels, view, stderr);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        using var registration = stop.Token.Register(static state => ((BoardSession)state!).Stop(), session);
        session.Start(source);
        if (simulator is not null && options.Player is { } player)
        {
            session.Add(SimulatedPlayerWins.Start(simulator, player, options.PlayerWinEvery, session.Loop));
        }

        return await session.Completion.ConfigureAwait(false);
    }

    private static string Describe(BoardOptions options, Uri endpoint)
    {
        string where = options.UsesSimulator ? $"in-process simulator at {endpoint}" : endpoint.ToString();
        string player = options.Player is { } id ? $", playing as {id}" : string.Empty;
        string cluster = options.Cluster ? $", through channel grains on {BoardOptions.ClusterSilos} in-process Orleans silos" : string.Empty;
        return $"{where}{cluster}, workspace {options.Workspace}, group {options.Group}{player}";
    }
}
