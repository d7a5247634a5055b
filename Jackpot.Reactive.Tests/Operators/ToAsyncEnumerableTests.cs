using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Runtime.CompilerServices;

namespace Jackpot.Reactive.Tests.Operators;

public sealed partial class ToAsyncEnumerableTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static CancellationToken TestCancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void ToAsyncEnumerable_NullSource_Throws()
    {
        IObservable<int> source = null!;

        var act = () => source.ToAsyncEnumerable(1, AsyncBufferOverflow.Fail);

        act.Should().Throw<ArgumentNullException>().WithParameterName("source");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void ToAsyncEnumerable_CapacityBelowOne_Throws(int invalidCapacity)
    {
        var act = () => Observable.Never<int>().ToAsyncEnumerable(invalidCapacity, AsyncBufferOverflow.DropOldest);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("capacity");
    }

    [Fact]
    public void ToAsyncEnumerable_UndefinedOverflow_Throws()
    {
        var act = () => Observable.Never<int>().ToAsyncEnumerable(1, (AsyncBufferOverflow)7);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("overflow");
    }

    [Fact]
    public void ToAsyncEnumerable_NullOnDropped_Throws()
    {
        var act = () => Observable.Never<int>().ToAsyncEnumerable(1, AsyncBufferOverflow.DropNewest, onDropped: null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("onDropped");
    }

    [Fact]
    public async Task GetAsyncEnumerator_DoesNotSubscribeUntilFirstMoveNext()
    {
        var source = new Subject<int>();
        var stream = source.ToAsyncEnumerable(4, AsyncBufferOverflow.Fail);
        await using var enumerator = stream.GetAsyncEnumerator(TestCancellation);
        source.HasObservers.Should().BeFalse();

        var next = enumerator.MoveNextAsync();

        source.HasObservers.Should().BeTrue();
        next.IsCompleted.Should().BeFalse();
        source.OnNext(1);
        (await Wait(next)).Should().BeTrue();
        enumerator.Current.Should().Be(1);
    }

    [Fact]
    public async Task MoveNextAsync_ItemsThenCompletion_YieldsAllInOrderThenEnds()
    {
        var source = new Subject<int>();
        await using var enumerator = source.ToAsyncEnumerable(8, AsyncBufferOverflow.Fail).GetAsyncEnumerator(TestCancellation);
        var first = enumerator.MoveNextAsync();

        source.OnNext(1);
        source.OnNext(2);
        source.OnNext(3);
        source.OnCompleted();

        (await Wait(first)).Should().BeTrue();
        (await Drain(enumerator, enumerator.Current)).Should().Equal(1, 2, 3);
        source.HasObservers.Should().BeFalse();
    }

    [Fact]
    public async Task MoveNextAsync_SourceFails_ThrowsItsErrorAfterTheBufferedItems()
    {
        var source = new Subject<int>();
        var error = new InvalidOperationException("the feed broke");
        await using var enumerator = source.ToAsyncEnumerable(8, AsyncBufferOverflow.Fail).GetAsyncEnumerator(TestCancellation);
        var first = enumerator.MoveNextAsync();

        source.OnNext(1);
        source.OnNext(2);
        source.OnError(error);

        (await Wait(first)).Should().BeTrue();
        enumerator.Current.Should().Be(1);
        (await Wait(enumerator.MoveNextAsync())).Should().BeTrue();
        enumerator.Current.Should().Be(2);
        var act = async () => await Wait(enumerator.MoveNextAsync());
        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(error);
        source.HasObservers.Should().BeFalse();
    }

    [Fact]
    public async Task MoveNextAsync_SourceThrowsOnSubscribe_Throws()
    {
        var stream = Observable.Throw<int>(new FormatException("bad")).ToAsyncEnumerable(2, AsyncBufferOverflow.DropOldest);

        var act = async () => await Collect(stream);

        await act.Should().ThrowAsync<FormatException>().WithMessage("bad");
    }

    [Fact]
    public async Task MoveNextAsync_EmptySource_EndsAtOnce()
    {
        (await Collect(Observable.Empty<int>().ToAsyncEnumerable(1, AsyncBufferOverflow.Fail))).Should().BeEmpty();
    }

    [Fact]
    public async Task DisposeAsync_AfterAnItem_Unsubscribes()
    {
        var source = new Subject<int>();
        var enumerator = source.ToAsyncEnumerable(2, AsyncBufferOverflow.DropOldest).GetAsyncEnumerator(TestCancellation);
        var first = enumerator.MoveNextAsync();
        source.OnNext(1);
        (await Wait(first)).Should().BeTrue();
        source.HasObservers.Should().BeTrue();

        await enumerator.DisposeAsync();

        source.HasObservers.Should().BeFalse();
    }

    [Fact]
    public async Task DisposeAsync_BeforeFirstMoveNext_NeverSubscribes()
    {
        var subscriptions = 0;
        var source = Observable.Create<int>(_ =>
        {
            subscriptions++;
            return Disposable.Empty;
        });

        await source.ToAsyncEnumerable(2, AsyncBufferOverflow.Fail).GetAsyncEnumerator(TestCancellation).DisposeAsync();

        subscriptions.Should().Be(0);
    }

    [Fact]
    public async Task AwaitForeach_Break_Unsubscribes()
    {
        var disposed = false;
        var source = Observable.Create<int>(observer =>
        {
            observer.OnNext(1);
            observer.OnNext(2);
            return Disposable.Create(() => disposed = true);
        });

        await foreach (var item in source.ToAsyncEnumerable(4, AsyncBufferOverflow.Fail).WithCancellation(TestCancellation))
        {
            item.Should().Be(1);
            disposed.Should().BeFalse();
            break;
        }

        disposed.Should().BeTrue();
    }

    [Fact]
    public async Task WithCancellation_CancelledWhileWaiting_ThrowsAndUnsubscribes()
    {
        var source = new Subject<int>();
        using var cancellation = new CancellationTokenSource();
        var received = new List<int>();
        var consuming = ConsumeAsync(source.ToAsyncEnumerable(2, AsyncBufferOverflow.Fail).WithCancellation(cancellation.Token), received);
        source.HasObservers.Should().BeTrue();
        source.OnNext(1);

        await cancellation.CancelAsync();

        var act = async () => await consuming.WaitAsync(Timeout, TestCancellation);
        await act.Should().ThrowAsync<OperationCanceledException>();
        source.HasObservers.Should().BeFalse();
        received.Should().BeSubsetOf([1]);
    }

    [Fact]
    public async Task GetAsyncEnumerator_TokenCancelledWhileWaiting_ThrowsAndUnsubscribes()
    {
        var source = new Subject<int>();
        using var cancellation = new CancellationTokenSource();
        await using var enumerator = source.ToAsyncEnumerable(2, AsyncBufferOverflow.DropNewest, _ => { })
            .GetAsyncEnumerator(cancellation.Token);
        var next = enumerator.MoveNextAsync();

        await cancellation.CancelAsync();

        var act = async () => await Wait(next);
        await act.Should().ThrowAsync<OperationCanceledException>();
        source.HasObservers.Should().BeFalse();
    }

    [Fact]
    public async Task GetAsyncEnumerator_TokenAlreadyCancelled_ThrowsWithoutSubscribing()
    {
        var source = new Subject<int>();
        await using var enumerator = source.ToAsyncEnumerable(2, AsyncBufferOverflow.Fail)
            .GetAsyncEnumerator(new CancellationToken(canceled: true));

        var act = async () => await Wait(enumerator.MoveNextAsync());

        await act.Should().ThrowAsync<OperationCanceledException>();
        source.HasObservers.Should().BeFalse();
    }

    [Fact]
    public async Task GetAsyncEnumerator_TwoEnumerations_SubscribeSeparately()
    {
        var subscriptions = 0;
        var source = Observable.Defer(() =>
        {
            subscriptions++;
            return Observable.Range(subscriptions * 10, 2);
        });
        var stream = source.ToAsyncEnumerable(4, AsyncBufferOverflow.Fail);

        (await Collect(stream)).Should().Equal(10, 11);
        (await Collect(stream)).Should().Equal(20, 21);
        subscriptions.Should().Be(2);
    }

    [Fact]
    public async Task ToAsyncEnumerable_JackpotEvents_FlowUnchanged()
    {
        var channel = ChannelName.Parse("ws_broadcast_group");
        var jackpot = new JackpotId("f8f21i6");
        JackpotEvent update = new JackpotValueUpdated(jackpot, new JackpotInstanceId("f8f21i6__12"), channel, "EUR", 1408.20m, "1,408.20");
        JackpotEvent win = new JackpotWonByOther(
            jackpot, new JackpotInstanceId("f8f21i6__12"), channel, "EUR", 1410m, "1,410.00", new JackpotInstanceId("f8f21i6__13"));

        var events = await Collect(new[] { update, win }.ToObservable().ToAsyncEnumerable(16, AsyncBufferOverflow.Fail));

        events.Should().Equal(update, win);
        events[1].Should().BeOfType<JackpotWonByOther>().Which.NewInstance.Should().Be(new JackpotInstanceId("f8f21i6__13"));
    }

    private static async Task<T> Wait<T>(ValueTask<T> pending) =>
        await pending.AsTask().WaitAsync(Timeout, TestCancellation);

    private static async Task<List<T>> Drain<T>(IAsyncEnumerator<T> enumerator, T current)
    {
        var items = new List<T> { current };
        while (await Wait(enumerator.MoveNextAsync()))
        {
            items.Add(enumerator.Current);
        }

        return items;
    }

    private static async Task ConsumeAsync<T>(ConfiguredCancelableAsyncEnumerable<T> stream, List<T> received)
    {
        await foreach (var item in stream)
        {
            received.Add(item);
        }
    }

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> stream)
    {
        var items = new List<T>();
        await using var enumerator = stream.GetAsyncEnumerator(TestCancellation);
        while (await Wait(enumerator.MoveNextAsync()))
        {
            items.Add(enumerator.Current);
        }

        return items;
    }
}
