namespace Jackpot.Reactive.Tests.Sse;

public sealed class Utf8StringCacheTests
{
    [Fact]
    public void GetOrAdd_SameBytes_ReturnsTheSameString()
    {
        var cache = new Utf8StringCache(capacity: 2);

        var first = cache.GetOrAdd("jackpot_value"u8);
        var second = cache.GetOrAdd("jackpot_value"u8);

        first.Should().Be("jackpot_value");
        second.Should().BeSameAs(first);
    }

    [Fact]
    public void GetOrAdd_MoreValuesThanCapacity_ForgetsTheOldest()
    {
        var cache = new Utf8StringCache(capacity: 2);
        var a = cache.GetOrAdd("a"u8);
        var b = cache.GetOrAdd("b"u8);

        cache.GetOrAdd("c"u8);

        cache.GetOrAdd("b"u8).Should().BeSameAs(b);
        cache.GetOrAdd("a"u8).Should().Be("a").And.NotBeSameAs(a);
    }

    [Fact]
    public void GetOrAdd_LongValue_IsDecodedButNotRemembered()
    {
        var cache = new Utf8StringCache(capacity: 2);
        var bytes = new byte[Utf8StringCache.MaxCachedLength + 1];
        bytes.AsSpan().Fill((byte)'x');

        var first = cache.GetOrAdd(bytes);

        first.Should().HaveLength(bytes.Length);
        cache.GetOrAdd(bytes).Should().Be(first).And.NotBeSameAs(first);
    }

    [Fact]
    public void GetOrAdd_InvalidUtf8_DecodesToReplacementCharacter()
    {
        var cache = new Utf8StringCache(capacity: 1);

        cache.GetOrAdd([(byte)'a', 0xFF]).Should().Be("a\uFFFD");
    }

    [Fact]
    public void GetOrAdd_PrefixOfRememberedValue_IsADifferentString()
    {
        var cache = new Utf8StringCache(capacity: 1);
        cache.GetOrAdd("12345"u8);

        cache.GetOrAdd("123"u8).Should().Be("123");
        cache.GetOrAdd("1234567"u8).Should().Be("1234567");
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws()
    {
        var create = () => new Utf8StringCache(0);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
