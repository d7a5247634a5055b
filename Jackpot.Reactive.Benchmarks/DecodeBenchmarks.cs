using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Jackpot.Reactive.TestServer;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// Decoding one event payload: <see cref="JackpotEvent.Parse(ReadOnlySpan{byte})"/> against System.Text.Json's
/// source-generated deserialisation of the same payload into a plain DTO (the baseline).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class DecodeBenchmarks
{
    // The reference document's first sample message, verbatim (pretty-printed as the document shows it).
    private static readonly byte[] ValueSample = Encoding.UTF8.GetBytes(ReferenceSamples.JackpotValue);

    // The same message with 4,096 different values, more than the decoder's value cache holds: every value string is new,
    // as on a live channel where the jackpot grows between updates.
    private static readonly byte[][] DistinctValueSamples = CreateDistinctValueSamples(4096);

    private int _next;

    [Benchmark(Baseline = true, Description = "JsonSerializer.Deserialize (source-generated DTO)")]
    public JackpotEventDto? SystemTextJson() =>
        JsonSerializer.Deserialize(ValueSample, JackpotEventDtoJsonContext.Default.JackpotEventDto);

    [Benchmark(Description = "JackpotEvent.Parse")]
    public JackpotEvent JackpotEventParse() => JackpotEvent.Parse(ValueSample);

    [Benchmark(Description = "JackpotEvent.Parse, a new value every time")]
    public JackpotEvent JackpotEventParseDistinctValues()
    {
        _next = (_next + 1) & (DistinctValueSamples.Length - 1);
        return JackpotEvent.Parse(DistinctValueSamples[_next]);
    }

    private static byte[][] CreateDistinctValueSamples(int count)
    {
        string text = Encoding.UTF8.GetString(ValueSample);
        return Enumerable.Range(0, count)
            .Select(i => Encoding.UTF8.GetBytes(text.Replace("\"372.2\"", "\"" + (372.2m + (i * 0.1m)).ToString(CultureInfo.InvariantCulture) + "\"", StringComparison.Ordinal)))
            .ToArray();
    }
}
