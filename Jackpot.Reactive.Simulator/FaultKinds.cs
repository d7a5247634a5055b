namespace Jackpot.Reactive.Simulator;

/// <summary>How the simulator ends a stream it drops.</summary>
public enum ConnectionDropKind
{
    /// <summary>The response ends cleanly (the client sees the end of the stream).</summary>
    EndStream,

    /// <summary>The connection is aborted (the client sees a network error).</summary>
    Abort,
}

/// <summary>What is wrong with an injected malformed payload.</summary>
public enum MalformedPayloadKind
{
    /// <summary>The JSON is cut off in the middle, so it does not parse.</summary>
    InvalidJson,

    /// <summary>The JSON is well formed but has no <c>jackpotInstance</c> field.</summary>
    MissingField,

    /// <summary>The JSON is well formed but <c>value</c> is not a number (<c>"12x.50"</c>).</summary>
    UnparseableValue,
}
