using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Testing;

/// <summary>What the subscriptions of a source are expected to be; created by <see cref="MarbleTest.ExpectSubscriptions"/>.</summary>
public sealed class SubscriptionExpectation : IMarbleExpectation
{
    private readonly MarbleTest _test;
    private readonly IEnumerable<Subscription> _subscriptions;
    private List<(string Marbles, ParsedSubscription Parsed)>? _expected;

    internal SubscriptionExpectation(MarbleTest test, IEnumerable<Subscription> subscriptions)
    {
        _test = test;
        _subscriptions = subscriptions;
    }

    string IMarbleExpectation.Summary => _expected is null
        ? "ExpectSubscriptions(…) without ToBe"
        : $"ExpectSubscriptions(…).ToBe({string.Join(", ", _expected.Select(e => $"\"{e.Marbles}\""))})";

    /// <summary>States the expected subscriptions, one marble line each (<c>^</c> subscribe, <c>!</c> unsubscribe, frames
    /// from time zero), checked at <see cref="MarbleTest.Flush"/>. No lines means no subscription at all.</summary>
    /// <param name="marbles">One line per subscription, e.g. <c>"^---!"</c>, <c>"----^--"</c> (never unsubscribed),
    /// <c>"--(^!)"</c> (subscribed and unsubscribed in one frame).</param>
    /// <remarks>The order of the lines does not matter: both sides are compared sorted by subscription time, and a failure
    /// shows each expected line as written above the actual subscription it was compared with, carets under the frames
    /// that differ.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> or one of its lines is null.</exception>
    /// <exception cref="MarbleSyntaxException">A line is invalid or has no <c>^</c>; the message gives the position.</exception>
    /// <exception cref="InvalidOperationException"><see cref="ToBe"/> was already called.</exception>
    public void ToBe(params string[] marbles)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        if (_expected is not null)
        {
            throw new InvalidOperationException("ToBe was already called on this expectation.");
        }

        var expected = new List<(string, ParsedSubscription)>(marbles.Length);
        foreach (string line in marbles)
        {
            ArgumentNullException.ThrowIfNull(line, nameof(marbles));
            expected.Add((line, MarbleParser.ParseSubscriptionLayout(line, _test.Syntax, requireSubscribe: true)));
        }

        _expected = expected;
    }

    string? IMarbleExpectation.Check()
    {
        if (_expected is null)
        {
            throw new InvalidOperationException("ExpectSubscriptions was called without ToBe.");
        }

        var actual = Sorted(_subscriptions
            .Select(s => new MarbleSubscription(
                _test.FrameOf(s.Subscribe),
                s.Unsubscribe == Subscription.Infinite ? null : _test.FrameOf(s.Unsubscribe))))
            .ToList();
        var expected = _expected.OrderBy(e => e.Parsed.Subscription.SubscribeFrame)
            .ThenBy(e => e.Parsed.Subscription.UnsubscribeFrame ?? long.MaxValue)
            .ToList();
        if (expected.Select(e => e.Parsed.Subscription).SequenceEqual(actual))
        {
            return null;
        }

        var message = new List<string>
        {
            $"ExpectSubscriptions: the subscriptions did not match (one frame = {MarbleTime.Format(_test.FrameTicks)}).",
        };
        for (int i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var expectedLine = i < expected.Count ? ToLine(expected[i].Parsed.Subscription) : null;
            var actualLine = i < actual.Count ? ToLine(actual[i]) : null;
            var differing = Differing(expectedLine, actualLine);
            var lines = expectedLine is null
                ? MarbleAlignment.Alone(actualLine!, differing, _test.Syntax)
                : MarbleAlignment.Align(
                    expected[i].Marbles,
                    expected[i].Parsed.Segments,
                    expectedLine,
                    actualLine ?? new MarbleDiagramLine(new Dictionary<long, string>(), -1),
                    differing,
                    _test.Syntax);
            message.Add("expected: " + (expectedLine is null ? "(none)" : lines.Expected));
            message.Add("actual:   " + (actualLine is null ? "(none)" : lines.Actual));
            if (differing.Count > 0)
            {
                message.Add("          " + lines.Carets);
            }
        }

        return string.Join("\n", message.Select(l => l.TrimEnd()));
    }

    private static IEnumerable<MarbleSubscription> Sorted(IEnumerable<MarbleSubscription> subscriptions) =>
        subscriptions.OrderBy(s => s.SubscribeFrame).ThenBy(s => s.UnsubscribeFrame ?? long.MaxValue);

    private static HashSet<long> Differing(MarbleDiagramLine? expected, MarbleDiagramLine? actual)
    {
        var expectedCells = expected?.Cells ?? new Dictionary<long, string>();
        var actualCells = actual?.Cells ?? new Dictionary<long, string>();
        return expectedCells.Keys.Union(actualCells.Keys)
            .Where(f => expectedCells.GetValueOrDefault(f) != actualCells.GetValueOrDefault(f))
            .ToHashSet();
    }

    private static MarbleDiagramLine ToLine(MarbleSubscription subscription)
    {
        var cells = new Dictionary<long, string>();
        long subscribe = subscription.SubscribeFrame ?? 0;
        if (subscription.UnsubscribeFrame is { } unsubscribe && unsubscribe == subscribe)
        {
            cells[subscribe] = "(^!)";
        }
        else
        {
            cells[subscribe] = "^";
            if (subscription.UnsubscribeFrame is { } end)
            {
                cells[end] = "!";
            }
        }

        return new MarbleDiagramLine(cells, subscription.UnsubscribeFrame);
    }
}
