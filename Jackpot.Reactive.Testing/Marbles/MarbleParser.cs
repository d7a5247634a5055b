namespace Jackpot.Reactive.Testing;

/// <summary>What a marble symbol stands for.</summary>
internal enum MarbleKind
{
    /// <summary>A value: a letter, digit or any other symbol that is not syntax.</summary>
    Value,

    /// <summary><c>|</c>: completion.</summary>
    Completion,

    /// <summary><c>#</c>: error.</summary>
    Error,
}

/// <summary>One notification in parsed marbles: its frame (0 is time zero), kind, symbol and position in the text.</summary>
internal readonly record struct MarbleEntry(long Frame, MarbleKind Kind, char Symbol, int Position);

/// <summary>Parsed subscription marbles: the subscribe and unsubscribe frames, either possibly absent.</summary>
internal readonly record struct MarbleSubscription(long? SubscribeFrame, long? UnsubscribeFrame);

/// <summary>A piece of marble text and the frames it covers: a symbol, a <c>-</c>, a group or a time progression.</summary>
internal readonly record struct MarbleSegment(int Start, int Length, long Frame, long Frames);

/// <summary>Parsed observable marbles: the notifications, the frames they span (trailing ones included) and the layout.</summary>
internal sealed record ParsedMarbles(List<MarbleEntry> Entries, long Length, List<MarbleSegment> Segments);

/// <summary>Parsed subscription marbles with their layout.</summary>
internal sealed record ParsedSubscription(MarbleSubscription Subscription, List<MarbleSegment> Segments);

/// <summary>
/// Parses marbles. Rules: <c>-</c> is one frame; every symbol outside a group takes one frame; a group <c>(ab)</c> puts
/// its symbols in the frame where it opens and takes one frame in all (<see cref="MarbleGroupTiming.OneFrame"/>) or one
/// per character (<see cref="MarbleGroupTiming.RxJs"/>); a time progression advances by its span and takes no extra
/// frame; <c>^</c> (hot observables only) is time zero and takes one frame.
/// </summary>
internal static class MarbleParser
{
    public static List<MarbleEntry> ParseObservable(string marbles, MarbleSyntax syntax, bool allowZeroMarker) =>
        Parse(marbles, syntax, allowZeroMarker).Entries;

    /// <summary>Parses observable marbles; <paramref name="length"/> receives the frames they span, trailing ones included.</summary>
    public static List<MarbleEntry> ParseObservable(string marbles, MarbleSyntax syntax, bool allowZeroMarker, out long length)
    {
        var parsed = Parse(marbles, syntax, allowZeroMarker);
        length = parsed.Length;
        return parsed.Entries;
    }

    /// <summary>Parses observable marbles with their layout.</summary>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid.</exception>
    public static ParsedMarbles Parse(string marbles, MarbleSyntax syntax, bool allowZeroMarker)
    {
        var entries = new List<MarbleEntry>();
        var cursor = new GroupCursor(marbles, syntax);
        long? zeroFrame = null;
        int? terminalPosition = null;
        foreach (var token in MarbleTokenizer.Tokenize(marbles, syntax))
        {
            if (cursor.TryAdvance(token))
            {
                continue;
            }

            switch (token.Symbol)
            {
                case '^':
                    if (!allowZeroMarker)
                    {
                        throw MarbleTokenizer.Error(marbles, token.Position, "'^' marks time zero of a hot observable and is allowed only there.");
                    }

                    if (cursor.InGroup)
                    {
                        throw MarbleTokenizer.Error(marbles, token.Position, "'^' cannot be inside a group.");
                    }

                    if (zeroFrame is not null)
                    {
                        throw MarbleTokenizer.Error(marbles, token.Position, "only one '^' is allowed.");
                    }

                    zeroFrame = cursor.Frame;
                    cursor.EndSymbol(token);
                    break;
                case '!':
                    throw MarbleTokenizer.Error(marbles, token.Position, "'!' belongs to subscription marbles, not to observable marbles.");
                default:
                    if (terminalPosition is { } terminal)
                    {
                        throw MarbleTokenizer.Error(
                            marbles,
                            token.Position,
                            $"'{token.Symbol}' follows the completion or error at position {terminal}; only '-' and time can.");
                    }

                    var kind = token.Symbol switch
                    {
                        '|' => MarbleKind.Completion,
                        '#' => MarbleKind.Error,
                        _ => MarbleKind.Value,
                    };
                    if (kind != MarbleKind.Value)
                    {
                        terminalPosition = token.Position;
                    }

                    entries.Add(new MarbleEntry(cursor.Frame, kind, token.Symbol, token.Position));
                    cursor.EndSymbol(token);
                    break;
            }
        }

        cursor.Finish();
        long zero = zeroFrame ?? 0;
        if (zero != 0)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                entries[i] = entries[i] with { Frame = entries[i].Frame - zero };
            }
        }

        var segments = cursor.Segments.Select(s => s with { Frame = s.Frame - zero }).ToList();
        return new ParsedMarbles(entries, cursor.Frame, segments);
    }

    public static MarbleSubscription ParseSubscription(string marbles, MarbleSyntax syntax, bool requireSubscribe) =>
        ParseSubscriptionLayout(marbles, syntax, requireSubscribe).Subscription;

    /// <summary>Parses subscription marbles with their layout.</summary>
    /// <exception cref="MarbleSyntaxException">The marbles are invalid.</exception>
    public static ParsedSubscription ParseSubscriptionLayout(string marbles, MarbleSyntax syntax, bool requireSubscribe)
    {
        var cursor = new GroupCursor(marbles, syntax);
        long? subscribe = null;
        long? unsubscribe = null;
        foreach (var token in MarbleTokenizer.Tokenize(marbles, syntax))
        {
            if (cursor.TryAdvance(token))
            {
                continue;
            }

            switch (token.Symbol)
            {
                case '^' when subscribe is not null:
                    throw MarbleTokenizer.Error(marbles, token.Position, "only one '^' is allowed.");
                case '^' when unsubscribe is not null:
                    throw MarbleTokenizer.Error(marbles, token.Position, "'^' must come before '!'.");
                case '^':
                    subscribe = cursor.Frame;
                    break;
                case '!' when unsubscribe is not null:
                    throw MarbleTokenizer.Error(marbles, token.Position, "only one '!' is allowed.");
                case '!':
                    unsubscribe = cursor.Frame;
                    break;
                default:
                    throw MarbleTokenizer.Error(
                        marbles,
                        token.Position,
                        $"'{token.Symbol}' is not allowed in subscription marbles (only '-', '^', '!', groups, spaces and time progressions).");
            }

            cursor.EndSymbol(token);
        }

        cursor.Finish();
        if (requireSubscribe && subscribe is null)
        {
            throw MarbleTokenizer.Error(marbles, marbles.Length, "subscription marbles need a '^'.");
        }

        return new ParsedSubscription(new MarbleSubscription(subscribe, unsubscribe), cursor.Segments);
    }

    /// <summary>Tracks the current frame and the open group, handles the tokens that only move time, and records the layout.</summary>
    private sealed class GroupCursor(string marbles, MarbleSyntax syntax)
    {
        private readonly bool _rxJsGroups = syntax.GroupTiming == MarbleGroupTiming.RxJs;
        private long _frame;
        private long _groupFrame;
        private int _groupPosition = -1;
        private bool _groupHasSymbols;

        public List<MarbleSegment> Segments { get; } = [];

        public bool InGroup => _groupPosition >= 0;

        /// <summary>Gets the frame of the next symbol (the group's frame inside a group) or, after the marbles, their length.</summary>
        public long Frame => InGroup ? _groupFrame : _frame;

        /// <summary>Applies <c>-</c>, <c>(</c>, <c>)</c> and time progressions; returns false for a symbol.</summary>
        public bool TryAdvance(MarbleToken token)
        {
            switch (token.Kind)
            {
                case MarbleTokenKind.Frame:
                    RequireOutsideGroup(token, "'-' cannot be inside a group.");
                    Advance(token, 1);
                    return true;
                case MarbleTokenKind.TimeProgression:
                    RequireOutsideGroup(token, "a time progression cannot be inside a group.");
                    Advance(token, token.Frames);
                    return true;
                case MarbleTokenKind.GroupOpen:
                    RequireOutsideGroup(token, $"groups cannot be nested (the group at position {_groupPosition} is still open).");
                    _groupPosition = token.Position;
                    _groupFrame = _frame;
                    _groupHasSymbols = false;
                    Advance(token, _rxJsGroups ? 1 : 0, segment: false);
                    return true;
                case MarbleTokenKind.GroupClose:
                    if (!InGroup)
                    {
                        throw MarbleTokenizer.Error(marbles, token.Position, "')' closes no group.");
                    }

                    if (!_groupHasSymbols)
                    {
                        throw MarbleTokenizer.Error(marbles, _groupPosition, "a group cannot be empty.");
                    }

                    Advance(token, 1, segment: false);
                    Segments.Add(new MarbleSegment(_groupPosition, token.Position + 1 - _groupPosition, _groupFrame, _frame - _groupFrame));
                    _groupPosition = -1;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Takes the frame of a symbol outside a group; inside a group, the group's timing decides.</summary>
        public void EndSymbol(MarbleToken token)
        {
            if (InGroup)
            {
                _groupHasSymbols = true;
                Advance(token, _rxJsGroups ? 1 : 0, segment: false);
            }
            else
            {
                Advance(token, 1);
            }
        }

        public void Finish()
        {
            if (InGroup)
            {
                throw MarbleTokenizer.Error(marbles, _groupPosition, "'(' is never closed.");
            }
        }

        private void Advance(MarbleToken token, long frames, bool segment = true)
        {
            if (frames > syntax.MaxFrames - _frame)
            {
                throw MarbleTokenizer.Error(marbles, token.Position, "the marbles span more virtual time than a scheduler can hold.");
            }

            if (segment)
            {
                Segments.Add(new MarbleSegment(token.Position, token.Length, _frame, frames));
            }

            _frame += frames;
        }

        private void RequireOutsideGroup(MarbleToken token, string reason)
        {
            if (InGroup)
            {
                throw MarbleTokenizer.Error(marbles, token.Position, reason);
            }
        }
    }
}
