using System.Text;
using CsCheck;

namespace Jackpot.Reactive.Tests.Sse;

/// <summary>Properties of <see cref="SseEventParser"/> over generated input: any bytes, cut anywhere.</summary>
public sealed class SseEventParserPropertyTests
{
    private const int MaxEventSize = 64;

    /// <summary>Pieces of the SSE syntax, so generated streams reach every branch of the parser, mixed with raw bytes.</summary>
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "data:", "data: ", "id:", "id: 7", "event:", "event: x", "retry:", "retry: 1500", ":", ": c", "\n", "\r", "\r\n",
            "\n\n", " ", "a", "é", "€", "😀", "\uFEFF", "field", "data", "x:y",
        }.Select(Encoding.UTF8.GetBytes),
        [0x00], [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F],
    ];

    private static readonly Gen<byte[]> Streams = Gen.OneOf(
        Gen.Byte.Array[0, 200],
        Gen.Int[0, Tokens.Length - 1].Array[0, 60].Select(picks => picks.SelectMany(pick => Tokens[pick]).ToArray()),
        Gen.Int[0, Tokens.Length - 1].Array[0, 20].Select(picks =>
            picks.SelectMany(pick => Tokens[pick]).Concat(Encoding.UTF8.GetBytes("data: " + new string('d', MaxEventSize) + "\n\n")).ToArray()));

    /// <summary>A stream and the places where it is cut into chunks.</summary>
    private static readonly Gen<(byte[], int[])> ChunkedStreams =
        Streams.SelectMany(stream => Gen.Int[0, stream.Length].Array[0, 12].Select(cuts => (stream, cuts.Order().Distinct().ToArray())));

    [Fact]
    public void Parse_AnyBytesInAnyChunking_SameEventsAsWholeAndOnlyTooLargeErrors()
    {
        ChunkedStreams.Sample(
            input =>
            {
                var (stream, cuts) = input;
                var whole = Feed(stream, [0, stream.Length]);
                var chunked = Feed(stream, [0, .. cuts, stream.Length]);

                chunked.Log.Should().Equal(whole.Log);
                (chunked.Error?.GetType()).Should().Be(whole.Error?.GetType());
                chunked.Error.Should().Match(error => error == null || error is SseEventTooLargeException);
                chunked.PeakHeld.Should().BeLessThanOrEqualTo(2L * (MaxEventSize + SseEventParser.LineAllowance + 1));
            },
            iter: 3000,
            print: input => Convert.ToHexString(input.Item1) + " cut at " + string.Join(",", input.Item2));
    }

    [Fact]
    public void Parse_OverlongLineWholeOrInPieces_TooLargeEitherWay()
    {
        // Shrunk from the property above: a line past the limit passed when it came in one chunk, failed in pieces.
        byte[] stream = Encoding.UTF8.GetBytes(new string('x', MaxEventSize + SseEventParser.LineAllowance + 10) + "\n");

        Feed(stream, [0, stream.Length]).Error.Should().BeOfType<SseEventTooLargeException>();
        Feed(stream, [0, 10, 47, stream.Length]).Error.Should().BeOfType<SseEventTooLargeException>();
    }

    private static (List<string> Log, Exception? Error, long PeakHeld) Feed(byte[] stream, int[] cuts)
    {
        var parser = new SseEventParser(MaxEventSize);
        var handler = new RecordingSseHandler();
        long peak = 0;
        try
        {
            for (int i = 0; i + 1 < cuts.Length; i++)
            {
                parser.Parse(stream.AsSpan(cuts[i], cuts[i + 1] - cuts[i]), handler);
                peak = Math.Max(peak, parser.HeldBufferBytes);
            }

            parser.EndOfStream();
            return (handler.Log, null, peak);
        }
        catch (Exception error)
        {
            return (handler.Log, error, Math.Max(peak, parser.HeldBufferBytes));
        }
    }
}
