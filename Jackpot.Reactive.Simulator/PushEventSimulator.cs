using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Jackpot.Reactive.Simulator;

/// <summary>
/// A real push-event server on Kestrel that behaves like the jackpot Push Event Service, with fault injection.
/// Start it with <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
/// <remarks>
/// <c>GET /subscribe?channel=…</c> serves Server-Sent Events: <c>id: &lt;n&gt;</c> and one JSON payload per event, ids counting
/// up per channel, <c>Last-Event-ID</c> replay from a bounded history (a <c>: history-gap</c> comment comes first when the
/// history no longer reaches back to that id), and a <c>: heartbeat</c> comment every
/// <see cref="PushEventSimulatorOptions.HeartbeatInterval"/>. Every broadcast channel has one simulated jackpot group shared by
/// all its connections, so all clients see the same ids and values. <c>GET /moved</c> answers 307 to <c>/subscribe</c>.
/// </remarks>
public sealed partial class PushEventSimulator : IAsyncDisposable
{
    private readonly SubscribeEndpoint _endpoint;
    private readonly bool _consoleLogging;
    private WebApplication? _app;
    private string[] _boundUrls = [];
    private readonly ChannelDirectory _directory;
    private readonly ConnectionRegistry _connections;
    private readonly SimulatorCounters _counters;
    private readonly CancellationTokenSource _stopping;
    private readonly Lock _gate = new();
    private ITimer? _dropTimer;
    private Task? _stopTask;

    private PushEventSimulator(PushEventSimulatorOptions options, bool consoleLogging)
    {
        Options = options;
        Faults = new SimulatorFaults(options.Faults, options.TimeProvider);
        _counters = new SimulatorCounters();
        _connections = new ConnectionRegistry();
        _stopping = new CancellationTokenSource();
        _directory = new ChannelDirectory(options, Faults);
        _endpoint = new SubscribeEndpoint(options, Faults, _directory, _connections, _counters, _stopping.Token);
        _consoleLogging = consoleLogging;
        ServerCertificate = options.Urls.Any(IsHttpsUrl) ? SelfSignedCertificate.Create(options.TimeProvider) : null;
        _app = SimulatorApplication.Build(options, options.Urls, _endpoint, consoleLogging, _transportConnections, ServerCertificate);
        BaseAddress = new Uri(PushEventSimulatorOptions.DefaultUrl);
        SubscribeUri = BaseAddress;
        RedirectUri = BaseAddress;
    }

    /// <summary>Gets the options the simulator runs with.</summary>
    public PushEventSimulatorOptions Options { get; }

    /// <summary>Gets the fault switches; changes take effect at once.</summary>
    public SimulatorFaults Faults { get; }

    /// <summary>Gets the address of the first URL the simulator listens on, e.g. <c>http://127.0.0.1:50123/</c>.</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>Gets the subscribe endpoint, e.g. <c>http://127.0.0.1:50123/subscribe</c>; add <c>?channel=…</c>.</summary>
    public Uri SubscribeUri { get; private set; }

    /// <summary>Gets an endpoint that answers 307 to <see cref="SubscribeUri"/> with the same query.</summary>
    public Uri RedirectUri { get; private set; }

    /// <summary>Gets the broadcast channel of <see cref="PushEventSimulatorOptions.Workspace"/> and <see cref="PushEventSimulatorOptions.Group"/>.</summary>
    public ChannelName BroadcastChannel => ChannelName.Broadcast(Options.Workspace, Options.Group);

    /// <summary>Gets the number of streams open now.</summary>
    public int OpenConnections => _connections.Count;

    /// <summary>Gets the number of streams accepted (answered 200) since the start.</summary>
    public long ConnectionsAccepted => _counters.ConnectionsAccepted;

    /// <summary>Gets the number of streams the simulator dropped since the start: by a fault (<see cref="DropConnections()"/>,
    /// <see cref="SimulatorFaults.DropConnectionsEvery"/>, <see cref="SimulatorFaults.DropConnectionsEveryEvents"/>) or
    /// because a slow client's queue overflowed. Streams ended by <see cref="StopListenerAsync"/> are not counted.</summary>
    public long ConnectionsDropped => _counters.ConnectionsDropped;

    /// <summary>Gets a value indicating whether the listener is accepting connections (see <see cref="StopListenerAsync"/>).</summary>
    public bool IsListening
    {
        get
        {
            lock (_gate)
            {
                return _app is not null;
            }
        }
    }

    /// <summary>Gets the number of events written to streams since the start (heartbeats and comments not included).</summary>
    public long EventsSent => _counters.EventsSent;

    /// <summary>Starts a simulator.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (127.0.0.1 on a free port).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator.</returns>
    /// <exception cref="IOException">An address cannot be bound.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<PushEventSimulator> StartAsync(PushEventSimulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(options ?? new PushEventSimulatorOptions(), consoleLogging: false, cancellationToken);

    /// <summary>Gets a player's channel in <see cref="PushEventSimulatorOptions.Workspace"/>.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentException"><paramref name="player"/> is <see langword="default"/>.</exception>
    public ChannelName PlayerChannel(PlayerId player) => ChannelName.Player(Options.Workspace, player);

    /// <summary>Gets the subscribe URI of a channel, the channel name escaped.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The URI, e.g. <c>http://127.0.0.1:50123/subscribe?channel=ws_user_a%40b.com</c>.</returns>
    public Uri GetChannelUri(ChannelName channel) =>
        new(SubscribeUri + "?" + SubscribeEndpoint.ChannelParameter + "=" + Uri.EscapeDataString(channel.RawValue));

    /// <summary>Gets the current jackpots of a group.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="group">The group.</param>
    /// <returns>The jackpots, in a fixed order.</returns>
    /// <exception cref="ArgumentException">An id is <see langword="default"/>.</exception>
    public IReadOnlyList<SimulatedJackpot> GetJackpots(WorkspaceId workspace, JackpotGroupId group) =>
        _directory.GetEngine(ChannelName.Broadcast(workspace, group)).Snapshot();

    /// <summary>Gets the current jackpots of the group of <see cref="BroadcastChannel"/>.</summary>
    /// <returns>The jackpots, in a fixed order.</returns>
    public IReadOnlyList<SimulatedJackpot> GetJackpots() => GetJackpots(Options.Workspace, Options.Group);

    /// <summary>Makes a player of <see cref="PushEventSimulatorOptions.Workspace"/> win a jackpot of <see cref="PushEventSimulatorOptions.Group"/> now.</summary>
    /// <param name="player">The winner.</param>
    /// <param name="jackpot">The jackpot; <see langword="null"/> for the group's first jackpot.</param>
    /// <returns>What was won and the ids of the two events.</returns>
    /// <exception cref="ArgumentException"><paramref name="player"/> is <see langword="default"/> or <paramref name="jackpot"/> is not in the group.</exception>
    public SimulatedWin MakePlayerWin(PlayerId player, JackpotId? jackpot = null) =>
        MakePlayerWin(Options.Workspace, Options.Group, player, jackpot);

    /// <summary>Makes a player win a jackpot of a group now.</summary>
    /// <param name="workspace">The workspace of the group and the player.</param>
    /// <param name="group">The group.</param>
    /// <param name="player">The winner.</param>
    /// <param name="jackpot">The jackpot; <see langword="null"/> for the group's first jackpot.</param>
    /// <returns>What was won and the ids of the two events.</returns>
    /// <remarks>
    /// <c>jackpot_won</c> is published on the player's channel, then <c>jackpot_won_other</c> with the same instances on the
    /// broadcast channel; both are kept for replay even when nobody is connected. The jackpot restarts at its seed amount.
    /// </remarks>
    /// <exception cref="ArgumentException">An id is <see langword="default"/> or <paramref name="jackpot"/> is not in the group.</exception>
    /// <exception cref="ObjectDisposedException">The simulator has stopped.</exception>
    public SimulatedWin MakePlayerWin(WorkspaceId workspace, JackpotGroupId group, PlayerId player, JackpotId? jackpot = null)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        _ = ChannelName.Player(workspace, player);
        return _directory.GetEngine(ChannelName.Broadcast(workspace, group)).MakeWin(player, jackpot);
    }

    /// <summary>Drops every open stream now, the way <see cref="SimulatorFaults.DropKind"/> says.</summary>
    /// <returns>The number of streams dropped.</returns>
    public int DropConnections() => _connections.Drop(Faults.DropKind);

    /// <summary>Drops the open streams of one channel now, the way <see cref="SimulatorFaults.DropKind"/> says.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The number of streams dropped.</returns>
    /// <remarks>With <see cref="SimulatorFaults.RejectChannel"/> first, this is a credential revoked in the middle of a
    /// healthy stream: the client's reconnect is answered with 401.</remarks>
    public int DropConnections(ChannelName channel) => _connections.Drop(Faults.DropKind, channel);

    /// <summary>Waits until exactly <paramref name="count"/> streams are open.</summary>
    /// <param name="count">The number of open streams to wait for.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when <see cref="OpenConnections"/> is <paramref name="count"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task WaitForOpenConnectionsAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return _connections.WaitForCountAsync(open => open == count, cancellationToken);
    }

    /// <summary>Closes the listener, as a restarting server does: every open stream ends and new connections are refused
    /// until <see cref="StartListenerAsync"/>. The channels carry on meanwhile — ids, replay history and jackpots — so a
    /// client that comes back with <c>Last-Event-ID</c> loses nothing that the history still holds.</summary>
    /// <param name="cancellationToken">Cuts short the wait for requests to finish.</param>
    /// <returns>A task that completes when the listener is closed and its port released.</returns>
    /// <exception cref="ObjectDisposedException">The simulator has stopped.</exception>
    public async Task StopListenerAsync(CancellationToken cancellationToken = default)
    {
        WebApplication? app;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopTask is not null, this);
            app = _app;
            _app = null;
        }

        if (app is not null)
        {
            try
            {
                await app.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Opens a new listener on the addresses the simulator was bound to (the same ports) after
    /// <see cref="StopListenerAsync"/>; does nothing when it is listening.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the new listener accepts connections.</returns>
    /// <exception cref="IOException">A port cannot be bound again (another process took it).</exception>
    /// <exception cref="ObjectDisposedException">The simulator has stopped.</exception>
    public async Task StartListenerAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopTask is not null, this);
            if (_app is not null)
            {
                return;
            }
        }

        var app = SimulatorApplication.Build(Options, _boundUrls, _endpoint, _consoleLogging, _transportConnections, ServerCertificate);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        bool started = false;
        lock (_gate)
        {
            if (_app is null && _stopTask is null)
            {
                _app = app;
                started = true;
            }
        }

        if (!started)
        {
            // Lost a race with another start, or with StopAsync: this listener is not needed.
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends every stream and stops the server. Calling it again returns the same task.</summary>
    /// <param name="cancellationToken">Cuts short the wait for requests to finish.</param>
    /// <returns>A task that completes when the server has stopped and <see cref="OpenConnections"/> is 0.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _stopTask ??= StopCoreAsync(cancellationToken);
        }
    }

    /// <summary>Stops the simulator (see <see cref="StopAsync"/>) and releases its resources.</summary>
    /// <returns>A task that completes when the simulator has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        WebApplication? app;
        lock (_gate)
        {
            app = _app;
            _app = null;
        }

        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        ServerCertificate?.Dispose();
    }

    internal static async Task<PushEventSimulator> StartCoreAsync(PushEventSimulatorOptions options, bool consoleLogging, CancellationToken cancellationToken)
    {
        var simulator = new PushEventSimulator(options, consoleLogging);
        try
        {
            await simulator._app!.StartAsync(cancellationToken).ConfigureAwait(false);
            simulator.ResolveAddresses();
            simulator.Faults.DropScheduleChanged += simulator.RescheduleDrops;
            simulator.RescheduleDrops();
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void ResolveAddresses()
    {
        var addresses = _app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        string address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        _boundUrls = [.. addresses];
        var builder = new UriBuilder(address);
        if (builder.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            builder.Host = "127.0.0.1";
        }

        builder.Path = "/";
        BaseAddress = builder.Uri;
        SubscribeUri = new Uri(BaseAddress, SubscribeEndpoint.SubscribePath);
        RedirectUri = new Uri(BaseAddress, SubscribeEndpoint.RedirectPath);
    }

    private void RescheduleDrops()
    {
        lock (_gate)
        {
            _dropTimer?.Dispose();
            _dropTimer = null;
            if (_stopTask is null && Faults.DropConnectionsEvery is { } period)
            {
                _dropTimer = Options.TimeProvider.CreateTimer(
                    static state => ((PushEventSimulator)state!).DropConnections(), this, period, period);
            }
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        _dropTimer?.Dispose();
        Faults.DropScheduleChanged -= RescheduleDrops;
        Faults.StopTimers();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            WebApplication? app;
            lock (_gate)
            {
                app = _app;
            }

            if (app is not null)
            {
                await app.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _directory.Dispose();
        }
    }
}
