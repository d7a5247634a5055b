using System.Reactive;

namespace Jackpot.Reactive.Testing;

/// <summary>What an observable under test is expected to do; created by <see cref="MarbleTest.ExpectObservable{T}"/>.</summary>
/// <typeparam name="T">The type of the values.</typeparam>
public sealed class ObservableExpectation<T> : IMarbleExpectation
{
    private readonly MarbleTest _test;
    private readonly List<(long Ticks, Notification<T> Notification)> _actual = [];
    private string? _marbles;
    private List<(long Frame, Notification<T> Notification, char Symbol)>? _expected;
    private IReadOnlyDictionary<char, T>? _values;
    private IEqualityComparer<T> _comparer = EqualityComparer<T>.Default;

    internal ObservableExpectation(MarbleTest test, IDisposable subscription)
    {
        _test = test;
        Recorder = Observer.Create<T>(
            value => Record(Notification.CreateOnNext(value)),
            error =>
            {
                Record(Notification.CreateOnError<T>(error));
                subscription.Dispose();
            },
            () =>
            {
                Record(Notification.CreateOnCompleted<T>());
                subscription.Dispose();
            });
    }

    internal IObserver<T> Recorder { get; }

    /// <summary>States the expected notifications, checked at <see cref="MarbleTest.Flush"/>.</summary>
    /// <param name="marbles">The expected marbles, frames counted from time zero (not from the subscription);
    /// <c>^</c> is not allowed.</param>
    /// <param name="values">The value of each symbol; when null, symbols stand for themselves (char or string only).</param>
    /// <param name="error">The expected error of <c>#</c>; a <see cref="MarbleErrorException"/> when null. Errors match
    /// when they are of the same type with the same message.</param>
    /// <param name="comparer">Compares values; <see cref="EqualityComparer{T}.Default"/> (record equality) when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is null.</exception>
    /// <exception cref="FormatException">The marbles are invalid; the message gives the position.</exception>
    /// <exception cref="ArgumentException">A symbol has no value.</exception>
    /// <exception cref="InvalidOperationException"><see cref="ToBe"/> was already called.</exception>
    public void ToBe(
        string marbles,
        IReadOnlyDictionary<char, T>? values = null,
        Exception? error = null,
        IEqualityComparer<T>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        if (_expected is not null)
        {
            throw new InvalidOperationException("ToBe was already called on this expectation.");
        }

        error ??= new MarbleErrorException();
        _expected = MarbleParser.ParseObservable(marbles, _test.FrameTicks, allowZeroMarker: false)
            .Select(e => (e.Frame, MarbleValues.ToNotification(e, marbles, values, error), e.Symbol))
            .ToList();
        _marbles = marbles;
        _values = values;
        _comparer = comparer ?? EqualityComparer<T>.Default;
    }

    string? IMarbleExpectation.Check()
    {
        if (_expected is null)
        {
            throw new InvalidOperationException("ExpectObservable was called without ToBe.");
        }

        var actual = _actual.Select(a => (Frame: _test.FrameOf(a.Ticks), a.Notification)).ToList();
        bool same = actual.Count == _expected.Count
            && actual.Zip(_expected).All(p => p.First.Frame == p.Second.Frame && Matches(p.Second.Notification, p.First.Notification));
        return same ? null : Describe(actual);
    }

    private void Record(Notification<T> notification) => _actual.Add((_test.Scheduler.Clock, notification));

    private bool Matches(Notification<T> expected, Notification<T> actual) => (expected.Kind, actual.Kind) switch
    {
        (NotificationKind.OnNext, NotificationKind.OnNext) => _comparer.Equals(expected.Value, actual.Value),
        (NotificationKind.OnError, NotificationKind.OnError) => MarbleValues.ErrorsMatch(expected.Exception!, actual.Exception!),
        (NotificationKind.OnCompleted, NotificationKind.OnCompleted) => true,
        _ => false,
    };

    private string Describe(List<(long Frame, Notification<T> Notification)> actual)
    {
        var actualSymbols = new ActualSymbols<T>(_values, _comparer, _expected!.Select(e => e.Symbol))
            .Assign(actual.Select(a => a.Notification).ToList());
        var expectedByFrame = _expected!.GroupBy(e => e.Frame).ToDictionary(g => g.Key, g => g.ToList());
        var actualByFrame = actual.Select((a, i) => (a.Frame, a.Notification, Symbol: actualSymbols[i]))
            .GroupBy(a => a.Frame)
            .ToDictionary(g => g.Key, g => g.ToList());
        var differing = expectedByFrame.Keys.Union(actualByFrame.Keys)
            .Where(f => !FrameMatches(expectedByFrame.GetValueOrDefault(f), actualByFrame.GetValueOrDefault(f)))
            .Order()
            .ToList();

        var lines = MarbleDiagram.Render(
            [ToLine(expectedByFrame), ToLine(actualByFrame)],
            _test.FrameTicks,
            out var columns);
        var message = new List<string>
        {
            $"ExpectObservable: the observable did not match \"{_marbles}\" (one frame = {MarbleTime.Format(_test.FrameTicks)}).",
            "expected: " + lines[0],
            "actual:   " + lines[1],
            "          " + MarbleDiagram.Carets(differing, columns),
        };
        var inDifference = differing
            .SelectMany(f => expectedByFrame.GetValueOrDefault(f, []).Concat(actualByFrame.GetValueOrDefault(f, [])))
            .ToList();
        message.AddRange(MarbleLegend.Describe(
            inDifference.Where(n => n.Notification.Kind == NotificationKind.OnNext).Select(n => (n.Symbol, (object?)n.Notification.Value)),
            _expected!.Where(e => e.Notification.Kind == NotificationKind.OnError).Select(e => e.Notification.Exception!).FirstOrDefault(),
            actual.Where(a => a.Notification.Kind == NotificationKind.OnError).Select(a => a.Notification.Exception!).FirstOrDefault(),
            inDifference.Any(n => n.Notification.Kind == NotificationKind.OnError)));
        return string.Join("\n", message.Select(l => l.TrimEnd()));
    }

    private bool FrameMatches(
        List<(long Frame, Notification<T> Notification, char Symbol)>? expected,
        List<(long Frame, Notification<T> Notification, char Symbol)>? actual) =>
        expected is not null && actual is not null && expected.Count == actual.Count
        && expected.Zip(actual).All(p => Matches(p.First.Notification, p.Second.Notification));

    private static MarbleDiagramLine ToLine(Dictionary<long, List<(long Frame, Notification<T> Notification, char Symbol)>> byFrame)
    {
        var cells = byFrame.ToDictionary(p => p.Key, p => MarbleDiagram.Cell(p.Value.Select(n => n.Symbol).ToList()));
        long? last = byFrame.Values.SelectMany(v => v).Where(n => n.Notification.Kind != NotificationKind.OnNext)
            .Select(n => (long?)n.Frame).FirstOrDefault();
        return new MarbleDiagramLine(cells, last);
    }
}
