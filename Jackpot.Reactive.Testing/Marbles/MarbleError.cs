using System.Diagnostics.CodeAnalysis;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// The error a <c>#</c> in expected marbles stands for: any error, an error of a type, an error a predicate accepts, or
/// an error like a given one. Pass it as the <c>error</c> of <see cref="ObservableExpectation{T}.ToBe"/>; an
/// <see cref="Exception"/> converts to <see cref="Like"/> implicitly.
/// </summary>
/// <remarks>A failure's legend shows the expected error's <see cref="Description"/> and the actual exception's type and message.</remarks>
public sealed class MarbleError
{
    private readonly Func<Exception, bool> _matches;

    private MarbleError(Func<Exception, bool> matches, string description)
    {
        _matches = matches;
        Description = description;
    }

    /// <summary>Gets the expectation that any error matches: what a bare <c>#</c> in expected marbles means.</summary>
    public static MarbleError Any { get; } = new(static _ => true, "any error");

    /// <summary>Gets what the expectation accepts, as the legend of a failure shows it.</summary>
    public string Description { get; }

    /// <summary>Converts an exception to <see cref="Like"/>: an error of the same type with the same message.</summary>
    /// <param name="exception">The exception, or null.</param>
    /// <returns>The expectation, or null for null.</returns>
    [return: NotNullIfNotNull(nameof(exception))]
    public static implicit operator MarbleError?(Exception? exception) => exception is null ? null : Like(exception);

    /// <summary>Expects an error of type <typeparamref name="TException"/> or a type derived from it.</summary>
    /// <typeparam name="TException">The type.</typeparam>
    /// <returns>The expectation.</returns>
    public static MarbleError OfType<TException>()
        where TException : Exception =>
        new(static error => error is TException, typeof(TException).Name);

    /// <summary>Expects an error of type <typeparamref name="TException"/> (or derived) that <paramref name="predicate"/> accepts,
    /// e.g. <c>MarbleError.OfType&lt;SseHttpException&gt;(e =&gt; e.StatusCode == HttpStatusCode.Unauthorized, "status 401")</c>.</summary>
    /// <typeparam name="TException">The type.</typeparam>
    /// <param name="predicate">Decides whether an error of the type matches; it must not throw.</param>
    /// <param name="description">What the predicate accepts, for the legend of a failure.</param>
    /// <returns>The expectation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> or <paramref name="description"/> is null.</exception>
    public static MarbleError OfType<TException>(Func<TException, bool> predicate, string description)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(description);
        return new(error => error is TException typed && predicate(typed), $"{typeof(TException).Name} where {description}");
    }

    /// <summary>Expects an error that <paramref name="predicate"/> accepts.</summary>
    /// <param name="predicate">Decides whether an error matches; it must not throw.</param>
    /// <param name="description">What the predicate accepts, for the legend of a failure.</param>
    /// <returns>The expectation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> or <paramref name="description"/> is null.</exception>
    public static MarbleError Matching(Func<Exception, bool> predicate, string description)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(description);
        return new(predicate, description);
    }

    /// <summary>Expects <paramref name="exception"/> itself, or an error of exactly its type with the same message.</summary>
    /// <param name="exception">The exception to compare with.</param>
    /// <returns>The expectation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static MarbleError Like(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(error => MarbleValues.ErrorsMatch(exception, error), MarbleValues.DescribeError(exception));
    }

    /// <summary>Tells whether an actual error matches.</summary>
    /// <param name="error">The actual error.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    public bool Matches(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return _matches(error);
    }

    /// <summary>Returns the <see cref="Description"/>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Description;
}
