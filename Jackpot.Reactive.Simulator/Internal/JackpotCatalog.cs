namespace Jackpot.Reactive.Simulator;

/// <summary>The fixed description of one simulated jackpot.</summary>
internal sealed record JackpotDefinition(JackpotId Id, string Currency, decimal SeedAmount, decimal ContributionPerSpin);

/// <summary>Derives a group's jackpots from its channel name and the options, the same way on every run.</summary>
internal static class JackpotCatalog
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int IdLength = 8;

    /// <summary>Jackpot <c>i</c> has tier <c>i mod 3</c>: mini, major and grand seed and grow at 1, 10 and 100 times the base.</summary>
    public static JackpotDefinition[] Create(ChannelName broadcast, PushEventSimulatorOptions options)
    {
        var jackpots = new JackpotDefinition[options.JackpotsPerGroup];
        for (int index = 0; index < jackpots.Length; index++)
        {
            decimal tier = (index % 3) switch { 0 => 1m, 1 => 10m, _ => 100m };
            jackpots[index] = new JackpotDefinition(
                new JackpotId(IdFor(broadcast.RawValue + "#" + index)),
                options.Currencies[index % options.Currencies.Count],
                options.SeedAmount * tier,
                options.ContributionPerSpin * tier);
        }

        return jackpots;
    }

    /// <summary>A 64-bit FNV-1a hash of the UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static ulong StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The seed of a channel's random sequence, from the simulator's seed and the channel name.</summary>
    public static int RandomSeedFor(string channel, int simulatorSeed) =>
        unchecked((int)StableHash(channel) ^ (int)(StableHash(channel) >> 32) ^ (simulatorSeed * 486187739));

    private static string IdFor(string key)
    {
        ulong hash = StableHash(key);
        Span<char> id = stackalloc char[IdLength];
        for (int i = 0; i < IdLength; i++)
        {
            id[i] = Alphabet[(int)(hash % (ulong)Alphabet.Length)];
            hash /= (ulong)Alphabet.Length;
        }

        return new string(id);
    }
}
