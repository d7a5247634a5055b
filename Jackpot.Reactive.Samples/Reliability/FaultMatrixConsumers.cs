namespace Jackpot.Reactive.Samples;

/// <summary>The <c>await foreach</c> consumer of the fault matrix.</summary>
internal static class FaultMatrixConsumers
{
    /// <summary>The buffer of an asynchronous consumer: enough for a few seconds of the matrix's events while it works.</summary>
    public const int BufferCapacity = 4096;

    /// <summary>Reads <paramref name="events"/> with <c>await foreach</c> and hands each event to <paramref name="subscriber"/>
    /// after <paramref name="workPerEvent"/> of work, until <paramref name="stop"/> is cancelled or the stream ends.</summary>
    /// <returns>A task that completes when the consumer has stopped; it never faults: the subscriber records how it ended.</returns>
    /// <remarks>The buffer fails rather than drops when it overflows (<see cref="AsyncBufferOverflow.Fail"/>), so a loss
    /// shows up as an error, never as a silent gap.</remarks>
    public static async Task ConsumeAsync(
        IObservable<JackpotEvent> events, SequenceSubscriber subscriber, TimeSpan workPerEvent, CancellationToken stop)
    {
        try
        {
            await foreach (var jackpotEvent in events.ToAsyncEnumerable(BufferCapacity, AsyncBufferOverflow.Fail).WithCancellation(stop).ConfigureAwait(false))
            {
                // Stop at once when told, rather than after working through what is buffered.
                stop.ThrowIfCancellationRequested();
                if (workPerEvent > TimeSpan.Zero)
                {
                    SimulatedWork.Block(workPerEvent);
                }

                subscriber.OnNext(jackpotEvent);
            }

            subscriber.OnCompleted();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            subscriber.OnCompleted();
        }
        catch (Exception error)
        {
            subscriber.OnError(error);
        }
    }
}
