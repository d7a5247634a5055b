using System.Diagnostics.CodeAnalysis;

namespace Jackpot.Reactive;

/// <summary>
/// A small, bounded, thread-safe cache that hands back the same <see cref="string"/> instance for UTF-8 text seen
/// before, so strings that repeat on every event (reasons, ids, currencies, values) are not allocated again.
/// </summary>
/// <remarks>
/// Direct-mapped: one string per slot, the slot chosen by a hash of the bytes; a new string replaces whatever was in
/// its slot. The string itself is the key, so a miss allocates nothing beyond the string the caller needs anyway.
/// Slots hold immutable strings and are read and written atomically, so concurrent decoders at worst miss.
/// </remarks>
internal sealed class Utf8StringCache
{
    private readonly string?[] _slots;
    private readonly int _mask;

    /// <summary>Creates the cache.</summary>
    /// <param name="slotCountPowerOfTwo">The number of slots; a power of two.</param>
    public Utf8StringCache(int slotCountPowerOfTwo)
    {
        if (slotCountPowerOfTwo <= 0 || (slotCountPowerOfTwo & (slotCountPowerOfTwo - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slotCountPowerOfTwo), slotCountPowerOfTwo, "The slot count must be a power of two.");
        }

        _slots = new string?[slotCountPowerOfTwo];
        _mask = slotCountPowerOfTwo - 1;
    }

    /// <summary>Gets the string of <paramref name="utf8"/>, cached when it is short enough.</summary>
    /// <param name="utf8">The text, unescaped.</param>
    /// <param name="value">The string.</param>
    /// <returns><see langword="false"/> when <paramref name="utf8"/> is not valid UTF-8.</returns>
    public bool TryGetOrAdd(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value)
    {
        if (utf8.Length > Utf8CacheKey.MaxKeyBytes)
        {
            return Utf8CacheKey.TryCreateString(utf8, out value);
        }

        ref string? slot = ref _slots[(int)Utf8CacheKey.Hash(utf8) & _mask];
        string? cached = Volatile.Read(ref slot);
        if (Utf8CacheKey.Matches(utf8, cached))
        {
            value = cached!;
            return true;
        }

        if (!Utf8CacheKey.TryCreateString(utf8, out value))
        {
            return false;
        }

        Volatile.Write(ref slot, value);
        return true;
    }
}
