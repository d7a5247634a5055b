namespace Jackpot.Reactive;

/// <summary>The two observers a channel source hands out: to its subscribers, and to its connection.</summary>
internal sealed partial class ChannelSource
{
    private sealed class Subscription(ChannelSource source, IObserver<JackpotEvent> observer) : IDisposable
    {
        private int _disposed;

        public IObserver<JackpotEvent> Observer { get; } = observer;

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                source.Unsubscribe(this);
            }
        }
    }

    private sealed class ConnectionObserver(ChannelSource source, long generation) : IObserver<SseEvent>
    {
        public void OnNext(SseEvent value) => source.OnEvent(generation, value);

        public void OnError(Exception error) => source.OnTerminated(generation, error);

        public void OnCompleted() => source.OnTerminated(generation, null);
    }
}
