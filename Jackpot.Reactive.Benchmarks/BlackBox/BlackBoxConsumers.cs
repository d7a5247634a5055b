using System.Globalization;
using System.Net.ServerSentEvents;
using System.Reactive.Subjects;
using System.Text;
using System.Text.Json;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>
/// The .NET consumers of the black-box benchmark, one per child process (<c>blackbox-consumer &lt;kind&gt; &lt;url&gt;
/// &lt;warm-up&gt; &lt;events&gt; flood|paced</c>): each reads the stream, hands every event to an observer that feeds the
/// <see cref="MeasurementWindow"/>, and prints the window's result line when it closes.
/// </summary>
internal static class BlackBoxConsumers
{
    public const string Command = "blackbox-consumer";
    public const string Workspace = "bb-workspace";
    public const string Group = "bb-group";

    public static async Task<int> RunAsync(string[] args)
    {
        string kind = args[1];
        var endpoint = new Uri(args[2]);
        long warmup = long.Parse(args[3], CultureInfo.InvariantCulture);
        long measured = long.Parse(args[4], CultureInfo.InvariantCulture);
        var window = new MeasurementWindow(warmup, measured, paced: args[5] == "paced");
        using var stop = new CancellationTokenSource();
        var channelUri = JackpotPushEndpoint.BuildSubscribeUri(ChannelName.Broadcast(new WorkspaceId(Workspace), new JackpotGroupId(Group)), endpoint);
        IDisposable running = kind switch
        {
            "ours" => Ours(endpoint, window),
            "bcl" => Start(() => BclAsync(channelUri, window, stop.Token), window),
            "naive" => Start(() => NaiveAsync(channelUri, window, stop.Token), window),
            _ => throw new ArgumentException($"Unknown consumer '{kind}'.", nameof(args)),
        };
        await window.Done.WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        Console.WriteLine(window.ResultLine());
        await Console.Out.FlushAsync().ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        running.Dispose();
        return 0;
    }

    /// <summary>Ours: <see cref="JackpotPushClient.Broadcast"/> with default options.</summary>
    private static IDisposable Ours(Uri endpoint, MeasurementWindow window)
    {
        var client = new JackpotPushClient(new JackpotPushClientOptions { Endpoint = endpoint, Workspace = new WorkspaceId(Workspace) });
        var subscription = client.Broadcast(new JackpotGroupId(Group)).Subscribe(
            e => window.OnEvent(window.IsPaced ? (long)e.Amount : 0),
            window.Fail);
        return System.Reactive.Disposables.Disposable.Create(() =>
        {
            subscription.Dispose();
            client.Dispose();
        });
    }

    private static IDisposable Start(Func<Task> read, MeasurementWindow window)
    {
        _ = Task.Run(read).ContinueWith(t => window.Fail(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return System.Reactive.Disposables.Disposable.Empty;
    }

    /// <summary>bcl: <see cref="HttpClient"/> + <see cref="SseParser"/> + System.Text.Json source-generated from the UTF-8
    /// span + <see cref="Subject{T}"/>.</summary>
    private static async Task BclAsync(Uri channelUri, MeasurementWindow window, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var subject = new Subject<JackpotEventDto>();
        using var counter = subject.Subscribe(dto => window.OnEvent(Stamp(window, dto)));
        using var response = await http.GetAsync(channelUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var parser = SseParser.Create(stream, static (_, data) => JsonSerializer.Deserialize(data, JackpotEventDtoJsonContext.Default.JackpotEventDto));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is { } dto)
            {
                subject.OnNext(dto);
            }
        }
    }

    /// <summary>naive: <see cref="HttpClient"/> + <see cref="StreamReader.ReadLineAsync(CancellationToken)"/> + System.Text.Json
    /// by reflection + <see cref="Subject{T}"/>.</summary>
    private static async Task NaiveAsync(Uri channelUri, MeasurementWindow window, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var subject = new Subject<JackpotEventDto>();
        using var counter = subject.Subscribe(dto => window.OnEvent(Stamp(window, dto)));
        using var response = await http.GetAsync(channelUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
#pragma warning disable IL2026, IL3050 // Reflection-based on purpose: what a hand-written consumer does.
                var dto = JsonSerializer.Deserialize<JackpotEventDto>(line.AsSpan(5).TrimStart(' '), ReflectionOptions);
#pragma warning restore IL2026, IL3050
                if (dto is not null)
                {
                    subject.OnNext(dto);
                }
            }
        }
    }

    private static readonly JsonSerializerOptions ReflectionOptions = new();

    private static long Stamp(MeasurementWindow window, JackpotEventDto dto) =>
        window.IsPaced ? long.Parse(dto.Value!, CultureInfo.InvariantCulture) : 0;
}
