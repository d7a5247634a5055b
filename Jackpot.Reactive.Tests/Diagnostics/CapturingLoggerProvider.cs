using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Tests.Diagnostics;

/// <summary>One log entry as a provider saw it: the formatted message and every structured value, scopes included.</summary>
internal sealed record CapturedLogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> Values,
    Exception? Exception)
{
    /// <summary>Gets every text a log sink could write for this entry: message, values (and their string forms), exception.</summary>
    public IEnumerable<string> Texts()
    {
        yield return Message;
        foreach (var (key, value) in Values)
        {
            yield return key;
            if (value is not null)
            {
                yield return value.ToString() ?? string.Empty;
            }
        }

        if (Exception is not null)
        {
            yield return Exception.ToString();
        }
    }

    public override string ToString() => $"{Level} [{Category}] ({EventId.Id}) {Message}";
}

/// <summary>An <see cref="ILoggerProvider"/> that keeps every entry of every category, at every level.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private static IReadOnlyList<KeyValuePair<string, object?>> ValuesOf(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> values ? [.. values] : [];

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            string text = state.ToString() ?? string.Empty;
            provider._entries.Enqueue(new CapturedLogEntry(category, LogLevel.None, default, "scope: " + text, ValuesOf(state), null));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider._entries.Enqueue(new CapturedLogEntry(category, logLevel, eventId, formatter(state, exception), ValuesOf(state), exception));
    }
}
