using System.Globalization;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// One channel of a <see cref="VirtualPushService"/>: the scripts of its connection attempts, in order, and the record of
/// the attempts clients made. Attempt <c>n</c> runs the <c>n</c>-th script; attempts past the scripts run the
/// <see cref="Otherwise"/> script, by default an open connection that sends nothing.
/// </summary>
/// <remarks>Thread-safe: clients may connect from any thread.</remarks>
public sealed class VirtualChannel
{
    private readonly Lock _gate = new();
    private readonly MarbleSyntax _syntax;
    private readonly List<IReadOnlyList<VirtualStep>> _scripts = [];
    private readonly List<VirtualConnectionAttempt> _attempts = [];
    private IReadOnlyList<VirtualStep> _otherwise = [new VirtualStep(TimeSpan.Zero, VirtualStepKind.Open)];
    private long _lastEventId;
    private RecordedLives? _recorded;

    internal VirtualChannel(ChannelName name, MarbleSyntax syntax)
    {
        Name = name;
        _syntax = syntax;
    }

    /// <summary>Gets the channel's name.</summary>
    public ChannelName Name { get; }

    /// <summary>Gets or sets a value indicating whether events written from now on get ids <c>1</c>, <c>2</c>, … counted
    /// across all attempts of the channel, as a service that supports <c>Last-Event-ID</c> would send.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AssignsEventIds { get; set; } = true;

    /// <summary>Gets a snapshot of the attempts made on this channel so far, in order.</summary>
    public IReadOnlyList<VirtualConnectionAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts.ToList();
            }
        }
    }

    /// <summary>Gets the attempts as a live subscription log (read whenever enumerated), for
    /// <see cref="MarbleTest.ExpectSubscriptions"/>: one subscription per attempt, from its start to its disposal.</summary>
    public IEnumerable<Subscription> Subscriptions => EnumerateSubscriptions();

    /// <summary>Adds the script of the next attempt.</summary>
    /// <param name="script">Writes the script.</param>
    /// <returns>This channel, to add more attempts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="script"/> is null.</exception>
    public VirtualChannel Attempt(Action<VirtualAttemptScript> script)
    {
        var steps = Write(script);
        lock (_gate)
        {
            _scripts.Add(steps);
        }

        return this;
    }

    /// <summary>Adds the next attempt as marbles: the response opens at once, then a symbol sends its event,
    /// <c>|</c> ends the stream cleanly, <c>#</c> drops the connection; marbles that end with neither leave it open.</summary>
    /// <param name="marbles">The marbles, frames counted from the attempt's start, e.g. <c>"-a-b-#"</c>.</param>
    /// <param name="values">The event of each symbol.</param>
    /// <returns>This channel, to add more attempts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is null.</exception>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid.</exception>
    /// <exception cref="ArgumentException">A symbol has no value.</exception>
    public VirtualChannel Attempt(string marbles, IReadOnlyDictionary<char, JackpotEvent>? values = null)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        return Attempt(script => script.Open().Marbles(marbles, values));
    }

    /// <summary>Sets the script of every attempt past the scripted ones.</summary>
    /// <param name="script">Writes the script; its event ids are assigned once, when it is written.</param>
    /// <returns>This channel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="script"/> is null.</exception>
    public VirtualChannel Otherwise(Action<VirtualAttemptScript> script)
    {
        var steps = Write(script);
        lock (_gate)
        {
            _otherwise = steps;
        }

        return this;
    }

    internal (VirtualConnectionAttempt Attempt, IEnumerable<VirtualStep> Steps) Start(SseRequest request, DateTimeOffset now)
    {
        lock (_gate)
        {
            var attempt = new VirtualConnectionAttempt(_attempts.Count + 1, Name, request, now);
            IEnumerable<VirtualStep> steps = _attempts.Count < _scripts.Count
                ? _scripts[_attempts.Count]
                : _recorded?.StepsFor(attempt.Number, now) ?? _otherwise;
            _attempts.Add(attempt);
            return (attempt, steps);
        }
    }

    /// <summary>Makes the attempts past the scripted ones replay a recording's connections of this channel (see
    /// <see cref="JackpotRecording.ReplayOn"/>); their steps are read as they run.</summary>
    internal void ReplayLives(RecordedLives recorded)
    {
        lock (_gate)
        {
            _recorded = recorded;
        }
    }

    private IEnumerable<Subscription> EnumerateSubscriptions()
    {
        foreach (var attempt in Attempts)
        {
            yield return attempt.ToSubscription();
        }
    }

    private List<VirtualStep> Write(Action<VirtualAttemptScript> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var writer = new VirtualAttemptScript(_syntax, NextEventId);
        script(writer);
        return writer.Steps.ToList();
    }

    private string? NextEventId()
    {
        lock (_gate)
        {
            return AssignsEventIds ? (++_lastEventId).ToString(CultureInfo.InvariantCulture) : null;
        }
    }
}
