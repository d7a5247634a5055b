using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Jackpot.Reactive;

/// <summary>
/// An immutable snapshot of every jackpot seen on a stream, produced by
/// <see cref="JackpotObservable.ToBoard(IObservable{JackpotEvent})"/>.
/// </summary>
/// <remarks>
/// Snapshots share structure: a new snapshot differs from the previous one by one entry, and every other entry is the very
/// same <see cref="JackpotBoardEntry"/> instance, so UIs can detect changed rows by reference. A snapshot is safe to read
/// from any thread.
/// </remarks>
public sealed class JackpotBoard
{
    private static readonly Comparer<JackpotId> OrdinalJackpotOrder =
        Comparer<JackpotId>.Create(static (left, right) => string.CompareOrdinal(left.Value, right.Value));

    private readonly ImmutableSortedDictionary<JackpotId, JackpotBoardEntry> _entries;

    private JackpotBoard(ImmutableSortedDictionary<JackpotId, JackpotBoardEntry> entries) => _entries = entries;

    /// <summary>Gets the board without jackpots.</summary>
    public static JackpotBoard Empty { get; } =
        new(ImmutableSortedDictionary.Create<JackpotId, JackpotBoardEntry>(OrdinalJackpotOrder));

    /// <summary>Gets the entries by jackpot; enumeration is in ordinal order of <see cref="JackpotId.Value"/>.</summary>
    public IReadOnlyDictionary<JackpotId, JackpotBoardEntry> Entries => _entries;

    /// <summary>Gets the number of jackpots on the board.</summary>
    public int Count => _entries.Count;

    /// <summary>Gets the entry of a jackpot.</summary>
    /// <param name="jackpot">The jackpot.</param>
    /// <returns>The jackpot's entry.</returns>
    /// <exception cref="KeyNotFoundException">The jackpot is not on the board.</exception>
    public JackpotBoardEntry this[JackpotId jackpot] =>
        _entries.TryGetValue(jackpot, out var entry)
            ? entry
            : throw new KeyNotFoundException($"Jackpot '{jackpot.Value}' is not on the board.");

    /// <summary>Gets the entry of a jackpot if it is on the board.</summary>
    /// <param name="jackpot">The jackpot.</param>
    /// <param name="entry">The entry, or null when the jackpot is not on the board.</param>
    /// <returns>Whether the jackpot is on the board.</returns>
    public bool TryGetEntry(JackpotId jackpot, [MaybeNullWhen(false)] out JackpotBoardEntry entry) =>
        _entries.TryGetValue(jackpot, out entry);

    /// <summary>Returns a board with <paramref name="entry"/> added or replacing the entry of its jackpot.</summary>
    internal JackpotBoard With(JackpotBoardEntry entry) => new(_entries.SetItem(entry.Jackpot, entry));
}
