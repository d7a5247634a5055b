namespace Jackpot.Reactive.Samples;

/// <summary>The work of a slow subscriber: it blocks the calling thread, as CPU-bound or blocking code in an
/// <c>OnNext</c> would. This is the fault being simulated, not a wait for something to happen.</summary>
internal static class SimulatedWork
{
    private static readonly ManualResetEventSlim NeverSet = new(initialState: false);

    public static void Block(TimeSpan duration) => NeverSet.Wait(duration);
}
