using System.Collections.Concurrent;
using System.Globalization;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// What one run of a <see cref="FaultScenario"/> works with: the simulator, a fresh <see cref="JackpotPushClient"/> with
/// the matrix's short timings, the channel's status recorder, and the subscribers it creates; at the end, the outcome.
/// </summary>
internal sealed class ScenarioContext
{
    private readonly ConcurrentDictionary<SequenceSubscriber, IDisposable> _subscriptions = new();
    private readonly ConcurrentQueue<SequenceSubscriber> _allSubscribers = new();
    private readonly ConcurrentQueue<Task> _consumers = new();
    private readonly ConcurrentDictionary<long, bool> _skippedIds = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly CancellationTokenSource _consumerStop;
    private readonly IDisposable _statusSubscription;
    private readonly IDisposable _diagnosticsSubscription;
    private long _delivered;
    private int _subscriberNumber;

    public ScenarioContext(PushEventSimulator simulator, CancellationToken cancellationToken)
    {
        Simulator = simulator;
        Cancellation = cancellationToken;
        Client = new JackpotPushClient(FaultMatrix.ClientOptions(simulator));
        Status = new StatusRecorder(() => Interlocked.Read(ref _delivered));
        _statusSubscription = Client.Status(Channel).Subscribe(Status);
        _diagnosticsSubscription = Client.Diagnostics.Subscribe(diagnostic =>
        {
            if (diagnostic.Kind == JackpotPushDiagnosticKind.MalformedPayload
                && long.TryParse(diagnostic.LastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                _skippedIds[id] = true;
            }
        });
        _consumerStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public PushEventSimulator Simulator { get; }

    public JackpotPushClient Client { get; }

    public StatusRecorder Status { get; }

    /// <summary>Gets the token that ends the run (the test's or the soak's).</summary>
    public CancellationToken Cancellation { get; }

    public ChannelName Channel => ChannelName.Broadcast(FaultMatrix.Workspace, FaultMatrix.Group);

    /// <summary>Gets the ids of the events the client reported as malformed and skipped.</summary>
    public IReadOnlySet<long> SkippedIds => _skippedIds.Keys.ToHashSet();

    /// <summary>Gets the subscribers that are subscribed now.</summary>
    public IReadOnlyList<SequenceSubscriber> Active => [.. _subscriptions.Keys];

    public IReadOnlyList<SequenceSubscriber> AllSubscribers => [.. _allSubscribers];

    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>Subscribes a new subscriber to the channel.</summary>
    /// <param name="workPerEvent">The subscriber's own work per event (a slow subscriber), or zero.</param>
    public SequenceSubscriber Subscribe(TimeSpan workPerEvent = default)
    {
        var subscriber = NewSubscriber(workPerEvent > TimeSpan.Zero ? "slow" : "fast", workPerEvent);
        _subscriptions[subscriber] = Client.Broadcast(FaultMatrix.Group).Subscribe(subscriber);
        return subscriber;
    }

    /// <summary>Adds a consumer that reads the channel with <c>await foreach</c> through the library's bounded
    /// <see cref="JackpotObservable.ToAsyncEnumerable{T}(IObservable{T}, int, AsyncBufferOverflow)"/>; its work per event
    /// runs on its own task, so it does not hold up the channel's other subscribers.</summary>
    public SequenceSubscriber SubscribeAsyncConsumer(TimeSpan workPerEvent)
    {
        var subscriber = NewSubscriber("async", TimeSpan.Zero);
        _consumers.Enqueue(FaultMatrixConsumers.ConsumeAsync(
            Client.Broadcast(FaultMatrix.Group), subscriber, workPerEvent, _consumerStop.Token));
        return subscriber;
    }

    public void Unsubscribe(SequenceSubscriber subscriber)
    {
        if (_subscriptions.TryRemove(subscriber, out var subscription))
        {
            subscription.Dispose();
        }
    }

    /// <summary>Waits until every active subscriber has received <paramref name="events"/> more events than the one furthest ahead.</summary>
    public async Task WaitForProgressAsync(int events)
    {
        var active = Active;
        await Task.WhenAll(active.Select(subscriber => subscriber.WaitForCountAsync(1, Cancellation)))
            .WaitAsync(FaultMatrix.WaitTimeout, Cancellation).ConfigureAwait(false);
        long target = active.Select(subscriber => subscriber.LastId).DefaultIfEmpty(0).Max() + events;
        await Task.WhenAll(active.Select(subscriber => subscriber.WaitForIdAsync(target, Cancellation)))
            .WaitAsync(FaultMatrix.WaitTimeout, Cancellation).ConfigureAwait(false);
    }

    /// <summary>Waits until the status recorder has seen <paramref name="count"/> statuses that match.</summary>
    public Task WaitForStatusAsync(Func<ChannelStatus, bool> match, int count = 1) =>
        Status.WaitForAsync(match, count, Cancellation).WaitAsync(FaultMatrix.WaitTimeout, Cancellation);

    /// <summary>Waits until every active subscriber's subscription has ended, and returns how.</summary>
    public async Task<Exception?[]> WaitForEndAsync(IEnumerable<SequenceSubscriber> subscribers) =>
        await Task.WhenAll(subscribers.Select(subscriber => subscriber.Ended))
            .WaitAsync(FaultMatrix.WaitTimeout, Cancellation).ConfigureAwait(false);

    /// <summary>Records that the scenario saw something untrue or unexpected.</summary>
    public void Violation(string text) => _violations.Enqueue(text);

    /// <summary>Records a violation unless <paramref name="condition"/> holds.</summary>
    public void Expect(bool condition, string violation)
    {
        if (!condition)
        {
            Violation(violation);
        }
    }

    /// <summary>Ends every subscription and disposes the client; then waits for the server to see every stream closed.</summary>
    public async Task CloseAsync()
    {
        foreach (var subscriber in Active)
        {
            Unsubscribe(subscriber);
        }

        await _consumerStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_consumers).WaitAsync(FaultMatrix.WaitTimeout, Cancellation).ConfigureAwait(false);
        await Client.DisposeAsync().ConfigureAwait(false);
        _statusSubscription.Dispose();
        _diagnosticsSubscription.Dispose();
        _consumerStop.Dispose();
        try
        {
            await Simulator.WaitForOpenConnectionsAsync(0, Cancellation).WaitAsync(FaultMatrix.WaitTimeout, Cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Violation($"{Simulator.OpenConnections} stream(s) still open on the server after the client was disposed");
        }
    }

    private SequenceSubscriber NewSubscriber(string kind, TimeSpan workPerEvent)
    {
        int number = Interlocked.Increment(ref _subscriberNumber);
        var subscriber = new SequenceSubscriber(kind + "-" + number.ToString(CultureInfo.InvariantCulture), workPerEvent, () => Interlocked.Increment(ref _delivered));
        _allSubscribers.Enqueue(subscriber);
        return subscriber;
    }
}
