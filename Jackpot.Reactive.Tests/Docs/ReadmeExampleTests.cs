using System.Reactive.Linq;
using Jackpot.Reactive.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jackpot.Reactive.Tests.Docs;

/// <summary>The README's example, verbatim between the markers, run against the in-process simulator.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task QuickStart_AgainstSimulator_ShowsABoard()
    {
        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(50) },
            TestContext.Current.CancellationToken);
        var output = new StringWriter();
        var endpoint = simulator.SubscribeUri;
        var workspace = simulator.Options.Workspace;
        var group = simulator.Options.Group;
        var player = new PlayerId("a@b.com");

        // README: begin
        await using var client = new JackpotPushClient(new JackpotPushClientOptions
        {
            Endpoint = endpoint,              // default: https://push-events.flows.world/subscribe
            Workspace = workspace,
        });

        IObservable<JackpotBoard> boards = client.Broadcast(group)
            .MergePlayerWins(client.Player(player), TimeSpan.FromSeconds(2)) // a player's win, reported once
            .ThrottleValues(TimeSpan.FromMilliseconds(250))                  // at most 4 updates/s per jackpot
            .ToBoard();                                                      // immutable snapshots for the UI

        JackpotBoard board = await boards.FirstAsync(b => b.Count == 3).Timeout(TimeSpan.FromSeconds(10));
        foreach (var (jackpot, entry) in board.Entries)
        {
            output.WriteLine($"{jackpot}: {entry.Amount:N2} {entry.Currency} ({entry.Instance})");
        }
        // README: end

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3).And.OnlyContain(line => line.Contains(" EUR ("));
    }

    [Fact]
    public void ParsingAndAddressing_AsInTheReadme()
    {
        // README: begin
        JackpotEvent e = JackpotEvent.Parse("""{"reason":"jackpot_value","jackpotInstance":"3XiLXZkU_5","jackpot":"3XiLXZkU","channel":"8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15","currency":"EUR","value":"372.2"}""");
        ChannelName channel = ChannelName.Player(new WorkspaceId("8mQhEnuznUe01IsGOE4mPw"), new PlayerId("a@b.com"));
        Uri uri = JackpotPushEndpoint.BuildSubscribeUri(channel);   // …/subscribe?channel=8mQhEnuznUe01IsGOE4mPw_user_a%40b.com
        // README: end

        e.Should().BeOfType<JackpotValueUpdated>().Which.Amount.Should().Be(372.2m);
        uri.AbsoluteUri.Should().Be("https://push-events.flows.world/subscribe?channel=8mQhEnuznUe01IsGOE4mPw_user_a%40b.com");
        channel.ToString().Should().Be("8mQhEnuznUe01IsGOE4mPw_user_a@***");
    }

    [Fact]
    public async Task DependencyInjection_AsInTheReadme_ResolvesAWorkingClient()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(50) }, cancellation);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JackpotPush:Endpoint"] = simulator.SubscribeUri.ToString(),
            ["JackpotPush:Workspace"] = simulator.Options.Workspace.Value,
        });
        var group = simulator.Options.Group;

        // README: begin
        builder.Services.AddJackpotPushClient(builder.Configuration);   // binds "JackpotPush", validated at start-up
        using var host = builder.Build();
        await host.StartAsync(cancellation);

        var client = host.Services.GetRequiredService<JackpotPushClient>();
        JackpotEvent first = await client.Broadcast(group).FirstAsync().Timeout(TimeSpan.FromSeconds(10));
        // README: end

        first.Should().BeOfType<JackpotValueUpdated>();
        await host.StopAsync(cancellation);
    }

    [Fact]
    public async Task ObserveOnUiThread_AsInTheReadme_DeliversOnTheContextsThread()
    {
        using var uiThread = new SingleThreadSynchronizationContext();
        var source = new System.Reactive.Subjects.Subject<JackpotEvent>();
        var delivered = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        SynchronizationContext uiContext = uiThread;

        // README: begin
        // WPF, WinForms, Avalonia, MAUI: capture the UI thread's context once, on the UI thread
        IDisposable subscription = source
            .ThrottleValues(TimeSpan.FromMilliseconds(250))
            .ObserveOn(uiContext)                 // every OnNext below runs on the UI thread
            .Subscribe(e => delivered.TrySetResult(Environment.CurrentManagedThreadId));
        // README: end

        source.OnNext(new JackpotValueUpdated(new JackpotId("J1"), new JackpotInstanceId("J1_1"), default, "EUR", 1m, "1.00"));
        int threadId = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        subscription.Dispose();

        threadId.Should().Be(uiThread.ThreadId);
    }

    [Fact]
    public async Task ViewModel_AsInTheReadme_UpdatesTheBoardOnTheUiThread()
    {
        using var uiThread = new SingleThreadSynchronizationContext();
        var boards = new System.Reactive.Subjects.Subject<JackpotBoard>();
        var changedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var created = new TaskCompletionSource<BoardViewModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        uiThread.Post(_ =>
        {
            SynchronizationContext.SetSynchronizationContext(uiThread);
            var viewModel = new BoardViewModel(boards);
            viewModel.PropertyChanged += (_, _) => changedOn.TrySetResult(Environment.CurrentManagedThreadId);
            created.SetResult(viewModel);
        }, null);
        using var viewModel = await created.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var board = JackpotBoard.Empty;
        boards.OnNext(board);
        int threadId = await changedOn.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        threadId.Should().Be(uiThread.ThreadId);
        viewModel.Board.Should().BeSameAs(board);
        viewModel.Dispose();
        boards.HasObservers.Should().BeFalse();
    }

    // README: begin
    // WPF, WinForms, Avalonia, MAUI: a view model created on the UI thread
    public sealed class BoardViewModel : System.ComponentModel.INotifyPropertyChanged, IDisposable
    {
        private readonly IDisposable _subscription;
        private JackpotBoard _board = JackpotBoard.Empty;

        public BoardViewModel(IObservable<JackpotBoard> boards) =>
            _subscription = boards
                .ObserveOn(SynchronizationContext.Current!)   // captured here, on the UI thread: updates run there
                .Subscribe(board => Board = board);

        public event System.ComponentModel.PropertyChangedEventHandler? PropertyChanged;

        public JackpotBoard Board
        {
            get => _board;
            private set
            {
                _board = value;
                PropertyChanged?.Invoke(this, new(nameof(Board)));
            }
        }

        public void Dispose() => _subscription.Dispose();      // with the view: the channel closes after its linger
    }
    // README: end

    /// <summary>A UI-like context: one thread that runs what is posted to it, in order.</summary>
    private sealed class SingleThreadSynchronizationContext : SynchronizationContext, IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];
        private readonly Thread _thread;

        public SingleThreadSynchronizationContext()
        {
            _thread = new Thread(() =>
            {
                foreach (var (callback, state) in _queue.GetConsumingEnumerable())
                {
                    callback(state);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public int ThreadId => _thread.ManagedThreadId;

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public void Dispose()
        {
            _queue.CompleteAdding();
            _thread.Join();
            _queue.Dispose();
        }
    }
}
