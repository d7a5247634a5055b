using System.Reactive;

namespace Jackpot.Reactive.Testing;

/// <summary>What an observable under test is expected to do; created by <see cref="MarbleTest.ExpectObservable{T}"/>.</summary>
/// <typeparam name="T">The type of the values.</typeparam>
public sealed class ObservableExpectation<T> : IMarbleExpectation
{
    private readonly MarbleTest _test;
    private readonly List<(long Ticks, Notification<T> Notification)> _actual = [];
    private string? _marbles;
    private ParsedMarbles? _parsed;
    private List<Expected>? _expected;
    private IReadOnlyDictionary<char, T>? _values;
    private MarbleError _error = MarbleError.Any;
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

    string IMarbleExpectation.Summary => _marbles is null ? "ExpectObservable(…) without ToBe" : $"ExpectObservable(…).ToBe(\"{_marbles}\")";

    /// <summary>States the expected notifications, checked at <see cref="MarbleTest.Flush"/>.</summary>
    /// <param name="marbles">The expected marbles, frames counted from time zero (not from the subscription);
    /// <c>^</c> is not allowed.</param>
    /// <param name="values">The value of each symbol; when null, symbols stand for themselves (char or string only).</param>
    /// <param name="error">What the error of <c>#</c> must be: <see cref="MarbleError.Any"/> when null (any error
    /// matches); an <see cref="Exception"/> converts to <see cref="MarbleError.Like"/> (same type and message); see
    /// <see cref="MarbleError.OfType{TException}()"/> and <see cref="MarbleError.Matching"/> for types and predicates.</param>
    /// <param name="comparer">Compares values; <see cref="EqualityComparer{T}.Default"/> (record equality) when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is null.</exception>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid; the message gives the position.</exception>
    /// <exception cref="ArgumentException">A symbol has no value.</exception>
    /// <exception cref="InvalidOperationException"><see cref="ToBe"/> was already called.</exception>
    public void ToBe(
        string marbles,
        IReadOnlyDictionary<char, T>? values = null,
        MarbleError? error = null,
        IEqualityComparer<T>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        if (_expected is not null)
        {
            throw new InvalidOperationException("ToBe was already called on this expectation.");
        }

        var parsed = MarbleParser.Parse(marbles, _test.Syntax, allowZeroMarker: false);
        var placeholder = new MarbleErrorException();
        _expected = parsed.Entries
            .Select(e => new Expected(e.Frame, MarbleValues.ToNotification(e, marbles, values, placeholder), e.Symbol))
            .ToList();
        _parsed = parsed;
        _marbles = marbles;
        _values = values;
        _error = error ?? MarbleError.Any;
        _comparer = comparer ?? EqualityComparer<T>.Default;
    }

    string? IMarbleExpectation.Check()
    {
        if (_expected is null)
        {
            throw new InvalidOperationException("ExpectObservable was called without ToBe.");
        }

        var actual = _actual.Select(a => new Expected(_test.FrameOf(a.Ticks), a.Notification, '\0')).ToList();
        bool same = actual.Count == _expected.Count
            && actual.Zip(_expected).All(p => p.First.Frame == p.Second.Frame && Matches(p.Second.Notification, p.First.Notification));
        return same ? null : Describe(actual);
    }

    private void Record(Notification<T> notification) => _actual.Add((_test.Scheduler.Clock, notification));

    private bool Matches(Notification<T> expected, Notification<T> actual) => (expected.Kind, actual.Kind) switch
    {
        (NotificationKind.OnNext, NotificationKind.OnNext) => _comparer.Equals(expected.Value, actual.Value),
        (NotificationKind.OnError, NotificationKind.OnError) => _error.Matches(actual.Exception!),
        (NotificationKind.OnCompleted, NotificationKind.OnCompleted) => true,
        _ => false,
    };

    private string Describe(List<Expected> recorded)
    {
        var symbols = new ActualSymbols<T>(_values, _comparer, _expected!.Select(e => e.Symbol))
            .Assign(recorded.Select(a => a.Notification).ToList());
        var actual = recorded.Select((a, i) => a with { Symbol = symbols[i] }).ToList();
        var expectedByFrame = _expected!.GroupBy(e => e.Frame).ToDictionary(g => g.Key, g => g.ToList());
        var actualByFrame = actual.GroupBy(a => a.Frame).ToDictionary(g => g.Key, g => g.ToList());
        var differing = expectedByFrame.Keys.Union(actualByFrame.Keys)
            .Where(f => !FrameMatches(expectedByFrame.GetValueOrDefault(f), actualByFrame.GetValueOrDefault(f)))
            .ToHashSet();

        var lines = MarbleAlignment.Align(_marbles!, _parsed!.Segments, ToLine(expectedByFrame), ToLine(actualByFrame), differing, _test.Syntax);
        var message = new List<string>
        {
            $"ExpectObservable: the observable did not match \"{_marbles}\" (one frame = {MarbleTime.Format(_test.FrameTicks)}).",
            "expected: " + lines.Expected,
            "actual:   " + lines.Actual,
            "          " + lines.Carets,
        };
        var inDifference = differing
            .Order()
            .SelectMany(f => expectedByFrame.GetValueOrDefault(f, []).Concat(actualByFrame.GetValueOrDefault(f, [])))
            .ToList();
        message.AddRange(MarbleLegend.Describe(
            inDifference.Where(n => n.Notification.Kind == NotificationKind.OnNext).Select(n => (n.Symbol, (object?)n.Notification.Value)),
            _expected!.Any(e => e.Notification.Kind == NotificationKind.OnError) ? _error : null,
            actual.Where(a => a.Notification.Kind == NotificationKind.OnError).Select(a => a.Notification.Exception!).FirstOrDefault(),
            inDifference.Any(n => n.Notification.Kind == NotificationKind.OnError)));
        return string.Join("\n", message.Select(l => l.TrimEnd()));
    }

    private bool FrameMatches(List<Expected>? expected, List<Expected>? actual) =>
        expected is not null && actual is not null && expected.Count == actual.Count
        && expected.Zip(actual).All(p => Matches(p.First.Notification, p.Second.Notification));

    private static MarbleDiagramLine ToLine(Dictionary<long, List<Expected>> byFrame)
    {
        var cells = byFrame.ToDictionary(p => p.Key, p => MarbleAlignment.Cell(p.Value.Select(n => n.Symbol).ToList()));
        long? last = byFrame.Values.SelectMany(v => v).Where(n => n.Notification.Kind != NotificationKind.OnNext)
            .Select(n => (long?)n.Frame).FirstOrDefault();
        return new MarbleDiagramLine(cells, last);
    }

    private readonly record struct Expected(long Frame, Notification<T> Notification, char Symbol);
}
