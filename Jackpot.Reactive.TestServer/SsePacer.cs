using System.Diagnostics;

namespace Jackpot.Reactive.TestServer;

/// <summary>
/// Paced writing: calls a writer once per event at a fixed rate until cancelled. The loop sleeps in 1 ms steps and
/// writes every event that has fallen due, so the rate holds on average; after a long stall (a GC, the machine busy
/// elsewhere) it starts afresh instead of bursting. A writer that stamps each event with its own write time is not
/// biased by the catching up.
/// </summary>
public static class SsePacer
{
    /// <summary>Runs until <paramref name="cancellationToken"/> fires (the client went away); returns quietly then.</summary>
    /// <param name="eventsPerSecond">The rate.</param>
    /// <param name="writeNext">Writes (and flushes) one event.</param>
    /// <param name="cancellationToken">Ends the run.</param>
    public static async Task RunAsync(int eventsPerSecond, Func<CancellationToken, ValueTask> writeNext, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPerSecond);
        ArgumentNullException.ThrowIfNull(writeNext);
        long period = Math.Max(1, Stopwatch.Frequency / eventsPerSecond);
        long due = Stopwatch.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                long now = Stopwatch.GetTimestamp();
                if (now < due)
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                due = now - due > 50 * period ? now + period : due + period;
                await writeNext(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }
}
