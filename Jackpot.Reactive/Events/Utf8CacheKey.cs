using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Unicode;

namespace Jackpot.Reactive;

/// <summary>Hashing and matching of UTF-8 keys against cached strings, for the decoder's bounded caches.</summary>
internal static class Utf8CacheKey
{
    /// <summary>Keys longer than this are never cached (and never compared on the stack).</summary>
    public const int MaxKeyBytes = 256;

    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    /// <summary>A fast, non-cryptographic hash of <paramref name="utf8"/>. Collisions only cost a cache miss.</summary>
    public static uint Hash(ReadOnlySpan<byte> utf8)
    {
        ulong hash = (ulong)utf8.Length * Multiplier;
        while (utf8.Length >= sizeof(ulong))
        {
            hash = (BitOperations.RotateLeft(hash, 23) ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * Multiplier;
            utf8 = utf8[sizeof(ulong)..];
        }

        foreach (byte b in utf8)
        {
            hash = (BitOperations.RotateLeft(hash, 23) ^ b) * Multiplier;
        }

        hash ^= hash >> 29;
        return (uint)(hash ^ (hash >> 32));
    }

    /// <summary>Whether <paramref name="candidate"/> is the UTF-16 form of <paramref name="utf8"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> utf8, string? candidate)
    {
        if (candidate is null || candidate.Length > utf8.Length)
        {
            return false;
        }

        if (candidate.Length == utf8.Length)
        {
            // Same length: equal only if both are ASCII (one UTF-8 byte per UTF-16 unit).
            return Ascii.Equals(utf8, candidate);
        }

        // Fewer UTF-16 units than bytes: the key has non-ASCII text; compare after transcoding.
        Span<char> chars = stackalloc char[MaxKeyBytes];
        return utf8.Length <= MaxKeyBytes
            && Utf8.ToUtf16(utf8, chars, out _, out int written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
            && chars[..written].SequenceEqual(candidate);
    }

    /// <summary>Creates the string of <paramref name="utf8"/>, or fails when it is not valid UTF-8.</summary>
    public static bool TryCreateString(ReadOnlySpan<byte> utf8, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        if (!Utf8.IsValid(utf8))
        {
            value = null;
            return false;
        }

        value = Encoding.UTF8.GetString(utf8);
        return true;
    }
}
