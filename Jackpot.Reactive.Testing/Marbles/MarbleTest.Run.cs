namespace Jackpot.Reactive.Testing;

/// <content>The entry points that flush for the caller, so no expectation can go unchecked.</content>
public sealed partial class MarbleTest
{
    /// <summary>Runs a marble test with 1 ms frames: creates it, runs <paramref name="body"/>, then flushes, so every
    /// expectation the body states is checked.</summary>
    /// <param name="body">States the test: observables, expectations; it may flush in between.</param>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="MarbleAssertionException">An expectation failed.</exception>
    /// <remarks>An exception from <paramref name="body"/> propagates unchanged, without a flush, so nothing hides it.</remarks>
    public static void Run(Action<MarbleTest> body) => Run(new MarbleTestOptions(), body);

    /// <summary>Runs a marble test: creates it with <paramref name="options"/>, runs <paramref name="body"/>, then flushes.</summary>
    /// <param name="options">The frame length, group timing and flush limit.</param>
    /// <param name="body">States the test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="body"/> is null.</exception>
    /// <exception cref="MarbleAssertionException">An expectation failed.</exception>
    /// <remarks>An exception from <paramref name="body"/> propagates unchanged, without a flush, so nothing hides it.</remarks>
    public static void Run(MarbleTestOptions options, Action<MarbleTest> body)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(body);
        var test = new MarbleTest(options);
        body(test);
        test.Flush();
        test._disposed = true;
    }

    /// <summary>Runs a marble test whose setup is asynchronous: creates it, awaits <paramref name="body"/>, then flushes.</summary>
    /// <param name="body">States the test; it may await setup work, but virtual time only runs at the flush.</param>
    /// <returns>A task that completes when the expectations have been checked.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="MarbleAssertionException">An expectation failed (through the task).</exception>
    /// <remarks>An exception from <paramref name="body"/> propagates unchanged, without a flush.</remarks>
    public static Task RunAsync(Func<MarbleTest, Task> body) => RunAsync(new MarbleTestOptions(), body);

    /// <summary>Runs a marble test with options whose setup is asynchronous: creates it, awaits <paramref name="body"/>,
    /// then flushes.</summary>
    /// <param name="options">The frame length, group timing and flush limit.</param>
    /// <param name="body">States the test; it may await setup work, but virtual time only runs at the flush.</param>
    /// <returns>A task that completes when the expectations have been checked.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="body"/> is null.</exception>
    /// <exception cref="MarbleAssertionException">An expectation failed (through the task).</exception>
    public static Task RunAsync(MarbleTestOptions options, Func<MarbleTest, Task> body)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(body);
        return RunCore(new MarbleTest(options), body);

        static async Task RunCore(MarbleTest test, Func<MarbleTest, Task> body)
        {
            await body(test).ConfigureAwait(false);
            test.Flush();
            test._disposed = true;
        }
    }
}
