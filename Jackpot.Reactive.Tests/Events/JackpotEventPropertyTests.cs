using System.Text;
using CsCheck;

namespace Jackpot.Reactive.Tests.Events;

/// <summary>Properties of the <see cref="JackpotEvent"/> decoder over generated payloads: any bytes decode to an event or
/// a <see cref="JackpotEventFormatException"/>, never another exception.</summary>
public sealed class JackpotEventPropertyTests
{
    /// <summary>Pieces of the payload grammar, so generated payloads get deep into the decoder, mixed with raw bytes.</summary>
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "{", "}", "[", "]", ",", ":", "\"", "\"reason\"", "\"jackpot_value\"", "\"jackpot_won\"", "\"jackpot_won_other\"",
            "\"jackpotInstance\"", "\"J_1\"", "\"jackpot\"", "\"J\"", "\"channel\"", "\"ws_broadcast_g\"", "\"ws_user_p\"",
            "\"currency\"", "\"EUR\"", "\"value\"", "\"1,408.20\"", "\"12x\"", "\"-0.5\"", "\"1e400\"", "\"79228162514264337593543950336\"",
            "\"jackpotNewInstance\"", "\"J_2\"", "1", "-1", "1.5e3", "null", "true", "false", "\"\\u00e9\"", "\"\\ud800\"", "\"é\"",
            " ", "\n", "\"unknown\"",
        }.Select(Encoding.UTF8.GetBytes),
        [0x00], [0xFF], [0xC3], [0xEF, 0xBB, 0xBF],
    ];

    private static readonly Gen<byte[]> Payloads = Gen.OneOf(
        Gen.Byte.Array[0, 120],
        Gen.Int[0, Tokens.Length - 1].Array[0, 40].Select(picks => picks.SelectMany(pick => Tokens[pick]).ToArray()),
        ValidPayloadWithOneTokenReplaced());

    [Fact]
    public void TryParse_AnyBytes_EventOrFormatExceptionNeverAnotherException()
    {
        Payloads.Sample(
            payload =>
            {
                bool parsed = JackpotEvent.TryParse(payload, out var jackpotEvent, out var error);

                (parsed ? jackpotEvent : (object?)error).Should().NotBeNull();
                var parse = () => JackpotEvent.Parse(payload);
                if (parsed)
                {
                    parse.Should().NotThrow();
                }
                else
                {
                    parse.Should().Throw<JackpotEventFormatException>();
                }
            },
            iter: 5000,
            print: payload => Convert.ToHexString(payload) + " (" + Encoding.UTF8.GetString(payload) + ")");
    }

    [Fact]
    public void TryParse_PropertyNameWithEscapedLoneSurrogate_FormatException()
    {
        // Shrunk from the property above: the reader cannot turn the name into text and threw InvalidOperationException.
        byte[] payload = Encoding.UTF8.GetBytes("{\"\\ud800\":1}");

        JackpotEvent.TryParse(payload, out _, out var error).Should().BeFalse();
        error.Should().BeOfType<JackpotEventFormatException>();
        FluentActions.Invoking(() => JackpotEvent.Parse(payload)).Should().Throw<JackpotEventFormatException>();
    }

    /// <summary>A valid payload with one of its tokens swapped for another token: near misses of the real grammar.</summary>
    private static Gen<byte[]> ValidPayloadWithOneTokenReplaced()
    {
        string[] valid =
        [
            "{", "\"reason\"", ":", "\"jackpot_value\"", ",", "\"jackpotInstance\"", ":", "\"J_1\"", ",", "\"jackpot\"", ":", "\"J\"", ",",
            "\"channel\"", ":", "\"ws_broadcast_g\"", ",", "\"currency\"", ":", "\"EUR\"", ",", "\"value\"", ":", "\"1,408.20\"", "}",
        ];
        return Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int[0, Tokens.Length - 1], (position, token) =>
            valid.Take(position).SelectMany(Encoding.UTF8.GetBytes)
                .Concat(Tokens[token])
                .Concat(valid.Skip(position + 1).SelectMany(Encoding.UTF8.GetBytes))
                .ToArray());
    }
}
