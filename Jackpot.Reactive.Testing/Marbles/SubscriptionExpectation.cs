using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Testing;

/// <summary>What the subscriptions of a source are expected to be; created by <see cref="MarbleTest.ExpectSubscriptions"/>.</summary>
public sealed class SubscriptionExpectation : IMarbleExpectation
{
    private readonly MarbleTest _test;
    private readonly IEnumerable<Subscription> _subscriptions;
    private List<(string Marbles, MarbleSubscription Parsed)>? _expected;

    internal SubscriptionExpectation(MarbleTest test, IEnumerable<Subscription> subscriptions)
    {
        _test = test;
        _subscriptions = subscriptions;
    }

    /// <summary>States the expected subscriptions, one marble line each (<c>^</c> subscribe, <c>!</c> unsubscribe, frames
    /// from time zero), checked at <see cref="MarbleTest.Flush"/>. No lines means no subscription at all.</summary>
    /// <param name="marbles">One line per subscription, e.g. <c>"^---!"</c>, <c>"----^--"</c> (never unsubscribed),
    /// <c>"--(^!)"</c> (subscribed and unsubscribed in one frame).</param>
    /// <remarks>The order of the lines does not matter: both sides are compared sorted by subscription time.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> or one of its lines is null.</exception>
    /// <exception cref="FormatException">A line is invalid or has no <c>^</c>; the message gives the position.</exception>
    /// <exception cref="InvalidOperationException"><see cref="ToBe"/> was already called.</exception>
    public void ToBe(params string[] marbles)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        if (_expected is not null)
        {
            throw new InvalidOperationException("ToBe was already called on this expectation.");
        }

        var expected = new List<(string, MarbleSubscription)>(marbles.Length);
        foreach (string line in marbles)
        {
            ArgumentNullException.ThrowIfNull(line, nameof(marbles));
            expected.Add((line, MarbleParser.ParseSubscription(line, _test.FrameTicks, requireSubscribe: true)));
        }

        _expected = expected;
    }

    string? IMarbleExpectation.Check()
    {
        if (_expected is null)
        {
            throw new InvalidOperationException("ExpectSubscriptions was called without ToBe.");
        }

        var actual = _subscriptions
            .Select(s => new MarbleSubscription(
                _test.FrameOf(s.Subscribe),
                s.Unsubscribe == Subscription.Infinite ? null : _test.FrameOf(s.Unsubscribe)))
            .ToList();
        var expected = _expected.Select(e => e.Parsed).ToList();
        if (Sorted(expected).SequenceEqual(Sorted(actual)))
        {
            return null;
        }

        var lines = MarbleDiagram.Render(expected.Concat(actual).Select(ToLine).ToList(), _test.FrameTicks, out _);
        var message = new List<string>
        {
            $"ExpectSubscriptions: the subscriptions did not match (one frame = {MarbleTime.Format(_test.FrameTicks)}).",
        };
        message.AddRange(Label("expected: ", lines.Take(expected.Count)));
        message.AddRange(Label("actual:   ", lines.Skip(expected.Count)));
        return string.Join("\n", message);
    }

    private static IEnumerable<MarbleSubscription> Sorted(IEnumerable<MarbleSubscription> subscriptions) =>
        subscriptions.OrderBy(s => s.SubscribeFrame).ThenBy(s => s.UnsubscribeFrame ?? long.MaxValue);

    private static IEnumerable<string> Label(string label, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            yield return label + "(none)";
            yield break;
        }

        for (int i = 0; i < list.Count; i++)
        {
            yield return (i == 0 ? label : new string(' ', label.Length)) + list[i];
        }
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
