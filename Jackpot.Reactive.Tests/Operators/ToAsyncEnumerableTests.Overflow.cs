using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace Jackpot.Reactive.Tests.Operators;

/// <summary>The overflow policies: what a consumer that falls behind gets.</summary>
public sealed partial class ToAsyncEnumerableTests
{
    [Fact]
    public async Task DropOldest_ConsumerBehind_KeepsTheMostRecentItems()
    {
        var dropped = new List<int>();
        var stream = Observable.Range(1, 5).ToAsyncEnumerable(2, AsyncBufferOverflow.DropOldest, dropped.Add);

        (await Collect(stream)).Should().Equal(4, 5);
        dropped.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task DropNewest_ConsumerBehind_KeepsTheEarliestItems()
    {
        var dropped = new List<int>();
        var stream = Observable.Range(1, 5).ToAsyncEnumerable(2, AsyncBufferOverflow.DropNewest, dropped.Add);

        (await Collect(stream)).Should().Equal(1, 2);
        dropped.Should().Equal(3, 4, 5);
    }

    [Fact]
    public async Task DropOldest_ConsumerBehindMidStream_DropsOnlyWhileTheBufferIsFull()
    {
        var source = new Subject<int>();
        var dropped = new List<int>();
        await using var enumerator = source.ToAsyncEnumerable(2, AsyncBufferOverflow.DropOldest, dropped.Add)
            .GetAsyncEnumerator(TestCancellation);
        var first = enumerator.MoveNextAsync();
        source.OnNext(0);
        (await Wait(first)).Should().BeTrue();

        // The consumer holds item 0 and asks for nothing: the next items wait in the buffer of two.
        source.OnNext(1);
        source.OnNext(2);
        source.OnNext(3);
        source.OnCompleted();

        (await Drain(enumerator, enumerator.Current)).Should().Equal(0, 2, 3);
        dropped.Should().Equal(1);
    }

    [Fact]
    public async Task Fail_ConsumerBehind_DeliversTheBufferThenThrowsAndUnsubscribesAtOnce()
    {
        var source = new Subject<int>();
        await using var enumerator = source.ToAsyncEnumerable(2, AsyncBufferOverflow.Fail).GetAsyncEnumerator(TestCancellation);
        var first = enumerator.MoveNextAsync();
        source.OnNext(0);
        (await Wait(first)).Should().BeTrue();

        source.OnNext(1);
        source.OnNext(2);
        source.HasObservers.Should().BeTrue();
        source.OnNext(3);

        source.HasObservers.Should().BeFalse();
        var received = new List<int> { enumerator.Current };
        var act = async () =>
        {
            while (await Wait(enumerator.MoveNextAsync()))
            {
                received.Add(enumerator.Current);
            }
        };
        (await act.Should().ThrowAsync<AsyncBufferOverflowException>()).Which.Capacity.Should().Be(2);
        received.Should().Equal(0, 1, 2);
    }

    [Fact]
    public async Task Fail_SourceFillsTheBufferExactly_DoesNotFail()
    {
        (await Collect(Observable.Range(1, 3).ToAsyncEnumerable(3, AsyncBufferOverflow.Fail))).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task Fail_LaterSourceSignals_AreIgnored()
    {
        var source = new FaultySource();
        var stream = source.ToAsyncEnumerable(1, AsyncBufferOverflow.Fail);

        var act = async () => await Collect(stream);

        await act.Should().ThrowAsync<AsyncBufferOverflowException>();
        source.Disposed.Should().BeTrue();
    }

    /// <summary>Overflows a buffer of one, then keeps signalling as a broken source might.</summary>
    private sealed class FaultySource : IObservable<int>
    {
        public bool Disposed { get; private set; }

        public IDisposable Subscribe(IObserver<int> observer)
        {
            observer.OnNext(1);
            observer.OnNext(2);
            observer.OnNext(3);
            observer.OnError(new InvalidOperationException("after the overflow"));
            observer.OnCompleted();
            return Disposable.Create(() => Disposed = true);
        }
    }
}
