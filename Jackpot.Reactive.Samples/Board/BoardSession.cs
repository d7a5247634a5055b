using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// One run of the board: the operator pipeline over a source of channels (<see cref="IJackpotChannels"/>: a
/// <see cref="JackpotPushClient"/>, or a cluster's <c>JackpotClusterChannels</c> with <c>--cluster</c>) and the single
/// event loop every view call happens on.
/// </summary>
/// <remarks>
/// <para>
/// The pipeline is the library's public API only: <see cref="IJackpotChannels.Broadcast"/> and
/// <see cref="IJackpotChannels.Player"/> merged with <c>MergePlayerWins</c> (the player's win is told once, as theirs),
/// <c>ThrottleValues</c> (at most one update per jackpot per second), then observed on the loop and shared: <c>ToBoard</c>
/// for the rows, <c>Tween</c> for the counting meters, <c>Wins</c> for toasts and celebrations, and
/// <see cref="IJackpotChannels.Status"/> for the status line.
/// </para>
/// <para>A terminal channel failure ends the run with exit code 2; <see cref="DisposeAsync"/> closes the pipeline and the
/// loop (the channels are the caller's).</para>
/// </remarks>
internal sealed class BoardSession : IAsyncDisposable
{
    private static readonly TimeSpan ReconcileWindow = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ValueInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TweenDuration = TimeSpan.FromMilliseconds(900);

    private readonly BoardOptions _options;
    private readonly IBoardView _view;
    private readonly TextWriter _errors;
    private readonly PlayerIdRedactor _redactor;
    private readonly EventLoopScheduler _loop = new(start => new Thread(start) { Name = "jackpot-board", IsBackground = true });
    private readonly CompositeDisposable _subscriptions = [];
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IJackpotChannels _client;

    public BoardSession(BoardOptions options, IJackpotChannels channels, IBoardView view, TextWriter errors)
    {
        _options = options;
        _view = view;
        _errors = errors;
        _redactor = new PlayerIdRedactor(options.Player);
        _client = channels;
    }

    /// <summary>Gets the exit code once the run has ended: 0 when stopped, 2 when a channel failed for good.</summary>
    public Task<int> Completion => _completion.Task;

    /// <summary>Gets the loop every view call runs on; also the clock of the view.</summary>
    public IScheduler Loop => _loop;

    /// <summary>Subscribes the pipeline and starts the frames.</summary>
    public void Start(string source)
    {
        _loop.Schedule(() => _view.OnStarted(source, _loop.Now));
        var statuses = _client.Status(ChannelName.Broadcast(_client.Workspace, _options.Group)).Select(status => (Label: "broadcast", Status: status));
        var playerEvents = Observable.Never<JackpotEvent>();
        if (_options.Player is { } player)
        {
            playerEvents = _client.Player(player);
            statuses = statuses.Merge(_client.Status(ChannelName.Player(_client.Workspace, player)).Select(status => (Label: "player", Status: status)));
        }

        _subscriptions.Add(statuses
            .Where(change => change.Status.State != ChannelState.Closed)
            .ObserveOn(_loop)
            .Subscribe(change => _view.OnStatus(change.Label, change.Status, _loop.Now)));

        var events = _client.Broadcast(_options.Group)
            .MergePlayerWins(playerEvents, ReconcileWindow)
            .ThrottleValues(ValueInterval)
            .ObserveOn(_loop)
            .Publish();
        _subscriptions.Add(events.ToBoard().Subscribe(board => _view.OnBoard(board, _loop.Now), OnFailed));
        _subscriptions.Add(events.Wins().Subscribe(win => _view.OnWin(win, _loop.Now), static _ => { }));
        if (_view.FrameInterval is { } frame)
        {
            _subscriptions.Add(events.Tween(frame, TweenDuration, _loop).Subscribe(_view.OnMeter, static _ => { }));
            _subscriptions.Add(Observable.Interval(frame, _loop).Subscribe(_ => _view.OnFrame(_loop.Now)));
        }

        _subscriptions.Add(events.Connect());
    }

    /// <summary>Adds work that is stopped with the session (for example the simulated player's wins).</summary>
    public void Add(IDisposable resource) => _subscriptions.Add(resource);

    /// <summary>Ends the run with exit code 0 (duration elapsed, Ctrl+C).</summary>
    public void Stop() => _completion.TrySetResult(0);

    /// <summary>Stops the pipeline, lets the view show its last frame, and closes the connections and the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop();
        _subscriptions.Dispose();

        // The last call on the loop: after it the view writes nothing more.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop.Schedule(() =>
        {
            try
            {
                _view.OnStopped(_loop.Now);
            }
            finally
            {
                stopped.TrySetResult();
            }
        });
        await stopped.Task.ConfigureAwait(false);
        _loop.Dispose();
    }

    private void OnFailed(Exception error)
    {
        _errors.WriteLine(_redactor.Redact($"error: the board stopped: {error.Message}"));
        _errors.Flush();
        _completion.TrySetResult(2);
    }
}
