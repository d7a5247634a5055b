using System.Net;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Transport;

/// <summary>What a scripted response does, at a time relative to its request.</summary>
internal enum ScriptAction
{
    Open,
    Send,
    Reject,
    Drop,
    End,
}

/// <summary>One timed step of a scripted response.</summary>
internal sealed record ScriptStep(TimeSpan At, ScriptAction Action)
{
    public string Text { get; init; } = string.Empty;

    public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

    public TimeSpan? RetryAfter { get; init; }

    public static ScriptStep Open(double seconds) => new(TimeSpan.FromSeconds(seconds), ScriptAction.Open);

    public static ScriptStep Send(double seconds, string text) => new(TimeSpan.FromSeconds(seconds), ScriptAction.Send) { Text = text };

    public static ScriptStep Reject(double seconds, HttpStatusCode status, TimeSpan? retryAfter = null) =>
        new(TimeSpan.FromSeconds(seconds), ScriptAction.Reject) { Status = status, RetryAfter = retryAfter };

    /// <summary>The connection breaks with an <see cref="IOException"/>.</summary>
    public static ScriptStep Drop(double seconds) => new(TimeSpan.FromSeconds(seconds), ScriptAction.Drop);

    /// <summary>The server ends the body cleanly.</summary>
    public static ScriptStep End(double seconds) => new(TimeSpan.FromSeconds(seconds), ScriptAction.End);
}

/// <summary>
/// An <see cref="ISseTransport"/> driven by a <see cref="TestScheduler"/>: attempt n plays script n (the last script
/// repeats for later attempts); a script without a final reject, drop or end stalls. Records each request and each
/// subscription (subscribe and unsubscribe time, as Rx's cold observables do).
/// </summary>
internal sealed class ScriptedTransport(TestScheduler scheduler, params IReadOnlyList<ScriptStep>[] scripts) : ISseTransport
{
    private readonly List<SseRequest> _requests = [];
    private readonly List<Subscription> _subscriptions = [];

    public IReadOnlyList<SseRequest> Requests => _requests;

    public IReadOnlyList<Subscription> Subscriptions => _subscriptions;

    public int OpenConnections { get; private set; }

    public static IReadOnlyList<ScriptStep> Script(params ScriptStep[] steps) => steps;

    public IObservable<SseTransportChunk> Connect(SseRequest request) => Observable.Create<SseTransportChunk>(observer =>
    {
        int index = _requests.Count;
        _requests.Add(request);
        _subscriptions.Add(new Subscription(scheduler.Clock));
        OpenConnections++;
        var script = scripts.Length == 0 ? [] : scripts[Math.Min(index, scripts.Length - 1)];
        var steps = new CompositeDisposable();
        foreach (var step in script)
        {
            steps.Add(scheduler.ScheduleRelative(step, step.At.Ticks, (_, s) =>
            {
                Play(s, observer);
                return Disposable.Empty;
            }));
        }

        return Disposable.Create(() =>
        {
            steps.Dispose();
            OpenConnections--;
            _subscriptions[index] = new Subscription(_subscriptions[index].Subscribe, scheduler.Clock);
        });
    });

    private static void Play(ScriptStep step, IObserver<SseTransportChunk> observer)
    {
        switch (step.Action)
        {
            case ScriptAction.Open:
                observer.OnNext(SseTransportChunk.Opened);
                break;
            case ScriptAction.Send:
                observer.OnNext(SseTransportChunk.FromData(Encoding.UTF8.GetBytes(step.Text)));
                break;
            case ScriptAction.Reject:
                var headers = new Dictionary<string, IReadOnlyList<string>>();
                observer.OnError(new SseHttpException(step.Status, "text/plain", headers, step.RetryAfter));
                break;
            case ScriptAction.Drop:
                observer.OnError(new IOException("The connection was reset (scripted)."));
                break;
            case ScriptAction.End:
                observer.OnCompleted();
                break;
        }
    }
}
