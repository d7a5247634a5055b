using System.Globalization;
using System.Text.Json;

namespace Jackpot.Reactive.TestServer;

/// <summary>One dispatched SSE event as a test reads it.</summary>
public sealed record SseTestEvent(string? Id, string Data)
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
/// timeout, never sleeps. It handles what the simulator and the test servers send (LF line ends, <c>id</c>/<c>data</c>
/// fields, comments). The token given when it is opened cancels every read.
/// </summary>
public sealed class SseTestReader : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly StreamReader _reader;
    private readonly CancellationToken _cancellationToken;

    private SseTestReader(HttpResponseMessage response, Stream body, CancellationToken cancellationToken)
    {
        Response = response;
        _reader = new StreamReader(body);
        _cancellationToken = cancellationToken;
    }

    public HttpResponseMessage Response { get; }

    /// <summary>Gets the comment lines read so far (without the leading colon and space).</summary>
    public List<string> Comments { get; } = [];

    /// <summary>Sends the GET and opens the stream.</summary>
    /// <exception cref="InvalidOperationException">The answer was not 200.</exception>
    public static async Task<SseTestReader> OpenAsync(HttpClient client, Uri uri, string? lastEventId = null, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(client, uri, lastEventId, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            response.Dispose();
            throw new InvalidOperationException($"The stream must open, but the server answered {(int)response.StatusCode}.");
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new SseTestReader(response, body, cancellationToken);
    }

    /// <summary>Sends the GET (<c>Accept: text/event-stream</c>, <c>Last-Event-ID</c> when given) and returns the
    /// answer once its headers have arrived.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri uri, string? lastEventId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .WaitAsync(DefaultTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the next event; <see langword="null"/> at the end of the stream.</summary>
    public async Task<SseTestEvent?> ReadEventAsync(TimeSpan? timeout = null)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
        cancellation.CancelAfter(timeout ?? DefaultTimeout);
        string? id = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_cancellationToken.IsCancellationRequested)
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
        await ReadEventAsync(timeout).ConfigureAwait(false) ?? throw new InvalidOperationException("The stream ended before the expected event.");

    public async Task<List<SseTestEvent>> ReadEventsAsync(int count)
    {
        var events = new List<SseTestEvent>(count);
        while (events.Count < count)
        {
            events.Add(await ReadRequiredEventAsync().ConfigureAwait(false));
        }

        return events;
    }

    /// <summary>Reads events until one matches; returns it.</summary>
    public async Task<SseTestEvent> ReadUntilAsync(Func<SseTestEvent, bool> predicate)
    {
        while (true)
        {
            var next = await ReadRequiredEventAsync().ConfigureAwait(false);
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
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
            cancellation.CancelAfter(DefaultTimeout);
            string? line = await _reader.ReadLineAsync(cancellation.Token).ConfigureAwait(false)
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
        while (await ReadEventAsync().ConfigureAwait(false) is { } next)
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
