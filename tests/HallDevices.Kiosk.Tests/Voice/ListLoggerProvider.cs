using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HallDevices.Kiosk.Tests.Voice;

/// <summary>Keeps every log line ("Warning: message") of every category, for tests that check what the operator is told.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IEnumerable<string> At(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public ILogger<T> CreateLogger<T>() => new Logger<T>(new Factory(this));

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, formatter(state, exception)));
    }

    private sealed class Factory(ListLoggerProvider provider) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
