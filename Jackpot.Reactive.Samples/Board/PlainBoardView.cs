namespace Jackpot.Reactive.Samples;

/// <summary>
/// The board for pipes and logs: one line per change — a jackpot's new amount, a win, a connection status change.
/// </summary>
/// <remarks>
/// A line reads <c>12:00:01 3XiLXZkU EUR 1,234.56 (+12.30)</c>: time, jackpot, currency, amount and how it moved. The
/// board change a win causes is told by the win's own line, not twice.
/// </remarks>
internal sealed class PlainBoardView(TextWriter output, PlayerIdRedactor redactor) : IBoardView
{
    private JackpotBoard _shown = JackpotBoard.Empty;
    private bool _stopped;

    public TimeSpan? FrameInterval => null;

    public void OnStarted(string source, DateTimeOffset now) =>
        Write($"{BoardText.Clock(now)} Jackpot board: {redactor.Redact(source)}");

    public void OnBoard(JackpotBoard board, DateTimeOffset now)
    {
        foreach (var (jackpot, entry) in board.Entries)
        {
            _shown.TryGetEntry(jackpot, out var previous);
            if (ReferenceEquals(entry, previous) || entry.LastUpdate is not JackpotValueUpdated)
            {
                continue;
            }

            string change = previous is null ? $"(round {entry.Instance})"
                : previous.Instance != entry.Instance || previous.LastUpdate is not JackpotValueUpdated ? $"(new round {entry.Instance})"
                : $"({BoardText.Delta(entry.Amount - previous.Amount)})";
            Write($"{BoardText.Clock(now)} {jackpot} {entry.Currency} {BoardText.Amount(entry.Amount)} {change}");
        }

        _shown = board;
    }

    public void OnMeter(JackpotMeterReading reading)
    {
        // Plain lines show the amounts as they arrive; the counting-up animation is for the live view.
    }

    public void OnWin(JackpotEvent win, DateTimeOffset now)
    {
        string who = win is JackpotWon ? "*** YOU WON! ***" : "won by another player;";
        Write($"{BoardText.Clock(now)} {win.Jackpot} {win.Currency} {BoardText.Amount(win.Amount)} {who} new round {BoardText.NewInstance(win)}");
    }

    public void OnStatus(string channelLabel, ChannelStatus status, DateTimeOffset now) =>
        Write($"{BoardText.Clock(now)} {channelLabel} channel {redactor.Redact(BoardText.Status(status))}");

    public void OnFrame(DateTimeOffset now)
    {
    }

    public void OnStopped(DateTimeOffset now)
    {
        Write($"{BoardText.Clock(now)} stopped");
        _stopped = true;
        output.Flush();
    }

    private void Write(string line)
    {
        if (!_stopped)
        {
            output.WriteLine(line);
        }
    }
}
