namespace Jackpot.Reactive.Samples;

/// <summary>A cluster the <c>cluster</c> command runs: its client, its silos by number, and a way to kill one.</summary>
internal interface ISampleCluster : IAsyncDisposable
{
    IClusterClient Client { get; }

    int SiloCount { get; }

    /// <summary>Gets whether silo <paramref name="index"/> can be killed now.</summary>
    bool CanKill(int index);

    /// <summary>Kills silo <paramref name="index"/> (no graceful hand-over).</summary>
    Task KillAsync(int index);

    /// <summary>Returns the number of the silo with the given address (as Orleans prints it), or -1.</summary>
    int IndexOf(string siloAddress);
}
