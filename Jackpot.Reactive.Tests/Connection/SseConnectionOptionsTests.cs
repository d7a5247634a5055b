namespace Jackpot.Reactive.Tests.Connection;

public sealed class SseConnectionOptionsTests
{
    private static readonly Uri StreamUri = new("https://push.example/subscribe?channel=ws_broadcast_g1");

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new SseConnectionOptions { Uri = StreamUri };

        options.Reconnect.Should().BeSameAs(ReconnectPolicy.Default);
        options.IdleTimeout.Should().BeNull();
        options.MaxEventSize.Should().Be(SseEventParser.DefaultMaxEventSize);
        options.Headers.Should().BeEmpty();
        options.LastEventId.Should().BeNull();
    }

    [Fact]
    public void Init_InvalidValues_ThrowNamingTheProperty()
    {
        FluentActions.Invoking(() => new SseConnectionOptions { Uri = null! }).Should().Throw<ArgumentNullException>().WithParameterName("Uri");
        FluentActions.Invoking(() => new SseConnectionOptions { Uri = new Uri("ftp://x/") }).Should().Throw<ArgumentException>().WithParameterName("Uri");
        FluentActions.Invoking(() => new SseConnectionOptions { Uri = StreamUri, Reconnect = null! }).Should().Throw<ArgumentNullException>().WithParameterName("Reconnect");
        FluentActions.Invoking(() => new SseConnectionOptions { Uri = StreamUri, Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMinutes(1) } })
            .Should().Throw<ArgumentException>().WithParameterName("Reconnect");
        FluentActions.Invoking(() => new SseConnectionOptions { Uri = StreamUri, IdleTimeout = TimeSpan.Zero }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("IdleTimeout");
        FluentActions.Invoking(() => new SseConnectionOptions { Uri = StreamUri, MaxEventSize = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxEventSize");
        FluentActions.Invoking(() => new SseConnectionOptions { Uri = StreamUri, LastEventId = "a\nb" }).Should().Throw<ArgumentException>().WithParameterName("LastEventId");
        FluentActions.Invoking(() => new SseConnectionOptions { Uri = StreamUri, Headers = [new("X-A", "1\r\nX-B: 2")] }).Should().Throw<ArgumentException>().WithParameterName("Headers");
        FluentActions.Invoking(() => new SseConnectionOptions { Uri = StreamUri, Headers = null! }).Should().Throw<ArgumentNullException>().WithParameterName("Headers");
    }

    [Fact]
    public void Headers_AreCopied()
    {
        var headers = new List<KeyValuePair<string, string>> { new("X-A", "1") };

        var options = new SseConnectionOptions { Uri = StreamUri, Headers = headers };
        headers.Add(new("X-B", "2"));

        options.Headers.Should().ContainSingle();
    }
}
