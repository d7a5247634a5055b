namespace Jackpot.Reactive;

/// <summary>
/// A small, bounded, thread-safe cache of parsed <see cref="ChannelName"/>s keyed by their UTF-8 form, so an event's
/// channel is neither allocated nor parsed again on every event.
/// </summary>
/// <remarks>
/// Direct-mapped like <see cref="Utf8StringCache"/>. A <see cref="ChannelName"/> is a single reference to immutable
/// data, so a slot is read and written atomically (ECMA-335 I.12.6.6) and concurrent decoders at worst miss.
/// </remarks>
internal sealed class ChannelNameCache
{
    private readonly ChannelName[] _slots;
    private readonly int _mask;

    /// <summary>Creates the cache.</summary>
    /// <param name="slotCountPowerOfTwo">The number of slots; a power of two.</param>
    public ChannelNameCache(int slotCountPowerOfTwo)
    {
        if (slotCountPowerOfTwo <= 0 || (slotCountPowerOfTwo & (slotCountPowerOfTwo - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slotCountPowerOfTwo), slotCountPowerOfTwo, "The slot count must be a power of two.");
        }

        _slots = new ChannelName[slotCountPowerOfTwo];
        _mask = slotCountPowerOfTwo - 1;
    }

    /// <summary>Gets the channel named by <paramref name="utf8"/>.</summary>
    /// <param name="utf8">The channel name, unescaped.</param>
    /// <param name="channel">The channel.</param>
    /// <returns><see langword="false"/> when the text is not valid UTF-8 or not a valid channel name.</returns>
    public bool TryGetOrAdd(ReadOnlySpan<byte> utf8, out ChannelName channel)
    {
        bool cacheable = utf8.Length <= Utf8CacheKey.MaxKeyBytes;
        int index = cacheable ? (int)Utf8CacheKey.Hash(utf8) & _mask : 0;
        if (cacheable)
        {
            channel = _slots[index];
            if (Utf8CacheKey.Matches(utf8, channel.RawValue.Length == 0 ? null : channel.RawValue))
            {
                return true;
            }
        }

        if (!Utf8CacheKey.TryCreateString(utf8, out string? name) || !ChannelName.TryParse(name, out channel))
        {
            channel = default;
            return false;
        }

        if (cacheable)
        {
            _slots[index] = channel;
        }

        return true;
    }
}
