namespace Jackpot.Reactive;

/// <summary>Decodes event payloads with Utf8JsonReader. (Placeholder until the decoder lands.)</summary>
internal static class JackpotEventDecoder
{
    public static bool TryDecode(ReadOnlySpan<byte> utf8Json, out JackpotEvent? result, out JackpotEventFormatException? error)
    {
        _ = utf8Json;
        result = null;
        error = new JackpotEventFormatException(null, "Decoding is not implemented yet.");
        return false;
    }
}
