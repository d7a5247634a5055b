using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Jackpot.Reactive.Orleans;

/// <summary>
/// Derives a channel grain's key from its channel name: a keyed hash (HMAC-SHA256) of the raw name with the cluster's
/// <see cref="JackpotChannelOptions.GrainKeySecret"/>, so a player's id never becomes a grain id, which Orleans writes
/// in its logs, its grain directory and the grain storage's keys. The raw name travels only in calls and stays in memory.
/// </summary>
/// <remarks>Every silo and client of a cluster must share the secret: a different one names a different grain (and a
/// grain refuses a channel whose key is not its own). Thread-safe.</remarks>
internal sealed class ChannelGrainKeys
{
    /// <summary>The prefix of every key, with the scheme's version.</summary>
    public const string Prefix = "jc1.";

    private readonly byte[] _secret;

    public ChannelGrainKeys(IOptions<JackpotChannelOptions> options)
        : this(options.Value.GrainKeySecret)
    {
    }

    public ChannelGrainKeys(string? secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Returns the grain key of a channel: <c>jc1.</c> and the base64url HMAC-SHA256 of its raw name (47 characters).</summary>
    public string For(ChannelName channel)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(channel.RawValue), hash);
        return Prefix + Base64Url.EncodeToString(hash);
    }
}
