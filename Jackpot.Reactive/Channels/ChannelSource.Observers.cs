namespace Jackpot.Reactive;

/// <summary>The observer a channel source hands to its upstream.</summary>
internal sealed partial class ChannelSource
{
    private sealed class UpstreamObserver(ChannelSource source, long generation) : IObserver<JackpotEvent>
    {
        public void OnNext(JackpotEvent value) => source.OnEvent(generation, value);

        public void OnError(Exception error) => source.OnTerminated(generation, error);

        public void OnCompleted() => source.OnTerminated(generation, null);
    }
}
