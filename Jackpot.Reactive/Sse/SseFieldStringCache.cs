using System.Text;

namespace Jackpot.Reactive;

/// <summary>
/// Decodes short UTF-8 values to strings and remembers the last few, so a value that repeats (an event type)
/// is decoded and allocated once. Not thread-safe: one per parser.
/// </summary>
internal sealed class SseFieldStringCache
{
    /// <summary>Longer values are decoded every time and not remembered.</summary>
    internal const int MaxCachedLength = 128;

    private readonly byte[][] _keys;
    private readonly int[] _keyLengths;
    private readonly string[] _values;
    private int _count;
    private int _nextSlot;

    /// <summary>Creates a cache that remembers up to <paramref name="capacity"/> values.</summary>
    /// <param name="capacity">How many values to remember (at least 1).</param>
    public SseFieldStringCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _keys = new byte[capacity][];
        _keyLengths = new int[capacity];
        _values = new string[capacity];
    }

    /// <summary>Returns the string for <paramref name="utf8"/>: a remembered one, or a newly decoded one
    /// (invalid UTF-8 becomes U+FFFD).</summary>
    /// <param name="utf8">The UTF-8 bytes.</param>
    /// <returns>The decoded string.</returns>
    public string GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < _count; i++)
        {
            if (utf8.SequenceEqual(_keys[i].AsSpan(0, _keyLengths[i])))
            {
                return _values[i];
            }
        }

        var value = Encoding.UTF8.GetString(utf8);
        if (utf8.Length <= MaxCachedLength)
        {
            Remember(utf8, value);
        }

        return value;
    }

    /// <summary>Remembers a value, replacing the oldest one when the cache is full.</summary>
    /// <param name="utf8">The UTF-8 bytes.</param>
    /// <param name="value">The string they decode to.</param>
    public void Remember(ReadOnlySpan<byte> utf8, string value)
    {
        var slot = _nextSlot;
        _nextSlot = (slot + 1) % _keys.Length;
        _count = Math.Min(_count + 1, _keys.Length);

        // The key arrays are reused, so a cache of changing ids allocates only the strings.
        var key = _keys[slot];
        if (key is null || key.Length < utf8.Length)
        {
            key = _keys[slot] = new byte[Math.Max(utf8.Length, 16)];
        }

        utf8.CopyTo(key);
        _keyLengths[slot] = utf8.Length;
        _values[slot] = value;
    }
}
