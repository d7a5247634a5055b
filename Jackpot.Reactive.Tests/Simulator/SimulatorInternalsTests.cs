using System.Text;
using System.Text.Json;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Simulator;

public sealed class SimulatorInternalsTests
{
    private static readonly JackpotPayload Won = new(
        JackpotReasons.Won, "6sca3_LR_7", "6sca3_LR", "8mQhEnuznUe01IsGOE4mPw_user_a@b.com", "EUR", 1408.2m, "6sca3_LR_8");

    [Theory]
    [InlineData("1408.2", "1,408.20")]
    [InlineData("372.2", "372.20")]
    [InlineData("360", "360.00")]
    [InlineData("0", "0.00")]
    [InlineData("1234567.891", "1,234,567.89")]
    public void FormatAmount_LikeTheService_ThousandsSeparatorsAndTwoDecimals(string amount, string expected) =>
        JackpotPayloadFormatter.FormatAmount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);

    [Fact]
    public void ToJson_Win_MatchesTheReferenceSample()
    {
        string json = Encoding.UTF8.GetString(JackpotPayloadFormatter.ToJson(Won));

        json.Should().Be(
            "{\"reason\":\"jackpot_won\",\"jackpotInstance\":\"6sca3_LR_7\",\"jackpot\":\"6sca3_LR\"," +
            "\"channel\":\"8mQhEnuznUe01IsGOE4mPw_user_a@b.com\",\"currency\":\"EUR\",\"value\":\"1,408.20\"," +
            "\"jackpotNewInstance\":\"6sca3_LR_8\"}");
    }

    [Fact]
    public void ToOversizedJson_RequestedSize_IsExactAndWellFormed()
    {
        byte[] json = JackpotPayloadFormatter.ToOversizedJson(Won, 5000);

        json.Should().HaveCount(5000);
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("reason").GetString().Should().Be(JackpotReasons.Value);
        document.RootElement.TryGetProperty("jackpotNewInstance", out _).Should().BeFalse();
    }

    [Fact]
    public void SseFramesEvent_FormatsIdAndData()
    {
        Encoding.UTF8.GetString(SseFrames.Event(1234567890123, "{}"u8)).Should().Be("id: 1234567890123\ndata: {}\n\n");
    }

    [Fact]
    public void HistoryAfter_IdInsideHistory_ReturnsLaterFramesWithoutGap()
    {
        var history = Filled(capacity: 5, count: 8);

        var frames = history.After(5, out bool gap);

        Ids(frames).Should().Equal(6, 7, 8);
        gap.Should().BeFalse();
    }

    [Fact]
    public void HistoryAfter_IdJustBeforeOldest_ReturnsAllWithoutGap()
    {
        var frames = Filled(capacity: 5, count: 8).After(3, out bool gap);

        Ids(frames).Should().Equal(4, 5, 6, 7, 8);
        gap.Should().BeFalse();
    }

    [Fact]
    public void HistoryAfter_IdOlderThanHistory_ReturnsAllWithGap()
    {
        var frames = Filled(capacity: 5, count: 8).After(1, out bool gap);

        Ids(frames).Should().Equal(4, 5, 6, 7, 8);
        gap.Should().BeTrue();
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(9, true)]
    public void HistoryAfter_NewestOrFutureId_ReturnsNothing(long lastEventId, bool expectedGap)
    {
        var frames = Filled(capacity: 5, count: 8).After(lastEventId, out bool gap);

        frames.Should().BeEmpty();
        gap.Should().Be(expectedGap);
    }

    [Fact]
    public void HistoryAfter_NoCapacity_ReturnsNothingWithGap()
    {
        var frames = Filled(capacity: 0, count: 3).After(1, out bool gap);

        frames.Should().BeEmpty();
        gap.Should().BeTrue();
    }

    private static EventHistory Filled(int capacity, int count)
    {
        var history = new EventHistory(capacity);
        for (long id = 1; id <= count; id++)
        {
            history.Append(id, SseFrames.Event(id, "{}"u8));
        }

        return history;
    }

    private static IEnumerable<long> Ids(IReadOnlyList<byte[]> frames) =>
        frames.Select(f => long.Parse(Encoding.UTF8.GetString(f).Split('\n')[0][4..], System.Globalization.CultureInfo.InvariantCulture));
}
