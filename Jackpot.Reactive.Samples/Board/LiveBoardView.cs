using Spectre.Console;
using Spectre.Console.Rendering;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The board for terminals: a Spectre.Console table redrawn at a fixed frame rate, with amounts counting up smoothly
/// (the <c>Tween</c> operator's readings), toasts for other players' wins, a celebration for the player's own win and a
/// connection status line.
/// </summary>
internal sealed class LiveBoardView(LiveDisplayContext display, PlayerIdRedactor redactor, TimeSpan? duration) : IBoardView
{
    private static readonly TimeSpan ToastTime = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan CelebrationTime = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan HighlightTime = TimeSpan.FromSeconds(3);
    private const int MaxToasts = 3;

    private readonly Dictionary<JackpotId, JackpotMeterReading> _meters = [];
    private readonly Dictionary<JackpotId, DateTimeOffset> _wonAt = [];
    private readonly SortedDictionary<string, ChannelStatus> _statuses = new(StringComparer.Ordinal);
    private readonly List<(string Text, DateTimeOffset Until)> _toasts = [];
    private JackpotBoard _board = JackpotBoard.Empty;
    private (JackpotEvent Win, DateTimeOffset Until)? _celebration;
    private string _source = string.Empty;
    private DateTimeOffset? _endsAt;
    private bool _stopped;

    public TimeSpan? FrameInterval { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Builds the first frame, shown before the board starts.</summary>
    public static IRenderable Placeholder() => new Markup("[grey]Starting the jackpot board…[/]");

    public void OnStarted(string source, DateTimeOffset now)
    {
        _source = redactor.Redact(source);
        _endsAt = now + duration;
    }

    public void OnBoard(JackpotBoard board, DateTimeOffset now) => _board = board;

    public void OnMeter(JackpotMeterReading reading) => _meters[reading.Jackpot] = reading;

    public void OnWin(JackpotEvent win, DateTimeOffset now)
    {
        _wonAt[win.Jackpot] = now;
        if (win is JackpotWon)
        {
            _celebration = (win, now + CelebrationTime);
            return;
        }

        _toasts.Add(($"Jackpot {Markup.Escape(win.Jackpot.Value)} was just won by another player: " +
                     $"{Markup.Escape(win.Currency)} {BoardText.Amount(win.Amount)}", now + ToastTime));
        if (_toasts.Count > MaxToasts)
        {
            _toasts.RemoveAt(0);
        }
    }

    public void OnStatus(string channelLabel, ChannelStatus status, DateTimeOffset now) => _statuses[channelLabel] = status;

    public void OnFrame(DateTimeOffset now)
    {
        if (!_stopped)
        {
            display.UpdateTarget(Render(now));
        }
    }

    public void OnStopped(DateTimeOffset now)
    {
        display.UpdateTarget(Render(now));
        _stopped = true;
    }

    private Rows Render(DateTimeOffset now)
    {
        _toasts.RemoveAll(toast => toast.Until <= now);
        if (_celebration is { } celebration && celebration.Until <= now)
        {
            _celebration = null;
        }

        var parts = new List<IRenderable>
        {
            new Markup("[bold yellow]Jackpot.Reactive[/] [bold]live jackpot board[/]"),
            new Markup($"[grey]{Markup.Escape(_source)}[/]"),
            RenderTable(now),
        };
        if (_celebration is { } shown)
        {
            parts.Add(RenderCelebration(shown.Win));
        }

        parts.AddRange(_toasts.Select(toast => new Markup($"[yellow]★ {toast.Text}[/]")));
        parts.Add(new Markup(RenderStatusLine()));
        string ending = _endsAt is { } end ? $" · stops in {Math.Max(0, (int)Math.Ceiling((end - now).TotalSeconds))} s" : string.Empty;
        parts.Add(new Markup($"[grey]Ctrl+C to quit{ending}[/]"));
        return new Rows(parts);
    }

    private Table RenderTable(DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Jackpot");
        table.AddColumn(new TableColumn("Amount").RightAligned());
        table.AddColumn("Round");
        table.AddColumn("Last win");
        if (_board.Count == 0)
        {
            table.AddRow("[grey]waiting for the first values…[/]", string.Empty, string.Empty, string.Empty);
        }

        foreach (var entry in _board.Entries.Values)
        {
            bool justWon = _wonAt.TryGetValue(entry.Jackpot, out var wonAt) && now - wonAt < HighlightTime;
            table.AddRow(
                new Markup(Markup.Escape(entry.Jackpot.Value)),
                new Markup(RenderAmount(entry, justWon)),
                new Markup($"[grey]{Markup.Escape(entry.Instance.Value)}[/]"),
                new Markup(RenderLastWin(entry)));
        }

        return table;
    }

    private string RenderAmount(JackpotBoardEntry entry, bool justWon)
    {
        // The meter counts up towards the latest value; before the new round's first value the old amount stays, dimmed.
        bool metered = _meters.TryGetValue(entry.Jackpot, out var meter) && meter.Instance == entry.Instance;
        decimal amount = metered ? meter!.Amount : entry.Amount;
        string text = Markup.Escape($"{entry.Currency} {BoardText.Amount(amount)}");
        return justWon ? $"[bold black on gold1] {text} [/]"
            : !metered && entry.LastWin is not null ? $"[grey]{text}[/]"
            : metered && meter!.Amount != meter.Target ? $"[bold green]{text}[/]"
            : $"[bold]{text}[/]";
    }

    private static string RenderLastWin(JackpotBoardEntry entry) => entry.LastWin switch
    {
        null => "[grey]–[/]",
        var win when entry.LastWinWasPlayer => $"[bold gold1]you! {Markup.Escape(win.Currency)} {BoardText.Amount(win.Amount)}[/]",
        var win => $"another player, {Markup.Escape(win.Currency)} {BoardText.Amount(win.Amount)}",
    };

    private static Panel RenderCelebration(JackpotEvent win) =>
        new Panel(new Rows(
                new FigletText("YOU WON!").Color(Color.Gold1),
                new Markup($"[bold gold1]🎉 {Markup.Escape(win.Currency)} {BoardText.Amount(win.Amount)} on jackpot " +
                           $"{Markup.Escape(win.Jackpot.Value)} — congratulations! 🎉[/]")))
            .Border(BoxBorder.Double)
            .BorderColor(Color.Gold1);

    private string RenderStatusLine()
    {
        if (_statuses.Count == 0)
        {
            return "[grey]● connecting…[/]";
        }

        return string.Join("   ", _statuses.Select(pair =>
        {
            string color = pair.Value.State switch
            {
                ChannelState.Open => "green",
                ChannelState.Connecting or ChannelState.Reconnecting => "yellow",
                ChannelState.Failed => "red",
                _ => "grey",
            };
            string text = Markup.Escape($"{pair.Key}: {redactor.Redact(BoardText.Status(pair.Value))}");
            return $"[{color}]●[/] {text}";
        }));
    }
}
