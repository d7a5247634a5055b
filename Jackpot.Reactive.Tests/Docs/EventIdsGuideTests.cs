using System.Reactive.Linq;
using System.Reactive.Subjects;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Docs;

/// <summary>docs/event-ids.md: its example is code of this class (checked line by line), run against the in-process
/// simulator over loopback, with a replay of the same win (as after a reconnect or a failover) credited once.</summary>
public sealed class EventIdsGuideTests
{
    [Fact]
    public void Guide_EveryExample_IsCodeOfThisClass()
    {
        string root = Packaging.RepositoryRoot.Find();
        string code = MarkdownExamples.Join(File.ReadAllText(Path.Combine(root, "Jackpot.Reactive.Tests", "Docs", "EventIdsGuideTests.cs")));
        var examples = MarkdownExamples.CSharpBlocks(File.ReadAllText(Path.Combine(root, "docs", "event-ids.md")));

        examples.Should().NotBeEmpty();
        examples.Should().OnlyContain(example => code.Contains(example, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreditWins_EachWinDeliveredTwice_CreditedOnceUnderItsEventId()
    {
        await using var simulator = await PushEventSimulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var client = new JackpotPushClient(new JackpotPushClientOptions { Endpoint = simulator.SubscribeUri, Workspace = simulator.Options.Workspace });
        var player = new PlayerId("player-with-wins");
        var ledger = new Ledger();
        var replay = new Subject<JackpotEvent>();
        var delivered = new List<JackpotEvent>();

        // Every win reaches the creditor twice: live, then again (as a service's replay after a reconnect would).
        var channel = client.Player(player).Do(e => { lock (delivered) { delivered.Add(e); } }).Publish().RefCount();
        using var twice = channel.Subscribe(replay.OnNext);
        using var crediting = CreditWins(channel.Merge(replay), player, ledger, new HashSet<string>());
        var open = client.Status(ChannelName.Player(simulator.Options.Workspace, player)).FirstAsync(s => s.State == ChannelState.Open);
        await open.Timeout(TimeSpan.FromSeconds(30));

        simulator.MakePlayerWin(player);
        simulator.MakePlayerWin(player);
        await Observable.Interval(TimeSpan.FromMilliseconds(20)).FirstAsync(_ => ledger.Count == 2).Timeout(TimeSpan.FromSeconds(30));

        delivered.Should().HaveCount(2).And.OnlyContain(e => e.EventId != null);
        ledger.Entries.Select(e => e.Reference).Should().BeEquivalentTo(delivered.Select(e => e.EventId), "each win credited once, under its event id");
    }

    // event-ids.md: begin
    static IDisposable CreditWins(IObservable<JackpotEvent> playerChannel, PlayerId player, ILedger ledger, HashSet<string> credited) =>
        playerChannel.OfType<JackpotWon>().Subscribe(win =>
        {
            // The SSE id names the win for good: a replay after a reconnect or a failover carries the same id.
            if (win.EventId is { } id && credited.Add(id))   // in production: a unique key in the ledger's own store
            {
                ledger.Credit(player, win.Amount, win.Currency, reference: id);
            }
        });
    // event-ids.md: end

    internal interface ILedger
    {
        void Credit(PlayerId player, decimal amount, string currency, string reference);
    }

    private sealed class Ledger : ILedger
    {
        private readonly List<(PlayerId Player, decimal Amount, string Reference)> _entries = [];

        public int Count
        {
            get
            {
                lock (_entries)
                {
                    return _entries.Count;
                }
            }
        }

        public IReadOnlyList<(PlayerId Player, decimal Amount, string Reference)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public void Credit(PlayerId player, decimal amount, string currency, string reference)
        {
            lock (_entries)
            {
                _entries.Add((player, amount, reference));
            }
        }
    }
}
