using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using System.Text;
using System.Text.Json;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>A consumer of a broadcast channel that counts the events it has received.</summary>
internal interface IStreamConsumer : IAsyncDisposable
{
    /// <summary>Gets the events received so far.</summary>
    long Received { get; }

    /// <summary>Connects and waits for the first event.</summary>
    Task StartAsync(TimeSpan timeout);
}

/// <summary>Ours: <see cref="JackpotPushClient.Broadcast"/> subscribed, each event handed to a callback.</summary>
internal sealed class JackpotClientConsumer : IStreamConsumer, IObserver<JackpotEvent>
{
    private readonly JackpotPushClient _client;
    private readonly JackpotGroupId _group;
    private readonly Action<JackpotEvent>? _onEvent;
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _subscription;
    private long _received;

    public JackpotClientConsumer(Uri subscribeUri, WorkspaceId workspace, JackpotGroupId group, Action<JackpotEvent>? onEvent = null)
    {
        _client = new JackpotPushClient(
            new JackpotPushClientOptions { Endpoint = subscribeUri, Workspace = workspace, Linger = TimeSpan.Zero },
            httpClient: null,
            scheduler: DefaultScheduler.Instance,
            loggerFactory: null);
        _group = group;
        _onEvent = onEvent;
    }

    public long Received => Interlocked.Read(ref _received);

    public async Task StartAsync(TimeSpan timeout)
    {
        _subscription = _client.Broadcast(_group).Subscribe(this);
        await _first.Task.WaitAsync(timeout).ConfigureAwait(false);
    }

    public void OnNext(JackpotEvent value)
    {
        _onEvent?.Invoke(value);
        if (Interlocked.Increment(ref _received) == 1)
        {
            _first.TrySetResult();
        }
    }

    public void OnError(Exception error) => _first.TrySetException(error);

    public void OnCompleted() => _first.TrySetException(new InvalidOperationException("The stream completed."));

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// What users write by hand: <see cref="HttpClient"/>, <see cref="StreamReader.ReadLineAsync(CancellationToken)"/>, each
/// <c>data:</c> line deserialised by <see cref="JsonSerializer"/> (source-generated) into a DTO and pushed into a
/// <see cref="Subject{T}"/>.
/// </summary>
internal sealed class NaiveConsumer : IStreamConsumer
{
    private readonly HttpClient _http = new();
    private readonly Uri _channelUri;
    private readonly Subject<JackpotEventDto> _subject = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _counter;
    private Task _reading = Task.CompletedTask;
    private long _received;

    public NaiveConsumer(Uri channelUri, Action<JackpotEventDto>? onEvent = null)
    {
        _channelUri = channelUri;
        _counter = _subject.Subscribe(dto =>
        {
            onEvent?.Invoke(dto);
            if (Interlocked.Increment(ref _received) == 1)
            {
                _first.TrySetResult();
            }
        });
    }

    public long Received => Interlocked.Read(ref _received);

    public async Task StartAsync(TimeSpan timeout)
    {
        _reading = Task.Run(() => ReadAsync(_stop.Token));
        await _first.Task.WaitAsync(timeout).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _counter.Dispose();
        _subject.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(_channelUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    var dto = JsonSerializer.Deserialize(line.AsSpan(5).TrimStart(' '), JackpotEventDtoJsonContext.Default.JackpotEventDto);
                    if (dto is not null)
                    {
                        _subject.OnNext(dto);
                    }
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _first.TrySetException(error);
            throw;
        }
    }
}
