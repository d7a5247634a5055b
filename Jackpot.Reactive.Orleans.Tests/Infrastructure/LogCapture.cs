using Microsoft.Extensions.Logging;

namespace Jackpot.Reactive.Orleans.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every line written at any level, as a production sink would write it: the category,
/// the formatted message, every structured value, the scopes and the exception with its inner exceptions and stack.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private IExternalScopeProvider? _scopes;

    /// <summary>Gets every line written so far.</summary>
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

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder();
            line.Append(logLevel).Append(' ').Append(category).Append('[').Append(eventId.Id).Append("] ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            capture._scopes?.ForEachScope((scope, builder) => builder.Append(" | scope=").Append(scope), line);
            if (exception is not null)
            {
                line.Append('\n').Append(exception);
            }

            capture.Add(line.ToString());
        }
    }
}
