using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Docs;

/// <summary>docs/async-consumers.md: its examples are code of this class (checked line by line), run against the
/// in-process simulator over loopback.</summary>
public sealed class AsyncConsumersGuideTests
{
    [Fact]
    public void Guide_EveryExample_IsCodeOfThisClass()
    {
        string root = Packaging.RepositoryRoot.Find();
        string code = MarkdownExamples.Join(File.ReadAllText(Path.Combine(root, "Jackpot.Reactive.Tests", "Docs", "AsyncConsumersGuideTests.cs")));
        var examples = MarkdownExamples.CSharpBlocks(File.ReadAllText(Path.Combine(root, "docs", "async-consumers.md")));

        examples.Should().NotBeEmpty();
        examples.Should().OnlyContain(example => code.Contains(example, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrintValuesAsync_AgainstTheSimulator_PrintsTheFirstValueUpdatesThenStops()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var client = ClientOf(simulator);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var output = new StringWriter();

        int printed = await PrintValuesAsync(client, simulator.Options.Group, limit: 5, output, deadline.Token);

        printed.Should().Be(5);
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(5)
            .And.OnlyContain(line => line.Contains(": ", StringComparison.Ordinal));
        await AllConnectionsClosedAsync(simulator);
    }

    [Fact]
    public async Task PrintValuesAsync_Cancelled_StopsWithOperationCanceledAndClosesTheConnection()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var client = ClientOf(simulator);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var output = new FirstLineSignal(stop);

        var printing = PrintValuesAsync(client, simulator.Options.Group, limit: int.MaxValue, output, stop.Token);

        await FluentActions.Awaiting(() => printing.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))
            .Should().ThrowAsync<OperationCanceledException>();
        await AllConnectionsClosedAsync(simulator);
    }

    // async-consumers.md: begin
    static async Task<int> PrintValuesAsync(
        JackpotPushClient client, JackpotGroupId group, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        var updates = client.Broadcast(group)
            .ToAsyncEnumerable(capacity: 256, AsyncBufferOverflow.Fail) // bounded: falling behind fails, never drops
            .OfType<JackpotValueUpdated>()                              // System.Linq (IAsyncEnumerable)
            .Take(limit);

        int printed = 0;
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            await output.WriteLineAsync($"{update.Jackpot}: {update.Amount:N2} {update.Currency}");
            printed++;
        }

        return printed; // leaving the loop (limit, cancellation, error) unsubscribes: the channel may close
    }
    // async-consumers.md: end

    private static Task<PushEventSimulator> StartSimulatorAsync() => PushEventSimulator.StartAsync(
        new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(20) }, TestContext.Current.CancellationToken);

    /// <summary>A client of the simulator that closes a channel as soon as its last subscriber leaves.</summary>
    private static JackpotPushClient ClientOf(PushEventSimulator simulator) => new(new JackpotPushClientOptions
    {
        Endpoint = simulator.SubscribeUri,
        Workspace = simulator.Options.Workspace,
        Linger = TimeSpan.Zero,
    });

    private static Task AllConnectionsClosedAsync(PushEventSimulator simulator) =>
        simulator.WaitForOpenConnectionsAsync(0, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    /// <summary>A writer that cancels the run once the first line is written.</summary>
    private sealed class FirstLineSignal(CancellationTokenSource stop) : StringWriter
    {
        public override Task WriteLineAsync(string? value)
        {
            stop.Cancel();
            return base.WriteLineAsync(value);
        }
    }
}
