namespace Jackpot.Reactive.Testing;

/// <summary>An expectation checked when a <see cref="MarbleTest"/> flushes.</summary>
internal interface IMarbleExpectation
{
    /// <summary>Gets the expectation as the test stated it, for the message of unchecked expectations.</summary>
    string Summary { get; }

    /// <summary>Compares what happened with what was expected.</summary>
    /// <returns>null when they match; otherwise the failure message.</returns>
    /// <exception cref="InvalidOperationException">No expected marbles were given.</exception>
    string? Check();
}
