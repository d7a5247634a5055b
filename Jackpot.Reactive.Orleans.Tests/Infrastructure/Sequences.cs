namespace Jackpot.Reactive.Orleans.Tests.Infrastructure;

/// <summary>Compares event sequences. A jackpot's value may legitimately repeat (an interval without spins), so a
/// stream is checked as a contiguous run of another, not by the uniqueness of its items.</summary>
internal static class Sequences
{
    /// <summary>Whether <paramref name="run"/> appears in <paramref name="sequence"/> contiguously, in order.</summary>
    public static bool ContainsRun<T>(IReadOnlyList<T> sequence, IReadOnlyList<T> run)
    {
        var comparer = EqualityComparer<T>.Default;
        for (int start = 0; start + run.Count <= sequence.Count; start++)
        {
            int i = 0;
            while (i < run.Count && comparer.Equals(sequence[start + i], run[i]))
            {
                i++;
            }

            if (i == run.Count)
            {
                return true;
            }
        }

        return run.Count == 0;
    }
}
