using System.Text;
using static Jackpot.Reactive.Tests.Sse.RecordingSseHandler;

namespace Jackpot.Reactive.Tests.Sse;

/// <summary>One spec case: a stream, what the parser must report before the stream ends, and the last event id after
/// the stream ended.</summary>
internal sealed record SseParserCase(string Name, byte[] Input, string[] Expected, string LastEventIdAfterEnd = "");

/// <summary>The WHATWG HTML §9.2.6 cases, each fed whole, byte by byte and in 2- and 3-byte chunks.</summary>
internal static class SseParserCases
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public static readonly int[] ChunkSizes = [0, 1, 2, 3];

    public static IReadOnlyDictionary<string, SseParserCase> All { get; } = Build().ToDictionary(c => c.Name);

    private static IEnumerable<SseParserCase> Build()
    {
        yield return Case("lf_endings", "data: a\n\ndata: b\n\n", Event("a"), Event("b"));
        yield return Case("crlf_endings", "data: a\r\n\r\ndata: b\r\n\r\n", Event("a"), Event("b"));
        yield return Case("cr_endings", "data: a\r\rdata: b\r\r", Event("a"), Event("b"));
        yield return Case("mixed_endings", "data: a\r\ndata: b\rdata: c\n\r\n", Event("a\nb\nc"));
        yield return Case("crlf_is_one_line_end_even_when_split", "data: a\r\ndata: b\r\n\r\n", Event("a\nb"));
        yield return Case("cr_then_lf_of_next_line_end", "data: a\r\n\ndata: b\n\n", Event("a"), Event("b"));
        yield return Case("trailing_cr_dispatches_at_once", "data: x\r\r", Event("x"));
        yield return Case("lf_then_trailing_cr_dispatches_at_once", "data:x\n\r", Event("x"));
        yield return Case("cr_blank_line_before_more_bytes", "data: x\r\rdata: y", Event("x"));
        yield return Case("lf_blank_line_dispatches", "data: x\n\n", Event("x"));
        yield return new SseParserCase(
            "byte_order_mark_stripped", [.. ByteOrderMark, .. Utf8("data: a\n\n")], [Event("a")]);
        yield return new SseParserCase(
            "second_byte_order_mark_kept_in_field_name",
            [.. ByteOrderMark, .. ByteOrderMark, .. Utf8("data: a\n\ndata: b\n\n")],
            [Event("b")]);
        yield return new SseParserCase(
            "later_byte_order_mark_kept_as_data",
            [.. ByteOrderMark, .. Utf8("data: "), .. ByteOrderMark, .. Utf8("a\n\n")],
            [Event("\uFEFFa")]);
        yield return new SseParserCase(
            "partial_byte_order_mark_is_part_of_the_first_line",
            [0xEF, 0xBB, .. Utf8("data: a\n\ndata: b\n\n")],
            [Event("b")]);
        yield return new SseParserCase(
            "partial_byte_order_mark_before_line_end",
            [0xEF, (byte)'\n', .. Utf8("data: a\n\n")],
            [Event("a")]);
        yield return Case("multi_byte_utf8", "data: €ü😀 ✓\n\n", Event("€ü😀 ✓"));
        yield return Case("multi_byte_event_type_and_id", "event: prix€\nid: ü1\ndata: a\n\n", [Event("a", "prix€", "ü1")], "ü1");
        yield return new SseParserCase(
            "invalid_utf8_becomes_replacement_character",
            [.. Utf8("data: a"), 0xFF, (byte)'b', 0xC3, .. Utf8("\n\n")],
            [Event("a\uFFFDb\uFFFD")]);
        yield return new SseParserCase(
            "invalid_utf8_in_event_type",
            [.. Utf8("event: x"), 0xE2, 0x82, .. Utf8("\ndata: a\n\n")],
            [Event("a", "x\uFFFD")]);
        yield return Case("comments_reported_not_dispatched", ": hello\n:\n::x\ndata: a\n\n", Comment(" hello"), Comment(""), Comment(":x"), Event("a"));
        yield return Case("comment_only_block_dispatches_nothing", ": ping\n\n", Comment(" ping"));
        yield return Case("field_without_colon_has_empty_value", "data\ndata\n\n", Event("\n"));
        yield return Case("data_without_colon_dispatches_empty_event", "data\n\n", Event(string.Empty));
        yield return Case("data_colon_empty_value", "data:\n\n", Event(string.Empty));
        yield return Case("data_without_space", "data:x\n\n", Event("x"));
        yield return Case("data_one_leading_space_removed", "data: x\n\n", Event("x"));
        yield return Case("data_second_leading_space_kept", "data:  x\n\n", Event(" x"));
        yield return Case("data_tab_kept", "data:\tx\n\n", Event("\tx"));
        yield return Case("data_value_splits_at_first_colon_only", "data: a:b: c\n\n", Event("a:b: c"));
        yield return Case("data_lines_joined_with_lf", "data: a\ndata:\ndata: b\n\n", Event("a\n\nb"));
        yield return Case("trailing_space_kept", "data: a \n\n", Event("a "));
        yield return Case("empty_data_dispatches_nothing_and_resets_type", "event: foo\n\ndata: a\n\n", Event("a"));
        yield return Case("event_type", "event: foo\ndata: a\n\ndata: b\n\n", Event("a", "foo"), Event("b"));
        yield return Case("last_event_type_wins", "event: foo\nevent: bar\ndata: a\n\n", Event("a", "bar"));
        yield return Case("empty_event_type_means_message", "event: foo\nevent:\ndata: a\n\n", Event("a"));
        yield return Case("event_type_keeps_extra_space", "event:  foo\ndata: a\n\n", Event("a", " foo"));
        yield return Case("id_sticky_across_events", "id: 7\ndata: a\n\ndata: b\n\n", ["event message [a] id=7", "event message [b] id=7"], "7");
        yield return Case("id_set_by_data_less_block", "id: 5\n\ndata: a\n\n", ["event message [a] id=5"], "5");
        yield return Case("id_with_nul_ignored", "id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n", ["event message [a] id=1", "event message [b] id=1"], "1");
        yield return Case("empty_id_resets", "id: 1\ndata: a\n\nid\ndata: b\n\nid: 3\n\nid:\ndata: c\n\n", ["event message [a] id=1", Event("b"), Event("c")]);
        yield return Case("last_id_in_block_wins", "id: 1\nid: 2\ndata: a\n\n", ["event message [a] id=2"], "2");
        yield return Case("id_keeps_spaces", "id:  x \ndata: a\n\n", ["event message [a] id= x "], " x ");
        yield return Case("retry_digits", "retry: 1500\nretry:0\n", Retry(1500), Retry(0));
        yield return Case("retry_not_digits_ignored", "retry: 1a\nretry:\nretry\nretry: -1\nretry:  1\nretry: 1.5\nretry: 2\n", Retry(2));
        yield return Case("retry_does_not_dispatch", "retry: 10\ndata: a\n\n", Retry(10), Event("a"));
        yield return Case("unknown_fields_ignored", "foo: bar\nDATA: x\ndata : y\nData: z\n\ndata: w\n\n", Event("w"));
        yield return Case("unknown_field_without_colon_ignored", "dat\ndataa\n\n");
        yield return Case("partial_event_at_end_discarded", "data: a\n\nid: 9\ndata: b\n", ["event message [a] id="], string.Empty);
        yield return Case("partial_line_at_end_discarded", "id: 4\n\ndata: b", [], "4");
        yield return Case("blank_lines_alone", "\n\r\n\r\n\n");
        yield return Case(
            "jackpot_frames",
            "id: 41\nevent: jackpot_value\ndata: {\"value\":\"372.2\"}\n\nid: 42\nevent: jackpot_won_other\ndata: {\"value\":\"0\"}\n\n",
            ["event jackpot_value [{\"value\":\"372.2\"}] id=41", "event jackpot_won_other [{\"value\":\"0\"}] id=42"],
            "42");
    }

    private static SseParserCase Case(string name, string input, params string[] expected) =>
        new(name, Utf8(input), expected);

    private static SseParserCase Case(string name, string input, string[] expected, string lastEventIdAfterEnd) =>
        new(name, Utf8(input), expected, lastEventIdAfterEnd);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
