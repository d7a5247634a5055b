using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// Which types this process allocates, sampled by the runtime's own allocation ticks (an event about every 100 KB
/// allocated, naming the type of the object that crossed the mark): over many events the shares approach each type's
/// share of the bytes. Used by <c>channels --alloc-types</c> to say where a fan-in event's bytes go.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    /// <summary>The types with the largest sampled share, as markdown lines.</summary>
    public IEnumerable<string> Top(int count, long events)
    {
        long total = Math.Max(1, _bytesByType.Values.Sum());
        return _bytesByType
            .OrderByDescending(pair => pair.Value)
            .Take(count)
            .Select(pair => string.Create(
                CultureInfo.InvariantCulture,
                $"| {pair.Key} | {100.0 * pair.Value / total:F1} % | {pair.Value / (double)Math.Max(1, events):N0} |"));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeProvider)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal)
            || eventData.PayloadNames is not { } names)
        {
            return;
        }

        int typeIndex = names.IndexOf("TypeName");
        int amountIndex = names.IndexOf("AllocationAmount64");
        if (amountIndex < 0)
        {
            amountIndex = names.IndexOf("AllocationAmount");
        }

        if (typeIndex < 0 || amountIndex < 0 || eventData.Payload is not { } payload)
        {
            return;
        }

        string type = payload[typeIndex] as string ?? "?";
        long amount = Convert.ToInt64(payload[amountIndex], CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
