namespace Jackpot.Reactive.Simulator;

/// <summary>A malformed or oversized event waiting for the next event of a channel (<see cref="Channel"/> null: any).</summary>
internal readonly record struct PendingPayloadFault(string? Channel, MalformedPayloadKind? Malformed, int OversizedBytes);

/// <summary>Payload faults in the order they were requested; thread-safe, with a lock-free check when empty.</summary>
internal sealed class PayloadFaultQueue
{
    private readonly Lock _gate = new();
    private readonly List<PendingPayloadFault> _pending = [];
    private volatile int _count;

    public void Add(PendingPayloadFault fault)
    {
        lock (_gate)
        {
            _pending.Add(fault);
            _count = _pending.Count;
        }
    }

    public bool TryTake(string channel, out PendingPayloadFault fault)
    {
        fault = default;
        if (_count == 0)
        {
            return false;
        }

        lock (_gate)
        {
            int index = _pending.FindIndex(f => f.Channel is null || f.Channel == channel);
            if (index < 0)
            {
                return false;
            }

            fault = _pending[index];
            _pending.RemoveAt(index);
            _count = _pending.Count;
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
            _count = 0;
        }
    }
}
