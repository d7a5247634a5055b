namespace Jackpot.Reactive.Testing;

/// <summary>
/// Remembers the last exception thrown on each thread, so that a <see cref="MarbleTest"/> disposed with unchecked
/// expectations can tell whether the test failed before it reached <see cref="MarbleTest.Flush"/> and keep that failure
/// as the inner exception instead of hiding it.
/// </summary>
/// <remarks>Listens to <see cref="AppDomain.FirstChanceException"/> from the first expectation a test states; the
/// handler only stores a reference and a counter for the current thread.</remarks>
internal static class UncheckedExpectations
{
    [ThreadStatic]
    private static Exception? t_last;

    [ThreadStatic]
    private static long t_count;

    private static int s_listening;

    /// <summary>Starts listening (once per process) and returns a mark of the current thread and its exception count.</summary>
    public static (int Thread, long Count) Mark()
    {
        if (Interlocked.Exchange(ref s_listening, 1) == 0)
        {
            AppDomain.CurrentDomain.FirstChanceException += static (_, e) =>
            {
                t_last = e.Exception;
                t_count++;
            };
        }

        return (Environment.CurrentManagedThreadId, t_count);
    }

    /// <summary>Gets the last exception thrown after <paramref name="mark"/>, or null; null too when this is not the
    /// thread of the mark (a test that awaited in between), since the other thread's exceptions are not the test's.</summary>
    public static Exception? ThrownSince((int Thread, long Count) mark) =>
        mark.Thread == Environment.CurrentManagedThreadId && t_count > mark.Count ? t_last : null;

    /// <summary>Builds the failure of a test disposed with unchecked expectations.</summary>
    public static MarbleAssertionException Failure(IReadOnlyList<string> summaries, Exception? thrown)
    {
        string count = summaries.Count == 1 ? "1 expectation was never checked" : $"{summaries.Count} expectations were never checked";
        string list = string.Join("\n", summaries.Select(s => "  " + s));
        return thrown is null
            ? new MarbleAssertionException(
                $"{count}: call Flush() before the test ends, or write the test as MarbleTest.Run(test => …), which flushes for you.\n{list}")
            : new MarbleAssertionException(
                $"{count}: the test threw {thrown.GetType().Name} before Flush() (it is the inner exception; look there first): " +
                $"{thrown.Message}\n{list}",
                thrown);
    }
}
