using System.Globalization;
using System.Text.Json;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Simulator;

/// <summary>One dispatched SSE event as a test reads it.</summary>
internal sealed record SseTestEvent(string? Id, string Data)
{
    public long NumericId => long.Parse(Id ?? throw new InvalidOperationException("The event has no id."), CultureInfo.InvariantCulture);

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Data);
            return document.RootElement.Clone();
        }
    }

    public string Field(string name) => Json.GetProperty(name).GetString()!;
}

/// <summary>
/// A minimal line-based SSE reader over a plain <see cref="HttpClient"/> response, for tests: every read waits with a
/// timeout, never sleeps. It handles what the simulator sends (LF line ends, <c>id</c>/<c>data</c> fields, comments).
/// </summary>
internal sealed class SseTestStream : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly StreamReader _reader;

    private SseTestStream(HttpResponseMessage response, Stream body)
    {
        Response = response;
        _reader = new StreamReader(body);
    }

    public HttpResponseMessage Response { get; }

    /// <summary>Gets the comment lines read so far (without the leading colon and space).</summary>
    public List<string> Comments { get; } = [];

    public static async Task<SseTestStream> OpenAsync(HttpClient client, Uri uri, string? lastEventId = null)
    {
        var response = await SendAsync(client, uri, lastEventId);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the stream must open");
        var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return new SseTestStream(response, body);
    }

    public static Task<SseTestStream> OpenAsync(HttpClient client, PushEventSimulator simulator, ChannelName channel, string? lastEventId = null) =>
        OpenAsync(client, simulator.GetChannelUri(channel), lastEventId);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri uri, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken)
            .WaitAsync(DefaultTimeout, TestContext.Current.CancellationToken);
    }

    /// <summary>Reads the next event; <see langword="null"/> at the end of the stream.</summary>
    public async Task<SseTestEvent?> ReadEventAsync(TimeSpan? timeout = null)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(timeout ?? DefaultTimeout);
        string? id = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cancellation.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No event within {timeout ?? DefaultTimeout}.");
            }

            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new SseTestEvent(id, string.Join('\n', data));
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line.TrimStart(':').TrimStart(' '));
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line[6..]);
            }
        }
    }

    public async Task<SseTestEvent> ReadRequiredEventAsync(TimeSpan? timeout = null) =>
        await ReadEventAsync(timeout) ?? throw new InvalidOperationException("The stream ended before the expected event.");

    public async Task<List<SseTestEvent>> ReadEventsAsync(int count)
    {
        var events = new List<SseTestEvent>(count);
        while (events.Count < count)
        {
            events.Add(await ReadRequiredEventAsync());
        }

        return events;
    }

    /// <summary>Reads events until one matches; returns it.</summary>
    public async Task<SseTestEvent> ReadUntilAsync(Func<SseTestEvent, bool> predicate)
    {
        while (true)
        {
            var next = await ReadRequiredEventAsync();
            if (predicate(next))
            {
                return next;
            }
        }
    }

    /// <summary>Reads (and discards events) until a comment arrives.</summary>
    public async Task<string> ReadCommentAsync()
    {
        int seen = Comments.Count;
        while (Comments.Count == seen)
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cancellation.CancelAfter(DefaultTimeout);
            string? line = await _reader.ReadLineAsync(cancellation.Token)
                ?? throw new InvalidOperationException("The stream ended before a comment.");
            if (line.StartsWith(':'))
            {
                Comments.Add(line.TrimStart(':').TrimStart(' '));
            }
        }

        return Comments[seen];
    }

    /// <summary>Reads until the stream ends; returns the events read on the way.</summary>
    public async Task<List<SseTestEvent>> ReadToEndAsync()
    {
        var events = new List<SseTestEvent>();
        while (await ReadEventAsync() is { } next)
        {
            events.Add(next);
        }

        return events;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        Response.Dispose();
        return ValueTask.CompletedTask;
    }
}
