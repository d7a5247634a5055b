using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples;

/// <summary>Makes the sample's player win a random jackpot of the simulator now and then, so a newcomer sees a
/// celebration within the first minute.</summary>
internal static class SimulatedPlayerWins
{
    private static readonly TimeSpan ShortestGap = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LongestGap = TimeSpan.FromSeconds(20);

    /// <summary>Starts the wins.</summary>
    /// <param name="simulator">The simulator.</param>
    /// <param name="player">The winner.</param>
    /// <param name="every">The time between two wins, or null for a random 15 to 20 seconds each time.</param>
    /// <param name="scheduler">Times the wins.</param>
    /// <returns>Disposing it stops the wins.</returns>
    public static IDisposable Start(PushEventSimulator simulator, PlayerId player, TimeSpan? every, IScheduler scheduler)
    {
        var stopped = new BooleanDisposable();
        var pending = scheduler.Schedule(NextGap(every), self =>
        {
            if (stopped.IsDisposed)
            {
                return;
            }

            var jackpots = simulator.GetJackpots();
            try
            {
                simulator.MakePlayerWin(player, jackpots[Random.Shared.Next(jackpots.Count)].Jackpot);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            self(NextGap(every));
        });
        return new CompositeDisposable(stopped, pending);
    }

    private static TimeSpan NextGap(TimeSpan? every) =>
        every ?? ShortestGap + ((LongestGap - ShortestGap) * Random.Shared.NextDouble());
}
