namespace Jackpot.Reactive;

/// <summary>
/// The last few instances of one jackpot that a win or a newer instance has replaced, so late events of them are
/// recognised as stale. Bounded: the oldest is forgotten first.
/// </summary>
internal sealed class SupersededInstances
{
    /// <summary>The number of superseded instances remembered per jackpot.</summary>
    internal const int Capacity = 8;

    private readonly JackpotInstanceId[] _instances = new JackpotInstanceId[Capacity];
    private int _count;
    private int _next;

    public bool Contains(JackpotInstanceId instance) =>
        Array.IndexOf(_instances, instance, 0, _count) >= 0;

    public void Add(JackpotInstanceId instance)
    {
        if (Contains(instance))
            return;
        _instances[_next] = instance;
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
    }
}
