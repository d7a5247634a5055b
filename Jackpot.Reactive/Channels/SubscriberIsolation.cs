namespace Jackpot.Reactive;

/// <summary>
/// Calls into subscribers for a hot source that must survive them: an exception a subscriber throws is caught and
/// handed back, so the source can end that subscription, report the exception and go on with the others.
/// </summary>
/// <remarks>
/// The rule every hot source of the library follows (see <c>docs/decisions/0003-subscriber-isolation.md</c>): a
/// subscriber that throws from <c>OnNext</c> is unsubscribed on the spot and gets no further call — not even
/// <c>OnError</c>, which for a <c>Subscribe(onNext)</c> observer rethrows; the exception is reported
/// (<see cref="JackpotPushClient.Diagnostics"/> and the log); the same value still reaches every other subscriber, and
/// the connection is untouched. An exception from <c>OnError</c> or <c>OnCompleted</c> is reported the same way, and the
/// other subscribers still get their terminal call.
/// </remarks>
internal static class SubscriberIsolation
{
    /// <summary>The call that threw, for reports: <c>OnNext</c>, <c>OnError</c> or <c>OnCompleted</c>.</summary>
    public const string OnNext = nameof(IObserver<object>.OnNext);

    /// <inheritdoc cref="OnNext"/>
    public const string OnError = nameof(IObserver<object>.OnError);

    /// <inheritdoc cref="OnNext"/>
    public const string OnCompleted = nameof(IObserver<object>.OnCompleted);

    /// <summary>Delivers <paramref name="value"/>; returns what the observer threw, or null.</summary>
    public static Exception? TryOnNext<T>(IObserver<T> observer, T value)
    {
        try
        {
            observer.OnNext(value);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>Delivers <paramref name="error"/>; returns what the observer threw, or null.</summary>
    public static Exception? TryOnError<T>(IObserver<T> observer, Exception error)
    {
        try
        {
            observer.OnError(error);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>Completes the observer; returns what it threw, or null.</summary>
    public static Exception? TryOnCompleted<T>(IObserver<T> observer)
    {
        try
        {
            observer.OnCompleted();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>Ends the observer with <paramref name="error"/>, or completes it when that is null; returns what it
    /// threw, or null.</summary>
    public static Exception? TryTerminate<T>(IObserver<T> observer, Exception? error) =>
        error is null ? TryOnCompleted(observer) : TryOnError(observer, error);

    /// <summary>Names a terminal call for reports.</summary>
    public static string TerminalCall(Exception? error) => error is null ? OnCompleted : OnError;
}

/// <summary>A subscriber's exception, caught by a hot source, to report once the source has released its gate.</summary>
/// <param name="Exception">What the subscriber threw.</param>
/// <param name="Call">The call that threw (see <see cref="SubscriberIsolation"/>).</param>
internal readonly record struct SubscriberFault(Exception Exception, string Call);

/// <summary>Hears of the subscriber faults of a hot source: an interface an owner that exists anyway implements, so that
/// a source made per channel holds no delegate for its reports.</summary>
internal interface ISubscriberFaultHandler
{
    /// <summary>Called with a subscriber's exception, after the source has released its gate.</summary>
    /// <param name="fault">The exception and the call that threw.</param>
    void OnSubscriberFault(SubscriberFault fault);
}
