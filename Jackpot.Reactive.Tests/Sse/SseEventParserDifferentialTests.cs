using System.Net.ServerSentEvents;
using System.Text;

namespace Jackpot.Reactive.Tests.Sse;

/// <summary>
/// On streams where the WHATWG rules and <see cref="SseParser"/> agree (every block carries data, LF or CRLF endings,
/// the stream ends after a complete event), both parsers must report the same events, whatever the chunking.
/// </summary>
public sealed class SseEventParserDifferentialTests
{
    private static readonly string[] EventTypes = ["jackpot_value", "jackpot_won", "prix€", "x"];
    private static readonly string[] Values = ["", " ", "a", "a:b", " lead", "€ü😀", "{\"value\":\"1,408.20\"}", "\uFEFF"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Parse_RandomStream_MatchesSseParser(int seed)
    {
        var random = new Random(seed);
        var stream = Encoding.UTF8.GetBytes(GenerateStream(random, blocks: 200));
        var parser = new SseEventParser();
        var handler = new RecordingSseHandler();

        for (var offset = 0; offset < stream.Length;)
        {
            var size = Math.Min(random.Next(1, 64), stream.Length - offset);
            parser.Parse(stream.AsSpan(offset, size), handler);
            offset += size;
        }

        parser.EndOfStream();
        var ours = handler.Events.Select(e => (e.EventType, Encoding.UTF8.GetString(e.Data))).ToList();
        ours.Should().HaveCount(200).And.Equal(ParseWithSseParser(stream));
    }

    private static List<(string EventType, string Data)> ParseWithSseParser(byte[] stream)
    {
        using var input = new MemoryStream(stream);
        return SseParser.Create(input, static (_, data) => Encoding.UTF8.GetString(data))
            .Enumerate()
            .Select(item => (item.EventType, item.Data))
            .ToList();
    }

    private static string GenerateStream(Random random, int blocks)
    {
        var text = new StringBuilder();
        for (var block = 0; block < blocks; block++)
        {
            var lineEnd = random.Next(2) == 0 ? "\n" : "\r\n";
            var lines = new List<string> { DataLine(random) };
            for (var i = random.Next(4); i > 0; i--)
            {
                lines.Add(random.Next(6) switch
                {
                    0 => DataLine(random),
                    1 => $"event: {EventTypes[random.Next(EventTypes.Length)]}",
                    2 => $"id: {random.Next(1000)}",
                    3 => $": comment {random.Next(10)}",
                    4 => $"retry: {random.Next(5000)}",
                    _ => "unknown: field",
                });
            }

            lines = [.. lines.OrderBy(_ => random.Next())];
            foreach (var line in lines)
            {
                text.Append(line).Append(lineEnd);
            }

            text.Append(lineEnd);
        }

        return text.ToString();
    }

    private static string DataLine(Random random) => random.Next(5) switch
    {
        0 => "data",
        1 => "data:" + Values[random.Next(Values.Length)],
        _ => "data: " + Values[random.Next(Values.Length)],
    };
}
