using System.Collections.Immutable;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// Per-event cost of the jackpot operators against what a user would compose from Rx.NET. Pre-built events from four
/// jackpots go through a <see cref="Subject{T}"/>; the timers run on a <see cref="HistoricalScheduler"/> that does not
/// fire during the run. "Run" benchmarks build a fresh pipeline per invocation and advance virtual time at the end, so
/// subscription and timer costs are included; "Steady" benchmarks push value updates of the current instances into a
/// subscription made once, which is the steady state of a long-lived stream.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OperatorBenchmarks
{
    private const int EventCount = 10_000;
    private const int JackpotCount = 4;
    private const int EventsPerWin = 1_000;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private JackpotEvent[] _values = [];
    private JackpotEvent[] _valuesAndWins = [];
    private readonly Subject<JackpotEvent> _steadyThrottleValues = new();
    private readonly Subject<JackpotEvent> _steadyGroupBySample = new();
    private readonly Subject<JackpotEvent> _steadyDetectInstanceChanges = new();
    private readonly Subject<JackpotEvent> _steadyNaiveInstanceChanges = new();
    private readonly List<IDisposable> _steadySubscriptions = [];
    private int _received;

    [GlobalSetup]
    public void Setup()
    {
        var channel = ChannelName.Parse("8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15");
        var jackpots = Enumerable.Range(0, JackpotCount).Select(i => new JackpotId($"jp{i}")).ToArray();
        _values = new JackpotEvent[EventCount];
        _valuesAndWins = new JackpotEvent[EventCount];
        var ordinals = new int[JackpotCount];
        for (int i = 0; i < EventCount; i++)
        {
            int j = i % JackpotCount;
            var jackpot = jackpots[j];
            _values[i] = Value(jackpot, 1, i);
            if (i % EventsPerWin == EventsPerWin - 1)
            {
                var won = Instance(jackpot, ordinals[j]);
                var next = Instance(jackpot, ++ordinals[j]);
                _valuesAndWins[i] = new JackpotWonByOther(jackpot, won, channel, "EUR", i, "0", next);
            }
            else
            {
                _valuesAndWins[i] = Value(jackpot, ordinals[j], i);
            }
        }

        var scheduler = new HistoricalScheduler();
        _steadySubscriptions.Add(_steadyThrottleValues.ThrottleValues(Interval, scheduler).Subscribe(_ => _received++));
        _steadySubscriptions.Add(GroupBySample(_steadyGroupBySample, scheduler).Subscribe(_ => _received++));
        _steadySubscriptions.Add(_steadyDetectInstanceChanges.DetectInstanceChanges().Subscribe(_ => _received++));
        _steadySubscriptions.Add(NaiveInstanceChanges(_steadyNaiveInstanceChanges).Subscribe(_ => _received++));

        JackpotValueUpdated Value(JackpotId jackpot, int ordinal, int amount) =>
            new(jackpot, Instance(jackpot, ordinal), channel, "EUR", amount, "0");
    }

    [GlobalCleanup]
    public void Cleanup() => _steadySubscriptions.ForEach(subscription => subscription.Dispose());

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Throttle run")]
    public int RxGroupBySample() => Run(_values, GroupBySample);

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Throttle run")]
    public int RxGroupByThrottle() =>
        Run(_values, static (source, scheduler) => source.GroupBy(e => e.Jackpot).SelectMany(g => g.Throttle(Interval, scheduler)));

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Throttle run")]
    public int ThrottleValues() => Run(_values, static (source, scheduler) => source.ThrottleValues(Interval, scheduler));

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Throttle steady")]
    public int SteadyRxGroupBySample() => Push(_steadyGroupBySample);

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Throttle steady")]
    public int SteadyThrottleValues() => Push(_steadyThrottleValues);

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Instance changes run")]
    public int NaiveScanInstanceChanges() => Run(_valuesAndWins, static (source, _) => NaiveInstanceChanges(source));

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Instance changes run")]
    public int DetectInstanceChanges() => Run(_valuesAndWins, static (source, _) => source.DetectInstanceChanges());

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Instance changes steady")]
    public int SteadyNaiveScanInstanceChanges() => Push(_steadyNaiveInstanceChanges);

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Instance changes steady")]
    public int SteadyDetectInstanceChanges() => Push(_steadyDetectInstanceChanges);

    private static JackpotInstanceId Instance(JackpotId jackpot, int ordinal) => new($"{jackpot.Value}_{ordinal}");

    private static IObservable<JackpotEvent> GroupBySample(IObservable<JackpotEvent> source, IScheduler scheduler) =>
        source.GroupBy(e => e.Jackpot).SelectMany(g => g.Sample(Interval, scheduler));

    /// <summary>What a user would write by hand: a Scan over an immutable map of current instances.</summary>
    private static IObservable<JackpotInstanceChange> NaiveInstanceChanges(IObservable<JackpotEvent> source) =>
        source
            .Scan(
                (Current: ImmutableDictionary<JackpotId, JackpotInstanceId>.Empty, Change: (JackpotInstanceChange?)null),
                static (state, jackpotEvent) =>
                {
                    (JackpotInstanceId Next, InstanceChangeCause Cause)? seen = jackpotEvent switch
                    {
                        JackpotValueUpdated value => (value.Instance, InstanceChangeCause.Observed),
                        JackpotWon won => (won.NewInstance, InstanceChangeCause.WonByPlayer),
                        JackpotWonByOther wonByOther => (wonByOther.NewInstance, InstanceChangeCause.WonByOther),
                        _ => null,
                    };
                    if (seen is not { } next)
                    {
                        return (state.Current, null);
                    }

                    bool known = state.Current.TryGetValue(jackpotEvent.Jackpot, out var current);
                    if (known && current == next.Next)
                    {
                        return (state.Current, null);
                    }

                    var change = new JackpotInstanceChange(
                        jackpotEvent.Jackpot,
                        known ? current : null,
                        next.Next,
                        known ? next.Cause : InstanceChangeCause.Initial,
                        jackpotEvent);
                    return (state.Current.SetItem(jackpotEvent.Jackpot, next.Next), change);
                })
            .Where(static state => state.Change is not null)
            .Select(static state => state.Change!);

    private int Push(Subject<JackpotEvent> subject)
    {
        foreach (var jackpotEvent in _values)
        {
            subject.OnNext(jackpotEvent);
        }

        return _received;
    }

    private static int Run<T>(JackpotEvent[] events, Func<IObservable<JackpotEvent>, IScheduler, IObservable<T>> pipeline)
    {
        var scheduler = new HistoricalScheduler();
        var subject = new Subject<JackpotEvent>();
        int received = 0;
        using (pipeline(subject, scheduler).Subscribe(_ => received++))
        {
            foreach (var jackpotEvent in events)
            {
                subject.OnNext(jackpotEvent);
            }

            scheduler.AdvanceBy(Interval + Interval);
        }

        return received;
    }
}
