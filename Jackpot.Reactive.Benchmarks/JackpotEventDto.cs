using System.Text.Json.Serialization;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// The payload as a plain DTO, the way a hand-written consumer would deserialise it: the baselines of the decode, pipeline,
/// loopback and black-box benchmarks all read it.
/// </summary>
public sealed class JackpotEventDto
{
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("jackpotInstance")]
    public string? JackpotInstance { get; set; }

    [JsonPropertyName("jackpot")]
    public string? Jackpot { get; set; }

    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("currency")]
    public string? Currency { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("jackpotNewInstance")]
    public string? JackpotNewInstance { get; set; }
}

[JsonSerializable(typeof(JackpotEventDto))]
internal sealed partial class JackpotEventDtoJsonContext : JsonSerializerContext;
