using System.Text;

namespace Jackpot.Reactive.Tests.Events;

public sealed class Utf8StringCacheTests
{
    [Theory]
    [InlineData("EUR")]
    [InlineData("")]
    [InlineData("jöhn.dœ@exämple.com")]
    [InlineData("日本語😀")]
    public void TryGetOrAdd_SameText_ReturnsSameInstance(string text)
    {
        var cache = new Utf8StringCache(16);

        cache.TryGetOrAdd(Encoding.UTF8.GetBytes(text), out string? first).Should().BeTrue();
        cache.TryGetOrAdd(Encoding.UTF8.GetBytes(text), out string? second).Should().BeTrue();

        first.Should().Be(text);
        second.Should().BeSameAs(first);
    }

    [Fact]
    public void TryGetOrAdd_DifferentTextsInOneSlot_NeverReturnsWrongString()
    {
        var cache = new Utf8StringCache(1);

        foreach (string text in new[] { "a", "b", "ab", "ä", "a", "ä", "ba" })
        {
            cache.TryGetOrAdd(Encoding.UTF8.GetBytes(text), out string? value).Should().BeTrue();
            value.Should().Be(text);
        }
    }

    [Fact]
    public void TryGetOrAdd_InvalidUtf8_Fails()
    {
        var cache = new Utf8StringCache(16);
        cache.TryGetOrAdd("a\u00e4"u8.ToArray(), out _).Should().BeTrue();

        cache.TryGetOrAdd([(byte)'a', 0xC3], out string? truncated).Should().BeFalse();
        cache.TryGetOrAdd([0xC3, 0x28], out string? invalid).Should().BeFalse();

        truncated.Should().BeNull();
        invalid.Should().BeNull();
    }

    [Fact]
    public void TryGetOrAdd_TextLongerThanKeyLimit_IsCreatedButNotCached()
    {
        var cache = new Utf8StringCache(16);
        byte[] text = Encoding.UTF8.GetBytes(new string('x', Utf8CacheKey.MaxKeyBytes + 1));

        cache.TryGetOrAdd(text, out string? first).Should().BeTrue();
        cache.TryGetOrAdd(text, out string? second).Should().BeTrue();

        second.Should().Be(first).And.NotBeSameAs(first);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-8)]
    public void Constructor_SlotCountNotPowerOfTwo_Throws(int slots)
    {
        FluentActions.Invoking(() => new Utf8StringCache(slots)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ChannelNameCache(slots)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ChannelNameCache_SameName_ReturnsEqualChannelWithSameRawString()
    {
        var cache = new ChannelNameCache(4);

        cache.TryGetOrAdd("ws_user_a@b.com"u8, out var first).Should().BeTrue();
        cache.TryGetOrAdd("ws_user_a@b.com"u8, out var second).Should().BeTrue();
        cache.TryGetOrAdd("ws_broadcast_g"u8, out var third).Should().BeTrue();
        cache.TryGetOrAdd("ws_nothing"u8, out var invalid).Should().BeFalse();

        second.Should().Be(first);
        second.RawValue.Should().BeSameAs(first.RawValue);
        first.PlayerId.RawValue.Should().Be("a@b.com");
        third.Group.Value.Should().Be("g");
        invalid.Should().Be(default(ChannelName));
    }

    [Fact]
    public async Task TryGetOrAdd_ConcurrentCallers_AlwaysGetTheirOwnText()
    {
        var cache = new Utf8StringCache(2);
        string[] texts = Enumerable.Range(0, 64).Select(i => "value-" + i).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                string expected = texts[(i * (worker + 1)) % texts.Length];
                cache.TryGetOrAdd(Encoding.UTF8.GetBytes(expected), out string? actual).Should().BeTrue();
                actual.Should().Be(expected);
            }
        }, TestContext.Current.CancellationToken)));
    }
}
