using System.Text;

namespace Jackpot.Reactive.Tests.Samples;

/// <summary>
/// A thread-safe <see cref="TextWriter"/> that keeps the lines written to it and lets a test await a line with a timeout
/// (never by sleeping).
/// </summary>
internal sealed class LineRecorder : TextWriter
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private readonly StringBuilder _pending = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public string Text => string.Join('\n', Lines);

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                string line = _pending.ToString().TrimEnd('\r');
                _pending.Clear();
                _lines.Add(line);
                foreach (var waiter in _waiters.Where(waiter => waiter.Match(line)).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Found.TrySetResult(line);
                }
            }
            else
            {
                _pending.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        string text = value ?? string.Empty;
        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0)
        {
            lock (_gate)
            {
                _pending.Append(text);
            }

            return;
        }

        // Everything up to the line break in one append, then the break itself (which completes the line).
        Write(text[..newline]);
        Write('\n');
        Write(text[(newline + 1)..]);
    }

    /// <summary>Waits for a line (already written or still to come) that matches; fails after the timeout.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        TaskCompletionSource<string> found;
        lock (_gate)
        {
            var existing = _lines.FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
        }

        return found.Task.WaitAsync(timeout ?? DefaultTimeout, TestContext.Current.CancellationToken);
    }
}
