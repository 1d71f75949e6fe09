using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Commerce.Testing;

/// <summary>A logger provider that keeps every record it is given, for tests of what a service logs.</summary>
public sealed class LogRecords : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyCollection<LogRecord> Records => _records;

    public ILogger CreateLogger(string categoryName) => new Logger(_records, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<LogRecord> records, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue(new LogRecord(category, logLevel, formatter(state, exception), exception?.ToString()));
    }
}

/// <summary>One log record: its category, level, formatted message and the exception logged with it, as text.</summary>
public sealed record LogRecord(string Category, LogLevel Level, string Message, string? Exception = null);
