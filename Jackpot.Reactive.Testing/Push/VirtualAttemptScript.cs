using System.Net;
using System.Text;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// The script of one connection attempt of a <see cref="VirtualChannel"/>: steps at times relative to the moment the
/// attempt starts, in order. <see cref="Wait"/> moves the script's clock; every other step happens at the current time.
/// </summary>
/// <remarks>
/// <para>Body steps (<see cref="Event(JackpotEvent)"/>, <see cref="Comment"/>, <see cref="Retry"/>, <see cref="Text"/>,
/// <see cref="Bytes"/>, <see cref="Marbles"/>) and <see cref="End"/> open the response first when <see cref="Open"/>
/// was not called. A script ends with at most one of <see cref="Drop"/>, <see cref="End"/>, <see cref="Respond"/> or
/// <see cref="Stall"/>; a script that ends with none stays as it is (open or waiting) until the client disposes it.</para>
/// <para>Event ids are assigned when the script is written, from the channel's counter, so they are known in advance.</para>
/// </remarks>
public sealed class VirtualAttemptScript
{
    private readonly List<VirtualStep> _steps = [];
    private readonly MarbleSyntax _syntax;
    private readonly Func<string?> _nextEventId;
    private TimeSpan _cursor;
    private bool _opened;
    private string? _ending;

    internal VirtualAttemptScript(MarbleSyntax syntax, Func<string?> nextEventId)
    {
        _syntax = syntax;
        _nextEventId = nextEventId;
    }

    internal IReadOnlyList<VirtualStep> Steps => _steps;

    /// <summary>Accepts the response (200, <c>text/event-stream</c>): the transport yields <see cref="SseTransportChunk.Opened"/>.</summary>
    /// <returns>This script.</returns>
    /// <exception cref="InvalidOperationException">The response is already open, or the script has ended.</exception>
    public VirtualAttemptScript Open()
    {
        RequireNotEnded();
        if (_opened)
        {
            throw new InvalidOperationException("The response is already open.");
        }

        _opened = true;
        _steps.Add(new VirtualStep(_cursor, VirtualStepKind.Open));
        return this;
    }

    /// <summary>Lets time pass before the next step.</summary>
    /// <param name="delay">How long; zero or more.</param>
    /// <returns>This script.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Wait(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        RequireNotEnded();
        _cursor += delay;
        return this;
    }

    /// <summary>Sends an event with the channel's next id (<c>id: n</c>), or without an id when the channel assigns none.</summary>
    /// <param name="jackpotEvent">The event, written as the service's JSON.</param>
    /// <returns>This script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jackpotEvent"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Event(JackpotEvent jackpotEvent)
    {
        ArgumentNullException.ThrowIfNull(jackpotEvent);
        return Body(VirtualStep.EventBytes(jackpotEvent, _nextEventId(), null));
    }

    /// <summary>Sends an event with a given id and optional event type.</summary>
    /// <param name="jackpotEvent">The event, written as the service's JSON.</param>
    /// <param name="id">The <c>id</c> field; none when null.</param>
    /// <param name="eventType">The <c>event</c> field; none when null.</param>
    /// <returns>This script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jackpotEvent"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Event(JackpotEvent jackpotEvent, string? id, string? eventType = null)
    {
        ArgumentNullException.ThrowIfNull(jackpotEvent);
        return Body(VirtualStep.EventBytes(jackpotEvent, id, eventType));
    }

    /// <summary>Sends a comment line (<c>: text</c>), as servers do to keep a connection alive.</summary>
    /// <param name="text">The comment; an empty one writes <c>:</c>.</param>
    /// <returns>This script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Comment(string text = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        return Body(VirtualStep.CommentBytes(text));
    }

    /// <summary>Sends a <c>retry:</c> field: the reconnection delay the server asks for.</summary>
    /// <param name="delay">The delay, written in whole milliseconds.</param>
    /// <returns>This script.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Retry(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Body(VirtualStep.RetryBytes(delay));
    }

    /// <summary>Sends raw text (UTF-8) as one chunk, e.g. half an event or malformed JSON.</summary>
    /// <param name="text">The text, exactly as sent.</param>
    /// <returns>This script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Body(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Sends raw bytes as one chunk (copied now).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>This script.</returns>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Bytes(ReadOnlyMemory<byte> bytes) => Body(bytes.ToArray());

    /// <summary>Writes steps as marbles from the current time: a symbol sends its event with the channel's next id,
    /// <c>|</c> ends the stream cleanly, <c>#</c> drops the connection (<see cref="IOException"/>); the script's time
    /// moves past the marbles, so more steps can follow when they do not end.</summary>
    /// <param name="marbles">The marbles, e.g. <c>"-a-b 1s c-#"</c>; <c>^</c> is not allowed.</param>
    /// <param name="values">The event of each symbol.</param>
    /// <returns>This script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is null.</exception>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid; the message gives the position.</exception>
    /// <exception cref="ArgumentException">A symbol has no value.</exception>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Marbles(string marbles, IReadOnlyDictionary<char, JackpotEvent>? values = null)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        RequireNotEnded();
        var entries = MarbleParser.ParseObservable(marbles, _syntax, allowZeroMarker: false, out long length);
        var events = entries
            .Select(e => e.Kind == MarbleKind.Value ? MarbleValues.ToNotification(e, marbles, values, new MarbleErrorException()).Value : null)
            .ToList();
        var start = _cursor;
        for (int i = 0; i < entries.Count; i++)
        {
            _cursor = start + TimeSpan.FromTicks(entries[i].Frame * _syntax.FrameTicks);
            _ = entries[i].Kind switch
            {
                MarbleKind.Completion => End(),
                MarbleKind.Error => Drop(),
                _ => Event(events[i]!),
            };
        }

        if (_ending is null)
        {
            _cursor = start + TimeSpan.FromTicks(length * _syntax.FrameTicks);
        }

        return this;
    }

    /// <summary>Breaks the connection: the transport fails with <paramref name="error"/>.</summary>
    /// <param name="error">The error; when null, an <see cref="IOException"/> once the response is open, or an
    /// <see cref="HttpRequestException"/> (the server could not be reached) before.</param>
    /// <returns>This script.</returns>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Drop(Exception? error = null)
    {
        RequireNotEnded();
        error ??= _opened
            ? new IOException("The virtual push service dropped the connection.")
            : new HttpRequestException("The virtual push service could not be reached.");
        return Ending(nameof(Drop), new VirtualStep(_cursor, VirtualStepKind.Fail, Error: error));
    }

    /// <summary>Ends the stream cleanly: the transport completes.</summary>
    /// <returns>This script.</returns>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript End()
    {
        RequireNotEnded();
        if (!_opened)
        {
            Open();
        }

        return Ending(nameof(End), new VirtualStep(_cursor, VirtualStepKind.End));
    }

    /// <summary>Answers with another response than an event stream: the transport fails with
    /// <see cref="SseHttpException"/> carrying the status, content type, headers and <c>Retry-After</c>.</summary>
    /// <param name="status">The status, e.g. 503, 429, 404, or 200 with a wrong <paramref name="contentType"/>.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> delay; none when null. Sent as a header in whole seconds.</param>
    /// <param name="contentType">The response media type; none when null.</param>
    /// <param name="headers">More response headers.</param>
    /// <returns>This script.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    /// <exception cref="ArgumentException">The status is 200 with <c>text/event-stream</c>: use <see cref="Open"/>.</exception>
    /// <exception cref="InvalidOperationException">The response is already open, or the script has ended.</exception>
    public VirtualAttemptScript Respond(
        HttpStatusCode status,
        TimeSpan? retryAfter = null,
        string? contentType = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        if (retryAfter is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(retryAfter));
        }

        if (status == HttpStatusCode.OK && string.Equals(contentType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("A 200 text/event-stream response is an open stream: use Open().", nameof(contentType));
        }

        RequireNotEnded();
        if (_opened)
        {
            throw new InvalidOperationException("The response is already open; a status can only be answered before Open.");
        }

        var all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in (headers ?? []).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            all[group.Key] = group.Select(h => h.Value).ToList();
        }

        if (retryAfter is { } retry)
        {
            all["Retry-After"] = [((long)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        if (contentType is not null)
        {
            all["Content-Type"] = [contentType];
        }

        var error = new SseHttpException(status, contentType, all, retryAfter);
        return Ending(nameof(Respond), new VirtualStep(_cursor, VirtualStepKind.Fail, Error: error));
    }

    /// <summary>Sends nothing more: the connection stays as it is (open and silent, or waiting for a response that never
    /// comes) until the client disposes it — a dead connection, for idle-timeout tests.</summary>
    /// <returns>This script.</returns>
    /// <exception cref="InvalidOperationException">The script has ended.</exception>
    public VirtualAttemptScript Stall()
    {
        RequireNotEnded();
        _ending = nameof(Stall);
        return this;
    }

    private VirtualAttemptScript Body(byte[] data)
    {
        RequireNotEnded();
        if (!_opened)
        {
            Open();
        }

        _steps.Add(new VirtualStep(_cursor, VirtualStepKind.Data, data));
        return this;
    }

    private VirtualAttemptScript Ending(string name, VirtualStep step)
    {
        _steps.Add(step);
        _ending = name;
        return this;
    }

    private void RequireNotEnded()
    {
        if (_ending is not null)
        {
            throw new InvalidOperationException($"The attempt's script already ended with {_ending}(); nothing can follow.");
        }
    }
}
