namespace Jackpot.Reactive;

/// <summary>The two observers a channel source hands out: to its subscribers, and to its upstream.</summary>
internal sealed partial class ChannelSource
{
    private sealed class Subscription(ChannelSource source, IObserver<JackpotEvent> observer) : IDisposable
    {
        private int _disposed;
        private volatile bool _faulted;

        public IObserver<JackpotEvent> Observer { get; } = observer;

        /// <summary>Gets a value indicating whether events must no longer reach it: it was disposed, or it threw.</summary>
        public bool IsDisposed => _faulted || Volatile.Read(ref _disposed) != 0;

        /// <summary>Stops delivery to a subscriber that threw, until its disposal removes it. Under the source's gate.</summary>
        public void MarkFaulted() => _faulted = true;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                source.Unsubscribe(this);
            }
        }
    }

    private sealed class UpstreamObserver(ChannelSource source, long generation) : IObserver<JackpotEvent>
    {
        public void OnNext(JackpotEvent value) => source.OnEvent(generation, value);

        public void OnError(Exception error) => source.OnTerminated(generation, error);

        public void OnCompleted() => source.OnTerminated(generation, null);
    }
}
